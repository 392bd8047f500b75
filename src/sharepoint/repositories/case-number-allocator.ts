// Case-number sequences in SharePoint: one counter item per series and year, advanced with If-Match so two instances never hand out the same number.
import type { CaseNumberAllocator } from '../../app/ports/index.js';
import type { CaseSeries } from '../../domain/index.js';
import { type GraphClient, GraphConflictError, GraphUnknownOutcome, where } from '../graph/index.js';
import { readEnvelope } from '../mapping/fields.js';
import type { ListDirectory } from './list-directory.js';

/** Attempts before giving up under heavy contention (each loser re-reads and tries again). */
const MAX_ATTEMPTS = 25;

interface Counter {
  itemId: string;
  etag: string;
  next: number;
}

export class SharePointCaseNumberAllocator implements CaseNumberAllocator {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async allocate(series: CaseSeries, year: number, count: number): Promise<number> {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive whole number');
    const first = await this.advance(series, year, (next) => next + count);
    return first;
  }

  async raiseTo(series: CaseSeries, year: number, highest: number): Promise<void> {
    await this.advance(series, year, (next) => Math.max(next, highest + 1));
  }

  /** Moves the counter from `next` to `to(next)` under optimistic concurrency; returns the `next` it started from. */
  private async advance(series: CaseSeries, year: number, to: (next: number) => number): Promise<number> {
    const list = await this.directory.resolve(series === 'whistleblowing' ? 'confidentialCaseSequences' : 'caseSequences');
    const key = `${series}:${year}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const counter = await this.read(list.path, list.spec.displayName, key);
      if (!counter) {
        try {
          await this.client.post(`${list.path}/items`, { fields: { Title: key, SeriesKey: key, Next: 1 } });
        } catch (err) {
          // Another instance created it first (409 on the unique key), or our create landed unseen: read again.
          if (!(err instanceof GraphConflictError) && !(err instanceof GraphUnknownOutcome)) throw err;
        }
        continue;
      }
      const target = to(counter.next);
      if (target === counter.next) return counter.next;
      try {
        await this.client.patch(`${list.path}/items/${counter.itemId}/fields`, { Next: target }, { ifMatch: counter.etag });
        return counter.next;
      } catch (err) {
        // Someone else advanced it between our read and write: read and try again, after a short random pause.
        if (!(err instanceof GraphConflictError) && !(err instanceof GraphUnknownOutcome)) throw err;
        await this.sleep(5 + Math.random() * 20 * (attempt + 1));
      }
    }
    throw new Error(`Could not allocate case numbers in series ${key}: too much contention.`);
  }

  private async read(listPath: string, listName: string, key: string): Promise<Counter | undefined> {
    const body = await this.client.get<{ value: unknown[] }>(`${listPath}/items`, {
      filter: where.eq('SeriesKey', key),
      query: { $expand: 'fields($select=SeriesKey,Next)', $top: 1 },
    });
    const raw = body.value[0];
    if (raw === undefined) return undefined;
    const { itemId, etag, fields } = readEnvelope(raw, listName);
    const next = fields.Next;
    if (typeof next !== 'number' || !Number.isInteger(next) || next < 1) throw new Error(`The counter ${key} in ${listName} holds no valid number.`);
    return { itemId, etag, next };
  }
}
