// Excel export and import of an assessment (excel.ts has the layout): export for anyone who may read it; import for
// its editors, checking every row — the file's own problems, then the rows as the domain judges them, then each new
// measure's owner and deadline — and storing nothing while any row is wrong.
import { toOsloDate, type Person, type RiskFormColumn, type RiskItem } from '../../domain/index.js';
import { RiskError } from './errors.js';
import { readRiskWorkbook, riskWorkbook, type ExportMeasure } from './excel.js';
import type { RiskWork } from './risk-work.js';
import type { ImportRowError } from './views.js';

export interface ImportOutcome {
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly measuresCreated: number;
}

/** The form's heading of an input field, for messages per cell. */
const COLUMN_OF: Readonly<Record<string, RiskFormColumn>> = {
  process: 'Hva skal vurderes?',
  whatCanGoWrong: 'Hva kan gå galt?',
  likelihood: 'Sannsynlighet',
  consequence: 'Konsekvens',
  residualLikelihood: 'Sannsynlighet etter tiltak',
  residualConsequence: 'Konsekvens etter tiltak',
  residualAcceptable: 'Er restrisikoen akseptabel?',
  existingMeasures: 'Hva er gjort for å unngå at det går galt?',
};

/** What an import compares to tell a changed row from an unchanged one. */
const contentOf = (i: RiskItem) =>
  JSON.stringify([i.process, i.whatCanGoWrong, [...i.consequenceTypes].sort(), i.current, i.breachOfLaw, i.existingMeasures, i.doneEnough, i.residual, i.residualAcceptable, i.reportToKlg]);

const sameTitle = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

export class RiskExcel {
  constructor(
    private readonly work: RiskWork,
    private readonly personByEmail: (email: string) => Promise<Person | null>,
  ) {}

  async export(viewer: Person, id: string): Promise<{ fileName: string; content: Buffer }> {
    const file = await this.work.assessment(viewer, id);
    const ownerIds = [...new Set(file.items.flatMap((i) => i.measures.map((m) => m.value.ownerId)))];
    const owners = new Map((await Promise.all(ownerIds.map((o) => this.work.deps.person(o)))).filter((p): p is Person => p !== null).map((p) => [p.id, p]));
    const rows = file.items.map((i) => ({
      item: i.item,
      measures: i.measures
        .filter((m) => m.value.status !== 'cancelled')
        .map((m): ExportMeasure => ({ title: m.value.title, ownerName: owners.get(m.value.ownerId)?.name ?? m.value.ownerId, ownerEmail: owners.get(m.value.ownerId)?.email ?? '', deadline: m.value.deadline, done: m.value.status === 'done' })),
    }));
    const content = await riskWorkbook({ assessment: file.assessment, unitName: file.unitName, rows, thresholds: this.work.thresholds });
    const slug = file.unitName
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return { fileName: `risikovurdering-${slug || 'enhet'}-${file.assessment.year}.xlsx`, content };
  }

  async import(viewer: Person, id: string, bytes: Uint8Array, dryRun: boolean): Promise<ImportOutcome> {
    const { stored, rows: existing } = await this.work.editable(viewer, id);
    const sheet = await readRiskWorkbook(bytes);
    const errors: ImportRowError[] = [...sheet.errors];
    const byId = new Map(existing.map((r) => [r.value.id, r]));
    const existingMeasures = await this.work.deps.store.measures(existing.flatMap((r) => r.value.measureIds));
    const measureTitles = new Map<string, string[]>();
    for (const m of existingMeasures) {
      if (m.value.source.type !== 'riskItem') continue;
      const list = measureTitles.get(m.value.source.riskItemId) ?? [];
      list.push(m.value.title);
      measureTitles.set(m.value.source.riskItemId, list);
    }
    const today = toOsloDate(this.work.clock());
    let nextPosition = existing.reduce((max, r) => Math.max(max, r.value.position), -1) + 1;
    const created: RiskItem[] = [];
    const updated: { item: RiskItem; etag: string }[] = [];
    const newMeasures: { itemId: string; title: string; ownerId: string; deadline: string }[] = [];
    let unchanged = 0;
    const owners = new Map<string, Person | null>();

    for (const row of sheet.rows) {
      const rowErrors: ImportRowError[] = [];
      const current = row.id !== null ? byId.get(row.id) : undefined;
      // An id from another assessment (last year's file) makes a new row here: copying by Excel is allowed.
      const base = current?.value ?? this.work.blankItem(stored.value, nextPosition);
      const { item, problems } = this.work.applyInput(base, row.input);
      for (const p of problems) rowErrors.push({ row: row.row, column: COLUMN_OF[p.field] ?? null, message: p.message });
      const known = current ? (measureTitles.get(current.value.id) ?? []) : [];
      for (const line of row.measures) {
        if (known.some((t) => sameTitle(t, line.title))) continue;
        if (line.owner === '') {
          rowErrors.push({ row: row.row, column: 'Ansvar', message: `Tiltaket «${line.title}» mangler ansvarlig: skriv e-postadressen på samme linje i Ansvar.` });
          continue;
        }
        const email = /[^\s()<>,;]+@[^\s()<>,;]+/.exec(line.owner)?.[0]?.toLowerCase();
        if (!email) {
          rowErrors.push({ row: row.row, column: 'Ansvar', message: `Skriv e-postadressen til den ansvarlige for «${line.title}» (for eksempel navn.navnesen@kommune.no).` });
          continue;
        }
        if (!owners.has(email)) owners.set(email, await this.personByEmail(email));
        const owner = owners.get(email);
        if (!owner) rowErrors.push({ row: row.row, column: 'Ansvar', message: `Finner ingen i organisasjonen med e-postadressen ${email}.` });
        if (line.deadline === '') rowErrors.push({ row: row.row, column: 'Frist', message: `Tiltaket «${line.title}» mangler frist.` });
        else if (line.deadline < today) rowErrors.push({ row: row.row, column: 'Frist', message: `Fristen for «${line.title}» (${line.deadline.split('-').reverse().join('.')}) er passert. Et nytt tiltak må ha frist i dag eller senere.` });
        if (owner && line.deadline !== '' && line.deadline >= today) newMeasures.push({ itemId: item.id, title: line.title, ownerId: owner.id, deadline: line.deadline });
      }
      if (rowErrors.length > 0) {
        errors.push(...rowErrors);
        continue;
      }
      if (!current) {
        created.push(item);
        nextPosition++;
      } else if (contentOf(item) !== contentOf(current.value)) updated.push({ item, etag: current.etag });
      else unchanged++;
    }
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      const message = `Filen ble ikke lest inn: ${errors.length} feil${new Set(errors.map((e) => e.row)).size > 1 ? ` i ${new Set(errors.map((e) => e.row)).size} rader` : ''}. Ingenting er lagret. Rett feilene og prøv igjen.`;
      throw new RiskError('invalidRequest', message, {
        rows: errors,
        details: errors.slice(0, 200).map((e) => ({ field: e.row === 0 ? 'fil' : `rad ${e.row}${e.column ? `, ${e.column}` : ''}`, message: e.message })),
      });
    }
    if (!dryRun) {
      await this.work.writeRows(created, updated);
      const unitOf = new Map([...created, ...updated.map((u) => u.item), ...existing.map((r) => r.value)].map((i) => [i.id, i.unitId]));
      for (const m of newMeasures) await this.work.addImportedMeasure(m.itemId, m, unitOf.get(m.itemId) ?? stored.value.unitId);
    }
    return { dryRun, created: created.length, updated: updated.length, unchanged, measuresCreated: newMeasures.length };
  }
}

