// What a leader's front page needs in one read: the unit's open cases and open measures.
import type { Deviation, Measure } from '../../domain/index.js';
import type { Page, Stored } from './stored.js';

export interface OpenWork {
  /** Cases not closed, newest first; `continuation` pages on with DeviationRepository.listOpenForUnit. */
  readonly deviations: Page<Stored<Deviation>>;
  /** Open and in-progress measures, earliest deadline first; pages on with MeasureRepository.listOpenForUnit. */
  readonly measures: Page<Stored<Measure>>;
}

export interface DashboardReader {
  /** At most two requests to the store, whatever the unit. */
  openWorkForUnit(unitId: string): Promise<OpenWork>;
}
