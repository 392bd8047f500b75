// The read log: 'Innsynslogg' in the quality site for ordinary cases, its namesake in the confidential site for whistleblowing reports.
import type { CaseRead, CaseReadLogStore } from '../../app/ports/index.js';
import type { CaseRoute } from '../../domain/index.js';
import { type BatchOptions, type GraphClient, runBatch, where } from '../graph/index.js';
import type { ListDirectory } from './list-directory.js';
import { readAll } from './list-query.js';

const listKey = (route: CaseRoute) => (route === 'confidential' ? 'whistleblowingReads' : 'caseReads');

/**
 * Plain POSTs in `$batch` (20 reads per request): the log has no idempotency key, so a part whose answer
 * was lost is handed back to be sent again and may be logged twice — a duplicate read is harmless, a
 * missing one is not.
 */
export class SharePointCaseReadLog implements CaseReadLogStore {
  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly batch: BatchOptions = {},
  ) {}

  async append(reads: readonly CaseRead[]): Promise<readonly CaseRead[]> {
    const failed: CaseRead[] = [];
    for (const route of ['ordinary', 'confidential'] as const) {
      const mine = reads.filter((r) => r.route === route);
      if (mine.length === 0) continue;
      const list = await this.directory.resolve(listKey(route));
      const answers = await runBatch(
        this.client,
        mine.map((r) => ({ method: 'POST' as const, url: `${list.path}/items`, body: { fields: { Title: r.caseId, CaseId: r.caseId, ReaderId: r.readerId, ReadAt: r.readAt } } })),
        this.batch,
      );
      answers.forEach((answer, i) => {
        if (!answer.ok) failed.push(mine[i] as CaseRead);
      });
    }
    return failed;
  }

  async listForCase(caseId: string, route: CaseRoute): Promise<CaseRead[]> {
    const list = await this.directory.resolve(listKey(route));
    const items = await readAll(this.client, { list: list.path, columns: ['CaseId', 'ReaderId', 'ReadAt'], filter: where.eq('CaseId', caseId), orderBy: [['ReadAt', 'asc']], top: 1000 });
    return items.map((raw) => {
      const f = (raw.fields ?? {}) as Record<string, unknown>;
      return { caseId: String(f.CaseId), route, readerId: String(f.ReaderId), readAt: new Date(String(f.ReadAt)).toISOString() };
    });
  }
}
