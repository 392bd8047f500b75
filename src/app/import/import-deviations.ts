// Use case: import deviations from another system or from Excel — validate every row first, then write all, safe to run again.
import { createHash } from 'node:crypto';
import { type Deviation, caseNumberFor, caseSeriesOf, osloYear } from '../../domain/index.js';
import type { BulkCreateResult, CaseNumberAllocator, DeviationRepository, OrganisationRepository } from '../ports/index.js';
import { type DeviationImport, type ImportRow, type RowError, validateDeviationRows } from './deviation-rows.js';

export interface ImportDeps {
  deviations: DeviationRepository;
  organisation: OrganisationRepository;
  caseNumbers: CaseNumberAllocator;
}

export type ImportOutcome = { kind: 'invalid'; errors: RowError[] } | ({ kind: 'imported'; rows: number } & BulkCreateResult);

/** Rows are written in slices so that progress can be shown and a failure loses little. */
const SLICE = 200;

/** An imported case's id follows from its import key: the same row always gets the same id. */
function idFor(importKey: string): string {
  const h = createHash('sha256').update(importKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The imported case as Varde keeps it; its history starts with the report and, where it is further on, an import note. */
export function toDeviation(row: DeviationImport, caseNumber: string): Deviation {
  const history: Deviation['history'][number][] = [{ type: 'report', actorId: row.reporterId, at: row.reportedAt, from: null, to: 'new', note: 'Importert' }];
  if (row.status === 'closed' && row.closedAt) history.push({ type: 'close', actorId: row.reporterId, at: row.closedAt, from: 'new', to: 'closed', note: 'Lukket i tidligere system' });
  return {
    id: idFor(row.importKey),
    caseNumber,
    kind: row.kind,
    title: row.title,
    description: row.description,
    location: row.location,
    occurredAt: row.occurredAt,
    reportedAt: row.reportedAt,
    reporterId: row.reporterId,
    unitId: row.unitId,
    severity: row.severity,
    consequenceFor: row.consequenceFor,
    immediateAction: row.immediateAction,
    status: row.status,
    handlerId: null,
    analysis: { whys: [], rootCause: null, causeCategory: null },
    noMeasureReason: null,
    closingNote: row.status === 'closed' ? 'Lukket i tidligere system.' : null,
    closedAt: row.closedAt,
    healthRelated: row.healthRelated,
    measureIds: [],
    riskItemIds: [],
    history,
  };
}

export async function importDeviations(
  sheet: { headers: readonly string[]; rows: readonly ImportRow[] },
  deps: ImportDeps,
  now: Date,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportOutcome> {
  const [units, people] = await Promise.all([deps.organisation.allUnits(), deps.organisation.allPeople()]);
  const unitsByKey = new Map<string, string>();
  for (const u of units) {
    unitsByKey.set(u.id.toLowerCase(), u.id);
    unitsByKey.set(u.name.toLowerCase(), u.id);
  }
  const peopleByEmail = new Map(people.map((p) => [p.email.toLowerCase(), p.id]));
  const checked = validateDeviationRows(sheet.headers, sheet.rows, { unitsByKey, peopleByEmail, now });
  if ('errors' in checked) return { kind: 'invalid', errors: checked.errors };

  // Case numbers: one block per series and Oslo year of the report, in the order the rows came.
  const byYear = new Map<string, DeviationImport[]>();
  for (const row of checked.ok) {
    const key = `${caseSeriesOf(row.kind)}:${osloYear(new Date(row.reportedAt))}`;
    byYear.set(key, [...(byYear.get(key) ?? []), row]);
  }
  const deviations: { importKey: string; value: Deviation }[] = [];
  for (const [key, rows] of byYear) {
    const [series, year] = key.split(':') as ['ordinary' | 'whistleblowing', string];
    const first = await deps.caseNumbers.allocate(series, Number(year), rows.length);
    rows.forEach((row, i) => {
      const number = caseNumberFor(row.kind, new Date(row.reportedAt), first + i);
      if (!number.ok) throw new Error(`Case number out of range for row ${row.rowNumber}.`);
      deviations.push({ importKey: row.importKey, value: toDeviation(row, number.value) });
    });
  }

  const total = { created: 0, alreadyPresent: 0, failed: [] as BulkCreateResult['failed'][number][] };
  for (let at = 0; at < deviations.length; at += SLICE) {
    const result = await deps.deviations.createMany(deviations.slice(at, at + SLICE));
    total.created += result.created;
    total.alreadyPresent += result.alreadyPresent;
    total.failed.push(...result.failed);
    onProgress(Math.min(at + SLICE, deviations.length), deviations.length);
  }
  return { kind: 'imported', rows: deviations.length, ...total };
}
