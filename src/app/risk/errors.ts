// Why a risk request was refused, in terms the HTTP edge answers directly (404, 403, 409, 400, 503), with a bokmål message.
import type { DomainError, DomainErrorCode } from '../../domain/index.js';
import type { AssessmentFile, ImportRowError, ItemFile } from './views.js';

export type RiskErrorCode = 'notFound' | 'forbidden' | 'conflict' | 'invalidState' | 'invalidRequest' | 'unavailable';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class RiskError extends Error {
  constructor(
    readonly code: RiskErrorCode,
    message: string,
    readonly extra: {
      readonly details?: readonly FieldProblem[];
      /** 'conflict': the record as it is now, as the viewer may see it. */
      readonly currentAssessment?: AssessmentFile;
      readonly currentItem?: ItemFile;
      /** An import's problems per row (nothing was imported). */
      readonly rows?: readonly ImportRowError[];
    } = {},
  ) {
    super(message);
    this.name = 'RiskError';
  }
}

/** The same answer whether the record does not exist or the viewer may not see it: a refusal tells nothing. */
export const notFound = (what = 'risikovurderingen') => new RiskError('notFound', `Fant ikke ${what}.`);
export const forbidden = (message = 'Du har ikke tilgang til å endre denne risikovurderingen.') => new RiskError('forbidden', message);
export const invalid = (details: readonly FieldProblem[], message = 'Forespørselen er ugyldig.') => new RiskError('invalidRequest', message, { details });

const STATE: ReadonlySet<DomainErrorCode> = new Set(['risk.invalidTransition', 'risk.committeeMissing']);

/** A broken domain rule: 409 for a step the record's state does not allow, 400 for the input (`field` names it). */
export function fromDomain(error: DomainError, field = '(body)'): RiskError {
  if (STATE.has(error.code)) return new RiskError('invalidState', error.message);
  return new RiskError('invalidRequest', error.message, { details: [{ field, message: error.message }] });
}
