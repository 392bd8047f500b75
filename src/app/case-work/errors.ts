// Why a case-work request was refused, in terms the HTTP edge answers directly (404, 403, 409, 400, 503), with a bokmål message.
import type { DomainError, DomainErrorCode } from '../../domain/index.js';
import type { CaseFile } from './views.js';

export type CaseWorkErrorCode = 'notFound' | 'forbidden' | 'conflict' | 'invalidState' | 'invalidRequest' | 'unavailable';

export class CaseWorkError extends Error {
  constructor(
    readonly code: CaseWorkErrorCode,
    message: string,
    /** `field`: which input was wrong (invalidRequest); `current`: the case as it is now, as the viewer may see it (conflict). */
    readonly extra: { readonly field?: string; readonly current?: CaseFile } = {},
  ) {
    super(message);
    this.name = 'CaseWorkError';
  }
}

/** The same answer whether the case does not exist or the viewer may not see it: a refusal tells nothing. */
export const notFound = () => new CaseWorkError('notFound', 'Fant ikke saken.');

export const forbidden = (message = 'Du har ikke tilgang til å behandle denne saken.') => new CaseWorkError('forbidden', message);

export const conflict = (current: CaseFile) =>
  new CaseWorkError('conflict', 'Saken er endret av noen andre etter at du åpnet den. Se endringene og prøv igjen; ingenting av ditt er lagret.', { current });

/** Steps the case's state does not allow now: a conflict with the record, not bad input (as src/server/api/errors.ts answers them). */
const STATE: ReadonlySet<DomainErrorCode> = new Set(['case.invalidTransition', 'case.closed', 'case.analysisNotOpen']);

/** A broken domain rule as a refusal: 403 for permission, 409 for the case's state, 400 for the input. */
export function fromDomain(error: DomainError): CaseWorkError {
  if (error.code === 'case.forbidden') return forbidden(error.message);
  return new CaseWorkError(STATE.has(error.code) ? 'invalidState' : 'invalidRequest', error.message);
}
