// Cached look-ups of the organisation for the chat: the unit tree and people by id, read once per few minutes per instance.
import { type OrgUnits, type Person, orgUnitsById } from '../../domain/index.js';
import type { OrganisationRepository } from '../ports/index.js';
import type { LeaderChannelDirectory } from './ports.js';

interface Entry<T> {
  readonly value: Promise<T>;
  readonly until: number;
}

export interface OrgLookupOptions {
  /** How long units, people and channels are kept (default 5 minutes). */
  readonly ttlMs?: number;
  /** How long "no such person" is kept (default 1 minute: a new employee should not wait long). */
  readonly missTtlMs?: number;
  readonly now?: () => number;
  /** People kept at most (default 5,000; the oldest go first). */
  readonly maxPeople?: number;
}

/**
 * Read-through caches: a failed read is not kept, so the next call tries again. The organisation changes
 * seldom and is owned elsewhere (HR sync), so minutes of staleness are fine; access is still decided on
 * the tree as read, and a leader who just left keeps access for at most `ttlMs`.
 */
export class OrgLookups {
  private unitsEntry: Entry<OrgUnits> | null = null;
  private readonly people = new Map<string, Entry<Person | null>>();
  private readonly channels = new Map<string, Entry<string | null>>();
  private readonly ttl: number;
  private readonly missTtl: number;
  private readonly now: () => number;
  private readonly maxPeople: number;

  constructor(
    private readonly organisation: OrganisationRepository,
    private readonly leaderChannels: LeaderChannelDirectory,
    options: OrgLookupOptions = {},
  ) {
    this.ttl = options.ttlMs ?? 5 * 60_000;
    this.missTtl = options.missTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.maxPeople = options.maxPeople ?? 5000;
  }

  units(): Promise<OrgUnits> {
    if (this.unitsEntry && this.unitsEntry.until > this.now()) return this.unitsEntry.value;
    const value = this.organisation.allUnits().then(orgUnitsById);
    const entry = { value, until: this.now() + this.ttl };
    this.unitsEntry = entry;
    value.catch(() => {
      if (this.unitsEntry === entry) this.unitsEntry = null;
    });
    return value;
  }

  person(id: string): Promise<Person | null> {
    const hit = this.people.get(id);
    if (hit && hit.until > this.now()) return hit.value;
    const value = this.organisation.personById(id);
    if (this.people.size >= this.maxPeople) {
      const oldest = this.people.keys().next().value;
      if (oldest !== undefined) this.people.delete(oldest);
    }
    const entry = { value, until: this.now() + this.ttl };
    this.people.delete(id);
    this.people.set(id, entry);
    value.then(
      (p) => {
        // Keep a miss only briefly.
        if (p === null && this.people.get(id) === entry) this.people.set(id, { value, until: this.now() + this.missTtl });
      },
      () => {
        if (this.people.get(id) === entry) this.people.delete(id);
      },
    );
    return value;
  }

  leaderChannel(unitId: string): Promise<string | null> {
    const hit = this.channels.get(unitId);
    if (hit && hit.until > this.now()) return hit.value;
    const value = this.leaderChannels.leaderChannelOf(unitId);
    const entry = { value, until: this.now() + this.ttl };
    this.channels.set(unitId, entry);
    value.catch(() => {
      if (this.channels.get(unitId) === entry) this.channels.delete(unitId);
    });
    return value;
  }

  /** Forgets everything (after an organisation sync). */
  clear(): void {
    this.unitsEntry = null;
    this.people.clear();
    this.channels.clear();
  }
}
