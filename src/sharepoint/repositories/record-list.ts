// One SharePoint list of domain records keyed by RecordId: idempotent create, get, ETag update, pages and bulk import.
import { type BulkCreateResult, ConcurrencyConflict, DuplicateRecord, type ImportRow, type Page, RecordNotFound, type Stored } from '../../app/ports/index.js';
import { type BatchOptions, type GraphClient, GraphConflictError, GraphNotFoundError, type ODataFilter, where } from '../graph/index.js';
import { type Fields, type RowSource, holdsFields, readEnvelope } from '../mapping/fields.js';
import { bulkCreate } from './bulk-create.js';
import type { ListDirectory, ResolvedList } from './list-directory.js';
import { type ItemQuery, type RawItem, readAll, readPage } from './list-query.js';

export interface RecordMapping<T> {
  /** For error messages: 'Deviation', 'Measure' … */
  readonly entity: string;
  /** The columns `fromFields` reads. */
  readonly columns: readonly string[];
  toFields(value: T): Fields;
  fromFields(fields: unknown, source: RowSource): T;
  idOf(value: T): string;
  /** The unique column holding `idOf(value)`; default RecordId. */
  readonly keyColumn?: string;
}

/** The usual mapping: records keyed by their own `id` in RecordId. */
export function keyedById<T extends { readonly id: string }>(
  entity: string,
  columns: readonly string[],
  toFields: (value: T) => Fields,
  fromFields: (fields: unknown, source: RowSource) => T,
): RecordMapping<T> {
  return { entity, columns, toFields, fromFields, idOf: (value) => value.id };
}

export interface RecordListOptions {
  batch?: BatchOptions;
  /** Item ids remembered per list (RecordId → SharePoint id); ids never change, so the cache never goes stale. Default 20,000. */
  idCacheSize?: number;
}

