// Failures of the procedure use cases, in terms the edges map: the API to HTTP statuses and codes, the chat to messages.
import type { ProcedureDocument, ProcedureError } from '../../domain/index.js';

export type ProcedureFailureKind =
  | 'forbidden'
  | 'wrongApprover'
  | 'notFound'
  | 'invalid'
  | 'invalidState'
  | 'conflict'
  | 'duplicateName'
  | 'fileTooLarge'
  | 'unsupportedFileType'
  | 'supersededVersion';

/** Thrown by the use cases; `message` is bokmål for people, `field` names the input at fault, `extra` goes into the answer. */
export class ProcedureFailure extends Error {
  constructor(
    readonly kind: ProcedureFailureKind,
    message: string,
    readonly details: { readonly field?: string; readonly current?: ProcedureDocument; readonly currentEtag?: string; readonly existingId?: string; readonly currentVersion?: string; readonly maxBytes?: number } = {},
  ) {
    super(message);
    this.name = 'ProcedureFailure';
  }
}

/** A domain rule's refusal as the use case's failure. */
export function failureOf(error: ProcedureError, doc?: ProcedureDocument): ProcedureFailure {
  switch (error.code) {
    case 'procedure.forbidden':
      return new ProcedureFailure('forbidden', error.message);
    case 'procedure.wrongApprover':
      return new ProcedureFailure('wrongApprover', error.message);
    case 'procedure.supersededVersion':
      return new ProcedureFailure('supersededVersion', error.message, { currentVersion: doc?.approvedVersion ?? undefined });
    case 'procedure.commentMissing':
      return new ProcedureFailure('invalid', error.message, { field: 'comment' });
    case 'procedure.versionChanged':
      return new ProcedureFailure('conflict', error.message, doc ? { current: doc } : {});
    default:
      return new ProcedureFailure('invalidState', error.message);
  }
}

export const notFound = () => new ProcedureFailure('notFound', 'Fant ikke dokumentet.');
export const forbidden = (message = 'Du har ikke tilgang til å gjøre dette med dokumentet.') => new ProcedureFailure('forbidden', message);
