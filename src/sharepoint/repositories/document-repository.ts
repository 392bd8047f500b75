// Procedures and governing documents: files in the 'Prosedyrer' and 'Styringsdokumenter' libraries, with their metadata on the library item.
//
// Per file: an upload that refuses to overwrite (`conflictBehavior=fail`: a re-run keeps the
// stored file and its versions), the file's list item id, then the metadata; the last two in $batch.
import type { BulkCreateResult, BulkFailure, DocumentRepository, NewDocumentFile } from '../../app/ports/index.js';
import type { DocumentKind, GoverningDocument } from '../../domain/index.js';
import { type BatchOptions, type GraphClient, GraphConflictError, runBatch, where } from '../graph/index.js';
import { DOCUMENT_COLUMNS, LIBRARY_OF, documentFromFields, documentToFields } from '../mapping/document.js';
import type { ListDirectory, ResolvedList } from './list-directory.js';
import { type FieldPatch, patchMany } from './patch-many.js';
import { RecordList, type RecordListOptions } from './record-list.js';

const UPLOADS_IN_FLIGHT = 4;

export class SharePointDocumentRepository implements DocumentRepository {
  private readonly libraries: Record<DocumentKind, RecordList<GoverningDocument>>;

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: RecordListOptions = {},
  ) {
    const library = (kind: DocumentKind) =>
      new RecordList<GoverningDocument>(
        client,
        directory,
        LIBRARY_OF[kind],
        { entity: 'Document', columns: DOCUMENT_COLUMNS, toFields: documentToFields, fromFields: (f, s) => documentFromFields(f, s, kind), idOf: (d) => d.id },
        options,
      );
    this.libraries = { procedure: library('procedure'), governingDocument: library('governingDocument') };
  }

  async createMany(files: readonly NewDocumentFile[]): Promise<BulkCreateResult> {
    let created = 0;
    let alreadyPresent = 0;
    const failed: BulkFailure[] = [];
    for (const kind of ['procedure', 'governingDocument'] as const) {
      const mine = files.filter((f) => f.document.kind === kind);
      if (mine.length === 0) continue;
      const list = await this.directory.resolve(LIBRARY_OF[kind]);
      const uploaded: { file: NewDocumentFile; driveItemId: string }[] = [];
      await eachLimited(mine, UPLOADS_IN_FLIGHT, async (file) => {
        try {
          const { id, existed } = await this.upload(list, file);
          if (existed) alreadyPresent++;
          else created++;
          uploaded.push({ file, driveItemId: id });
        } catch (err) {
          failed.push({ importKey: file.fileName, reason: err instanceof Error ? err.message : String(err) });
        }
      });
      failed.push(...(await this.setMetadata(list, uploaded, this.options.batch)));
    }
    return { created, alreadyPresent, failed };
  }

  /** Files whose metadata Varde set (a RecordId); files people put there by hand are not ours to list. */
  list(kind: DocumentKind): Promise<GoverningDocument[]> {
    return this.libraries[kind].all(where.ne('RecordId', null));
  }

  /** PUT is idempotent: a retried upload whose first attempt landed meets the file and reads as already there. */
  private async upload(list: ResolvedList, file: NewDocumentFile): Promise<{ id: string; existed: boolean }> {
    const path = `${list.path}/drive/root:/${encodeURIComponent(file.fileName)}:`;
    try {
      const item = await this.client.put<{ id: string }>(`${path}/content?@microsoft.graph.conflictBehavior=fail`, Buffer.from(file.content), {
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      return { id: item.id, existed: false };
    } catch (err) {
      if (!(err instanceof GraphConflictError)) throw err;
      const item = await this.client.get<{ id: string }>(path, { query: { $select: 'id' } });
      return { id: item.id, existed: true };
    }
  }

  private async setMetadata(list: ResolvedList, uploaded: { file: NewDocumentFile; driveItemId: string }[], batch: BatchOptions | undefined): Promise<BulkFailure[]> {
    const ids = await runBatch<{ id: string }>(
      this.client,
      uploaded.map((u) => ({ method: 'GET', url: `${list.path}/drive/items/${u.driveItemId}/listItem?$select=id` })),
      batch,
    );
    const failed: BulkFailure[] = [];
    const patches: FieldPatch[] = [];
    ids.forEach((answer, i) => {
      const u = uploaded[i] as (typeof uploaded)[number];
      if (answer.ok) patches.push({ key: u.file.fileName, url: `${list.path}/items/${answer.body.id}/fields`, fields: documentToFields(u.file.document) });
      else failed.push({ importKey: u.file.fileName, reason: `${answer.status} ${answer.error.code}` });
    });
    return [...failed, ...(await patchMany(this.client, patches, { batch }))];
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
