// People's names for lists and histories: asked for many at once (one query per page of cases), kept a few minutes.
import type { Person } from '../../domain/index.js';

export interface PersonNamesOptions {
  /** How long a name (or "no such person") is kept (default 5 minutes). */
  readonly ttlMs?: number;
  /** Names kept at most (default 20,000; the oldest go first). */
  readonly max?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly name: string | null;
  readonly until: number;
}

/**
 * An inbox page names its handlers: asking for each person on its own would cost a request per name, so the
 * names not already kept are asked for together (`lookup`, one query per 25 ids in the repository) and kept.
 */
export class PersonNames {
  private readonly entries = new Map<string, Entry>();
  private readonly ttl: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: (ids: readonly string[]) => Promise<readonly Person[]>,
    options: PersonNamesOptions = {},
  ) {
    this.ttl = options.ttlMs ?? 5 * 60_000;
    this.max = options.max ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /** Names of the ids that name a person; unknown ids are left out. */
  async names(ids: Iterable<string | null | undefined>): Promise<ReadonlyMap<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id !== ''))];
    const now = this.now();
    const missing = wanted.filter((id) => {
      const e = this.entries.get(id);
      return e === undefined || e.until <= now;
    });
    if (missing.length > 0) {
      const found = new Map((await this.lookup(missing)).map((p) => [p.id, p.name]));
      for (const id of missing) this.remember(id, found.get(id) ?? null, now);
    }
    const out = new Map<string, string>();
    for (const id of wanted) {
      const name = this.entries.get(id)?.name;
      if (name) out.set(id, name);
    }
    return out;
  }

  private remember(id: string, name: string | null, now: number): void {
    this.entries.delete(id);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { name, until: now + this.ttl });
  }
}
