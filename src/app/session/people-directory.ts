// Finding people by name for pickers (an owner for a measure, a handler for a case): the organisation read once per few minutes.
import { type OrgUnits, type Person, isWithin } from '../../domain/index.js';
import type { OrganisationRepository } from '../ports/index.js';

export interface PeopleQuery {
  /** That unit and the units below it. */
  readonly unitId?: string;
  /** Part of the name or e-mail address, any case; every word must match. */
  readonly q?: string;
  /** At most this many (default 50). */
  readonly limit?: number;
}

export interface PeopleDirectoryOptions {
  /** How long the list of everyone is kept (default 5 minutes). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Indexed {
  readonly person: Person;
  /** Name and e-mail, lower case, for matching. */
  readonly text: string;
}

const collator = new Intl.Collator('nb', { sensitivity: 'base' });
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('nb');

/**
 * Everyone, read in one paged query and kept for `ttlMs` (a municipality of 60,000 is some 60 pages, once per five
 * minutes per instance, not per keystroke). A failed read is not kept, so the next search tries again.
 */
export class PeopleDirectory {
  private cached: { value: Promise<Indexed[]>; until: number } | null = null;
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(
    private readonly organisation: OrganisationRepository,
    options: PeopleDirectoryOptions = {},
  ) {
    this.ttl = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** People matching the query, sorted by name (Norwegian order), at most `limit`. */
  async search(query: PeopleQuery, units: OrgUnits): Promise<Person[]> {
    const limit = query.limit ?? 50;
    const words = fold(query.q ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const matches = (await this.everyone()).filter(
      (p) => (query.unitId === undefined || isWithin(p.person.unitId, query.unitId, units)) && words.every((w) => p.text.includes(w)),
    );
    return matches
      .map((m) => m.person)
      .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id))
      .slice(0, limit);
  }

  /** Forgets the list (after an organisation sync). */
  clear(): void {
    this.cached = null;
  }

  private everyone(): Promise<Indexed[]> {
    if (this.cached && this.cached.until > this.now()) return this.cached.value;
    const value = this.organisation.allPeople().then((people) => people.map((person) => ({ person, text: `${fold(person.name)} ${fold(person.email)}` })));
    const entry = { value, until: this.now() + this.ttl };
    this.cached = entry;
    value.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return value;
  }
}
