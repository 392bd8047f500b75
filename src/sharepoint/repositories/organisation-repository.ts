// Units in 'Enheter' and people in 'Personer', keyed by their own ids: upserts write only what changed, and only the domain's columns.
import type { OrganisationRepository, UpsertResult } from '../../app/ports/index.js';
import type { OrgUnit, Person } from '../../domain/index.js';
import { type GraphClient, where } from '../graph/index.js';
import { type Fields, holdsFields, readEnvelope } from '../mapping/fields.js';
import { ORG_UNIT_COLUMNS, PERSON_COLUMNS, orgUnitFromFields, orgUnitToFields, personFromFields, personToFields } from '../mapping/organisation.js';
import { bulkCreate } from './bulk-create.js';
import type { ListDirectory } from './list-directory.js';
import { readAll } from './list-query.js';
import { patchMany } from './patch-many.js';
import { RecordList, type RecordListOptions, type RecordMapping } from './record-list.js';

const unitMapping: RecordMapping<OrgUnit> = {
  entity: 'OrgUnit',
  columns: ORG_UNIT_COLUMNS,
  toFields: orgUnitToFields,
  fromFields: orgUnitFromFields,
  idOf: (u) => u.id,
  keyColumn: 'UnitId',
};

const personMapping: RecordMapping<Person> = {
  entity: 'Person',
  columns: PERSON_COLUMNS,
  toFields: personToFields,
  fromFields: personFromFields,
  idOf: (p) => p.id,
  keyColumn: 'PersonId',
};

export class SharePointOrganisationRepository implements OrganisationRepository {
  private readonly units: RecordList<OrgUnit>;
  private readonly people: RecordList<Person>;

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
    private readonly options: RecordListOptions = {},
  ) {
    this.units = new RecordList(client, directory, 'orgUnits', unitMapping, options);
    this.people = new RecordList(client, directory, 'people', personMapping, options);
  }

  upsertUnits(units: readonly OrgUnit[]): Promise<UpsertResult> {
    return this.upsert('orgUnits', unitMapping, units);
  }

  upsertPeople(people: readonly Person[]): Promise<UpsertResult> {
    return this.upsert('people', personMapping, people);
  }

  allUnits(): Promise<OrgUnit[]> {
    return this.units.all();
  }

  allPeople(): Promise<Person[]> {
    return this.people.all();
  }

  async personById(id: string): Promise<Person | null> {
    return (await this.people.findOne(where.eq('PersonId', id)))?.value ?? null;
  }

  /** 25 ids per query (a `$filter` is bounded in length), the queries side by side. */
  async peopleByIds(ids: readonly string[]): Promise<Person[]> {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let at = 0; at < unique.length; at += 25) chunks.push(unique.slice(at, at + 25));
    const pages = await Promise.all(chunks.map((chunk) => this.people.page({ filter: where.in('PersonId', chunk), top: chunk.length })));
    return pages.flatMap((p) => p.items.map((s) => s.value));
  }

  async personByEmail(email: string): Promise<Person | null> {
    return (await this.people.findOne(where.eq('Email', email)))?.value ?? null;
  }

  /**
   * Reads what is stored (one paged query), then creates what is missing (idempotently, by the
   * unique id column) and patches what differs. Last writer wins: the source of the organisation
   * (HR, Entra ID, the demo seed) is the authority.
   */
  private async upsert<T>(listKey: string, mapping: RecordMapping<T>, records: readonly T[]): Promise<UpsertResult> {
    const key = mapping.keyColumn as string;
    const list = await this.directory.resolve(listKey);
    const stored = new Map<string, { itemId: string; fields: Record<string, unknown> }>();
    for (const raw of await readAll(this.client, { list: list.path, columns: mapping.columns, top: 1000 })) {
      const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
      if (typeof fields[key] === 'string') stored.set(fields[key], { itemId, fields });
    }
    const creates: { key: string; fields: Fields }[] = [];
    const patches: { key: string; url: string; fields: Fields }[] = [];
    let unchanged = 0;
    for (const record of records) {
      const id = mapping.idOf(record);
      const fields = mapping.toFields(record);
      const existing = stored.get(id);
      if (!existing) creates.push({ key: id, fields });
      else if (holdsFields(existing.fields, fields)) unchanged++;
      else patches.push({ key: id, url: `${list.path}/items/${existing.itemId}/fields`, fields });
    }
    const created = await bulkCreate(this.client, list.path, creates, { keyColumn: key, columns: mapping.columns, batch: this.options.batch });
    const failedPatches = await patchMany(this.client, patches, { batch: this.options.batch });
    return {
      // A create that found its row already there (a concurrent or interrupted run) counts as created.
      created: created.created + created.alreadyPresent,
      updated: patches.length - failedPatches.length,
      unchanged,
      failed: [...created.failed, ...failedPatches],
    };
  }
}
