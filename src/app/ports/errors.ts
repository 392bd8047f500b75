// Failures the use cases branch on, in domain terms; adapters translate their own errors into these.

/** Someone else saved the record after it was read: re-read, merge or ask the person, then try again. */
export class ConcurrencyConflict extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was changed by someone else since it was read.`);
    this.name = 'ConcurrencyConflict';
  }
}

/** The record to update does not exist (or is not visible to the app). */
export class RecordNotFound extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found.`);
    this.name = 'RecordNotFound';
  }
}

/**
 * A new record collides on a value that must be unique (its id, or a case number another case
 * already has): nothing was written.
 */
export class DuplicateRecord extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} collides with a stored record on a unique value.`);
    this.name = 'DuplicateRecord';
  }
}
