// The store of the organisation tree and the people in it.
import type { OrgUnit, Person } from '../../domain/index.js';
import type { BulkFailure } from './stored.js';

export interface UpsertResult {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records that could not be saved (`importKey` is the record's id); the rest are saved. */
  readonly failed: readonly BulkFailure[];
}

export interface OrganisationRepository {
  /** Creates or updates units by id; fields the domain does not own (a leader channel) are left alone. */
  upsertUnits(units: readonly OrgUnit[]): Promise<UpsertResult>;
  /** Creates or updates people by id. */
  upsertPeople(people: readonly Person[]): Promise<UpsertResult>;
  allUnits(): Promise<OrgUnit[]>;
  /** Everyone, for bulk work such as an import's look-ups (a few paged queries, not one per person). */
  allPeople(): Promise<Person[]>;
  personById(id: string): Promise<Person | null>;
  /** The people with these ids (any number; asked in chunks), in no particular order; unknown ids are left out. */
  peopleByIds(ids: readonly string[]): Promise<Person[]>;
  /** Exact match on the stored address (SharePoint compares text without case; store addresses in lower case). */
  personByEmail(email: string): Promise<Person | null>;
}
