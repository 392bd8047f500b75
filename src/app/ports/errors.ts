// Failures the use cases branch on, in domain terms; adapters translate their own errors into these.

/** A failure about one stored record, named by its kind and id (never by what it holds). */
abstract class RecordError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Someone else saved the record after it was read: re-read, merge or ask the person, then try again. */
export class ConcurrencyConflict extends RecordError {
  constructor(entity: string, id: string) {
    super(entity, id, `${entity} ${id} was changed by someone else since it was read.`);
  }
}

/** The record to update does not exist (or is not visible to the app). */
export class RecordNotFound extends RecordError {
  constructor(entity: string, id: string) {
    super(entity, id, `${entity} ${id} was not found.`);
  }
}

/**
 * A new record collides on a value that must be unique (its id, or a case number another case
 * already has): nothing was written.
 */
export class DuplicateRecord extends RecordError {
  constructor(entity: string, id: string) {
    super(entity, id, `${entity} ${id} collides with a stored record on a unique value.`);
  }
}
