// The search over the index: every word must match somewhere; title before keywords before text; inflections; snippets;
// deltas (changes, deletions, a full round) keep the index in step.
import { describe, expect, it } from 'vitest';
import type { ProcedureDocument } from '../../domain/index.js';
import type { ChangeFeed, FeedRound } from '../ports/index.js';
import { ProcedureIndex, searchWords } from './procedure-index.js';
import { writeDocx } from './document-files.js';
import { paced } from './pacing.js';

const doc = (id: string, title: string, patch: Partial<ProcedureDocument> = {}): ProcedureDocument => ({
  id,
  kind: 'procedure',
  documentType: 'procedure',
  title,
  description: '',
  keywords: [],
  ownerUnitId: 'sh',
  level: 'unit',
  ownerArea: null,
  reviewerId: 'r',
  appliesToUnitIds: ['sh'],
  appliesToRoles: [],
  relatedRiskItemIds: [],
  status: 'approved',
  fileName: `${id}.docx`,
  driveItemId: `drive-${id}`,
  latestVersion: '1.0',
  approvedVersion: '1.0',
  approvedAt: '2026-01-01T00:00:00.000Z',
  approvedById: 'l',
  readingVersion: '1.0',
  nextReviewDate: '2027-01-01',
  lastReviewedOn: null,
  pending: null,
  approvals: [],
  reviews: [],
  createdById: null,
  ...patch,
});

function feedOf(rounds: FeedRound<ProcedureDocument>[]): ChangeFeed<ProcedureDocument> {
  return { changes: async () => rounds.shift() ?? { kind: 'changes', changed: [], deletedItemIds: [], token: 't' } };
}

describe('searchWords', () => {
  it('lower-cases, drops one-letter words and takes common endings off longer words', () => {
    expect(searchWords('Rutinene for Legemidler, i natt')).toEqual(['rutin', 'for', 'legemidl', 'natt']);
  });
});

describe('ProcedureIndex', () => {
  const texts: Record<string, Uint8Array> = { c: writeDocx('C', ['Dobbeltkontroll av insulin ved legemiddelhåndtering.']) };
  const index = new ProcedureIndex(
    feedOf([
      {
        kind: 'full',
        changed: [
          { itemId: 'p:1', value: doc('a', 'Legemiddelhåndtering') },
          { itemId: 'p:2', value: doc('b', 'Brannvern', { keywords: ['legemiddel'] }) },
          { itemId: 'p:3', value: doc('c', 'Nattevakt') },
          { itemId: 'p:4', value: null },
        ],
        deletedItemIds: [],
        token: 't1',
      },
      { kind: 'changes', changed: [{ itemId: 'p:2', value: doc('b', 'Brannvern og rømning', { keywords: ['legemiddel'] }) }], deletedItemIds: ['p:1'], token: 't2' },
    ]),
    { intervalMs: 0, maxAgeMs: 0, readText: async (d) => texts[d.id] ?? null },
  );

  it('ranks title before keywords before text, and needs every word', async () => {
    await index.sync();
    await index.textsRead();
    expect(index.search('legemiddel').map((h) => h.doc.id)).toEqual(['a', 'b', 'c']);
    expect(index.search('legemiddel insulin').map((h) => h.doc.id)).toEqual(['c']);
    const hit = index.search('insulin')[0];
    expect(hit?.matchedIn).toEqual(['text']);
    expect(hit?.snippet).toContain('Dobbeltkontroll av insulin');
    expect(index.search('ukjent')).toEqual([]);
  });

  it('follows changes and deletions', async () => {
    await index.sync();
    expect(index.get('a')).toBeNull();
    expect(index.get('b')?.title).toBe('Brannvern og rømning');
    expect(index.all().map((d) => d.id).sort()).toEqual(['b', 'c']);
  });
});

describe('paced', () => {
  it('never has more than perSecond requests the service could count in one second, however slow the answers', async () => {
    let t = 0;
    const spans: { start: number; end: number }[] = [];
    const results = await paced([1, 2, 3, 4, 5, 6, 7, 8, 9], { perSecond: 3, concurrency: 4, now: () => t, sleep: async (ms) => void (t += ms) }, async (n) => {
      const start = t;
      // Some answers take most of a second: the service may count such a request at any moment until then.
      t += n % 2 === 0 ? 700 : 10;
      spans.push({ start, end: t });
      if (n === 4) throw new Error('nei');
      return n * 2;
    });
    expect(results.map((r) => (r.ok ? r.value : 'feil'))).toEqual([2, 4, 6, 'feil', 10, 12, 14, 16, 18]);
    // At any moment, the requests the service may still count in the second before it (sent, not yet a second past
    // their answer) are at most 3.
    for (const at of spans.flatMap((s) => [s.start, s.end])) {
      const live = spans.filter((s) => s.start <= at && s.end + 1000 > at).length;
      expect(live).toBeLessThanOrEqual(3);
    }
  });
});