export class RecordList<T> {
  private readonly itemIds = new Map<string, string>();
  private readonly key: string;

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    readonly listKey: string,
    private readonly mapping: RecordMapping<T>,
    private readonly options: RecordListOptions = {},
  ) {
    this.key = mapping.keyColumn ?? 'RecordId';
  }

  list(): Promise<ResolvedList> {
    return this.directory.resolve(this.listKey);
  }

  /** An item as a stored record; a row that does not map is a CorruptRowError naming list and item. */
  toStored(raw: RawItem, list: ResolvedList): Stored<T> {
    const { itemId, etag, fields } = readEnvelope(raw, list.spec.displayName);
    const value = this.mapping.fromFields(fields, { list: list.spec.displayName, itemId });
    this.remember(this.mapping.idOf(value), itemId);
    return { value, etag };
  }

  /** Creates the record; a retry, or a create whose answer was lost, finds it by RecordId instead of writing it twice. */
  async create(value: T): Promise<Stored<T>> {
    const list = await this.list();
    const id = this.mapping.idOf(value);
    const out = await bulkCreate(this.client, list.path, [{ key: id, fields: this.mapping.toFields(value) }], {
      keyColumn: this.key,
      columns: this.mapping.columns,
      batch: this.options.batch,
    });
    const raw = out.items.get(id);
    if (raw) return this.toStored(raw, list);
    const failure = out.failed[0];
    if (failure?.reason.startsWith('conflict')) throw new DuplicateRecord(this.mapping.entity, id);
    throw new Error(`${this.mapping.entity} ${id} could not be created: ${failure?.reason ?? 'unknown reason'}`);
  }

  /** Bulk import: rows keyed by their import key (the list's ImportKey column). */
  async createMany(rows: readonly ImportRow<T>[]): Promise<BulkCreateResult> {
    if (rows.length === 0) return { created: 0, alreadyPresent: 0, failed: [] };
    const list = await this.list();
    const out = await bulkCreate(
      this.client,
      list.path,
      rows.map((r) => ({ key: r.importKey, fields: this.mapping.toFields(r.value) })),
      { keyColumn: 'ImportKey', columns: [this.key], batch: this.options.batch },
    );
    for (const row of rows) {
      const itemId = out.items.get(row.importKey)?.id;
      if (typeof itemId === 'string') this.remember(this.mapping.idOf(row.value), itemId);
    }
    return { created: out.created, alreadyPresent: out.alreadyPresent, failed: out.failed };
  }

  async get(id: string): Promise<Stored<T> | null> {
    return this.findOne(where.eq(this.key, id));
  }

  /** The one record a filter on a unique column matches, or null. */
  async findOne(filter: ODataFilter): Promise<Stored<T> | null> {
    const list = await this.list();
    const page = await readPage(this.client, { list: list.path, columns: this.mapping.columns, filter, top: 1 });
    const raw = page.items[0];
    return raw ? this.toStored(raw, list) : null;
  }

  /**
   * Saves `next` if the item is still at `etag` (If-Match). A 412 means someone else saved first,
   * unless our own write landed and only its answer was lost (the client then repeats the PATCH,
   * which meets its own new ETag): the item is read again and, if it holds what we sent, that is success.
   */
  async update(next: T, etag: string): Promise<Stored<T>> {
    const list = await this.list();
    const id = this.mapping.idOf(next);
    const itemId = await this.itemIdOf(list, id);
    const fields = this.mapping.toFields(next);
    try {
      const body = await this.client.patch<Record<string, unknown>>(`${list.path}/items/${itemId}/fields`, fields, { ifMatch: etag });
      return this.toStored({ id: itemId, '@odata.etag': body['@odata.etag'], fields: body }, list);
    } catch (err) {
      if (err instanceof GraphNotFoundError) {
        this.itemIds.delete(id);
        throw new RecordNotFound(this.mapping.entity, id);
      }
      if (!(err instanceof GraphConflictError)) throw err;
      // 409: the new values clash with another record on a unique column (a case number).
      if (err.status === 409) throw new DuplicateRecord(this.mapping.entity, id);
      const current = await this.client.get<RawItem>(`${list.path}/items/${itemId}`, { query: { $expand: `fields($select=${this.mapping.columns.join(',')})` } });
      if (holdsFields((current.fields ?? {}) as Record<string, unknown>, fields)) return this.toStored(current, list);
      throw new ConcurrencyConflict(this.mapping.entity, id);
    }
  }

  /**
   * Deletes the record if it is still at `etag` (If-Match; a 412 is a ConcurrencyConflict). Gone already is success: a
   * retried delete whose first answer was lost meets a 404.
   */
  async remove(id: string, etag?: string): Promise<void> {
    const list = await this.list();
    let itemId: string;
    try {
      itemId = await this.itemIdOf(list, id);
    } catch (err) {
      if (err instanceof RecordNotFound) return;
      throw err;
    }
    try {
      await this.client.delete(`${list.path}/items/${itemId}`, etag === undefined ? {} : { ifMatch: etag });
    } catch (err) {
      if (err instanceof GraphNotFoundError) return;
      if (err instanceof GraphConflictError) throw new ConcurrencyConflict(this.mapping.entity, id);
      throw err;
    } finally {
      this.itemIds.delete(id);
    }
  }

  async page(query: Omit<ItemQuery, 'list' | 'columns'>, continuation?: string | null): Promise<Page<Stored<T>>> {
    const list = await this.list();
    const page = await readPage(this.client, { ...query, list: list.path, columns: this.mapping.columns }, continuation);
    return { items: page.items.map((raw) => this.toStored(raw, list)), continuation: page.continuation };
  }

  /** A page of some of each record's columns, read by `read` (a list's rows, where the whole record is not needed). */
  async pageOf<R extends { readonly id: string }>(query: Omit<ItemQuery, 'list' | 'columns'>, columns: readonly string[], read: (fields: unknown, source: RowSource) => R, continuation?: string | null): Promise<Page<R>> {
    const list = await this.list();
    const page = await readPage(this.client, { ...query, list: list.path, columns }, continuation);
    return {
      items: page.items.map((raw) => {
        const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
        const row = read(fields, { list: list.spec.displayName, itemId });
        this.remember(row.id, itemId);
        return row;
      }),
      continuation: page.continuation,
    };
  }

  async all(filter?: ODataFilter): Promise<T[]> {
    const list = await this.list();
    const items = await readAll(this.client, { list: list.path, columns: this.mapping.columns, ...(filter ? { filter } : {}), top: 1000 });
    return items.map((raw) => this.toStored(raw, list).value);
  }

  /** Counts matching items, reading ids only, 5,000 a page. */
  async count(filter?: ODataFilter): Promise<number> {
    const list = await this.list();
    const items = await readAll(this.client, { list: list.path, columns: [this.key], ...(filter ? { filter } : {}), top: 5000 });
    return items.length;
  }

  private async itemIdOf(list: ResolvedList, id: string): Promise<string> {
    const known = this.itemIds.get(id);
    if (known) return known;
    const page = await readPage(this.client, { list: list.path, columns: [this.key], filter: where.eq(this.key, id), top: 1 });
    const itemId = page.items[0]?.id;
    if (typeof itemId !== 'string') throw new RecordNotFound(this.mapping.entity, id);
    this.remember(id, itemId);
    return itemId;
  }

  private remember(id: string, itemId: string): void {
    if (this.itemIds.has(id)) return;
    if (this.itemIds.size >= (this.options.idCacheSize ?? 20_000)) {
      const oldest = this.itemIds.keys().next().value;
      if (oldest !== undefined) this.itemIds.delete(oldest);
    }
    this.itemIds.set(id, itemId);
  }
}
