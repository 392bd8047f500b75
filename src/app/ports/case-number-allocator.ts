// Hands out case-number sequences: consecutive, never twice, across any number of app instances.
import type { CaseSeries } from '../../domain/index.js';

export interface CaseNumberAllocator {
  /** Reserves `count` consecutive numbers in the series for the (Oslo) year and returns the first. */
  allocate(series: CaseSeries, year: number, count: number): Promise<number>;
  /** After numbers were written from elsewhere (a seed, an import): the next allocation comes after `highest`. */
  raiseTo(series: CaseSeries, year: number, highest: number): Promise<void>;
}
