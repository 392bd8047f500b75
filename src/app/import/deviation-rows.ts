// Validates every row of a deviation import (from another system or Excel) before anything is written; messages in bokmål.
import { createHash } from 'node:crypto';
import {
  type CaseStatus,
  type ConsequenceFor,
  type DeviationKind,
  type Severity,
  osloOffsetMinutes,
} from '../../domain/index.js';

/** One row as read from the file: header → text. */
export interface ImportRow {
  rowNumber: number;
  cells: Record<string, string>;
}

export interface RowError {
  rowNumber: number;
  column: string;
  message: string;
}

/** A valid row, ready to become a deviation; ids are resolved, dates are instants. */
export interface DeviationImport {
  rowNumber: number;
  /** Stable per source row: a re-run finds what an earlier run wrote. */
  importKey: string;
  kind: DeviationKind;
  title: string;
  description: string;
  location: string | null;
  occurredAt: string | null;
  reportedAt: string;
  unitId: string;
  reporterId: string;
  severity: Severity | null;
  status: CaseStatus;
  closedAt: string | null;
  consequenceFor: ConsequenceFor[];
  immediateAction: string | null;
  healthRelated: boolean;
}

export interface ImportContext {
  /** Units by id and by name (lower case). */
  unitsByKey: ReadonlyMap<string, string>;
  /** People's ids by e-mail (lower case). */
  peopleByEmail: ReadonlyMap<string, string>;
  now: Date;
}

/** The columns of the import template; `Kilde-id` is the case's id in the old system. */
export const IMPORT_COLUMNS = ['Kilde-id', 'Type', 'Tittel', 'Beskrivelse', 'Sted', 'Tidspunkt', 'Meldt', 'Enhet', 'Meldt av', 'Alvorlighetsgrad', 'Status', 'Lukket', 'Konsekvens for', 'Strakstiltak', 'Helseopplysninger'] as const;
const REQUIRED = ['Type', 'Tittel', 'Meldt', 'Enhet', 'Meldt av'] as const;

const KINDS: Record<string, DeviationKind> = {
  avvik: 'adverseEvent',
  'uønsket hendelse': 'adverseEvent',
  nestenuhell: 'nearMiss',
  'nesten-uhell': 'nearMiss',
  forbedringsforslag: 'improvementProposal',
  'positiv tilbakemelding': 'positiveFeedback',
  'positive tiltak': 'positiveFeedback',
  tilsyn: 'inspectionFinding',
  'funn fra tilsyn': 'inspectionFinding',
  revisjon: 'auditFinding',
  'funn fra revisjon': 'auditFinding',
};
const SEVERITY: Record<string, Severity> = { lav: 'low', middels: 'medium', høy: 'high', kritisk: 'critical' };
const STATUS: Record<string, CaseStatus> = { ny: 'new', mottatt: 'received', 'under analyse': 'underAnalysis', 'tiltak besluttet': 'measuresDecided', lukket: 'closed' };
const CONSEQUENCE: Record<string, ConsequenceFor> = { tjenestemottaker: 'serviceUser', bruker: 'serviceUser', pasient: 'serviceUser', ansatt: 'employee', organisasjon: 'organisation', organisasjonen: 'organisation', miljø: 'environment' };
const YES = new Set(['ja', 'j', 'x', 'true', '1']);
const NO = new Set(['nei', 'n', '', 'false', '0']);
const TITLE_MAX = 255;
const TEXT_MAX = 10_000;

/** Reads a date or date-time as Norwegians write it (31.12.2025 [14:30]) or ISO; local times are Oslo time. */
export function parseOsloDateTime(text: string): Date | undefined {
  const t = text.trim();
  const no = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  let parts: number[];
  if (no) parts = [Number(no[3]), Number(no[2]), Number(no[1]), Number(no[4] ?? 0), Number(no[5] ?? 0), 0];
  else if (iso) {
    if (iso[7]) {
      const d = new Date(t.replace(' ', 'T'));
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    parts = [Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0)];
  } else return undefined;
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(asUtc).getUTCDate() !== d) return undefined; // 31.02 and the like
  // Oslo's offset at that wall time: try the offset of the instant it would be in UTC, then correct once.
  const first = asUtc - osloOffsetMinutes(new Date(asUtc)) * 60_000;
  return new Date(asUtc - osloOffsetMinutes(new Date(first)) * 60_000);
}

export function validateDeviationRows(headers: readonly string[], rows: readonly ImportRow[], ctx: ImportContext): { ok: DeviationImport[] } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const missing = REQUIRED.filter((c) => !headers.some((h) => h.toLowerCase() === c.toLowerCase()));
  if (missing.length > 0) return { errors: missing.map((column) => ({ rowNumber: 1, column, message: `Kolonnen «${column}» mangler i overskriftsraden.` })) };
  if (rows.length === 0) return { errors: [{ rowNumber: 1, column: '', message: 'Filen har ingen rader å importere.' }] };

  const ok: DeviationImport[] = [];
  const seenKeys = new Map<string, number>();
  for (const row of rows) {
    const cell = (name: string) => {
      const key = Object.keys(row.cells).find((k) => k.toLowerCase() === name.toLowerCase());
      return key === undefined ? '' : (row.cells[key] ?? '').trim();
    };
    const err = (column: string, message: string) => errors.push({ rowNumber: row.rowNumber, column, message });
    const before = errors.length;

    const kindText = cell('Type').toLowerCase();
    const kind = KINDS[kindText] ?? (Object.values(KINDS).includes(kindText as DeviationKind) ? (kindText as DeviationKind) : undefined);
    if (!kind) err('Type', kindText.startsWith('varsl') ? 'Varsling om kritikkverdige forhold importeres ikke her: den følger egen, fortrolig rutine.' : `Ukjent type «${cell('Type')}». Bruk Avvik, Nestenuhell, Forbedringsforslag, Positiv tilbakemelding, Tilsyn eller Revisjon.`);

    const title = cell('Tittel');
    if (title === '') err('Tittel', 'Tittel mangler.');
    else if (title.length > TITLE_MAX) err('Tittel', `Tittelen er ${title.length} tegn; høyst ${TITLE_MAX} er tillatt.`);
    for (const col of ['Beskrivelse', 'Strakstiltak'])
      if (cell(col).length > TEXT_MAX) err(col, `Teksten er ${cell(col).length} tegn; høyst ${TEXT_MAX} er tillatt.`);

    const when = (col: string, required: boolean) => {
      const text = cell(col);
      if (text === '') {
        if (required) err(col, `${col} mangler.`);
        return null;
      }
      const d = parseOsloDateTime(text);
      if (!d) {
        err(col, `«${text}» er ikke en gyldig dato. Bruk f.eks. 31.12.2025 14:30 eller 2025-12-31T14:30.`);
        return null;
      }
      if (d.getTime() > ctx.now.getTime()) err(col, `${col} kan ikke være fram i tid.`);
      return d.toISOString();
    };
    const occurredAt = when('Tidspunkt', false);
    const reportedAt = when('Meldt', true);
    if (occurredAt && reportedAt && occurredAt > reportedAt) err('Tidspunkt', 'Hendelsen kan ikke ha skjedd etter at den ble meldt.');

    const unitText = cell('Enhet');
    const unitId = ctx.unitsByKey.get(unitText.toLowerCase());
    if (unitText === '') err('Enhet', 'Enhet mangler.');
    else if (!unitId) err('Enhet', `Ukjent enhet «${unitText}». Bruk enhetens navn eller id slik den står i Varde.`);

    const email = cell('Meldt av').toLowerCase();
    const reporterId = ctx.peopleByEmail.get(email);
    if (email === '') err('Meldt av', 'Meldt av mangler (e-postadresse).');
    else if (!reporterId) err('Meldt av', `Ukjent person «${cell('Meldt av')}». Bruk e-postadressen personen har i kommunen.`);

    const severityText = cell('Alvorlighetsgrad').toLowerCase();
    const severity = severityText === '' ? null : (SEVERITY[severityText] ?? null);
    if (severityText !== '' && !severity) err('Alvorlighetsgrad', `Ukjent alvorlighetsgrad «${cell('Alvorlighetsgrad')}». Bruk Lav, Middels, Høy eller Kritisk.`);
    if (!severity && severityText === '' && (kind === 'adverseEvent' || kind === 'nearMiss')) err('Alvorlighetsgrad', 'Alvorlighetsgrad må oppgis for avvik og nestenuhell.');

    const statusText = cell('Status').toLowerCase();
    const status = statusText === '' ? 'new' : STATUS[statusText];
    if (!status) err('Status', `Ukjent status «${cell('Status')}». Bruk Ny, Mottatt, Under analyse, Tiltak besluttet eller Lukket.`);
    const closedAt = when('Lukket', status === 'closed');
    if (closedAt && status !== 'closed') err('Lukket', 'Lukket-dato er fylt ut, men status er ikke Lukket.');
    if (closedAt && reportedAt && closedAt < reportedAt) err('Lukket', 'Saken kan ikke være lukket før den ble meldt.');

    const consequenceFor: ConsequenceFor[] = [];
    for (const part of cell('Konsekvens for').split(/[,;]/).map((p) => p.trim().toLowerCase()).filter(Boolean)) {
      const c = CONSEQUENCE[part];
      if (c) consequenceFor.push(c);
      else err('Konsekvens for', `Ukjent verdi «${part}». Bruk Tjenestemottaker, Ansatt, Organisasjon eller Miljø.`);
    }

    const healthText = cell('Helseopplysninger').toLowerCase();
    if (!YES.has(healthText) && !NO.has(healthText)) err('Helseopplysninger', 'Skriv Ja eller Nei.');

    const sourceId = cell('Kilde-id');
    // Without an id from the old system, the row's own content is its key: the same row imports once.
    const importKey = `import:${sourceId !== '' ? `id:${sourceId}` : createHash('sha256').update(JSON.stringify(IMPORT_COLUMNS.map((c) => cell(c)))).digest('hex').slice(0, 40)}`.slice(0, 64);
    const earlier = seenKeys.get(importKey);
    if (earlier !== undefined) err(sourceId ? 'Kilde-id' : '', `Raden er lik rad ${earlier}${sourceId ? ` (samme Kilde-id)` : ''}.`);
    seenKeys.set(importKey, row.rowNumber);

    if (errors.length > before || !kind || !reportedAt || !unitId || !reporterId || !status) continue;
    ok.push({
      rowNumber: row.rowNumber,
      importKey,
      kind,
      title,
      description: cell('Beskrivelse'),
      location: cell('Sted') || null,
      occurredAt,
      reportedAt,
      unitId,
      reporterId,
      severity,
      status,
      closedAt,
      consequenceFor: [...new Set(consequenceFor)],
      immediateAction: cell('Strakstiltak') || null,
      healthRelated: YES.has(healthText),
    });
  }
  return errors.length > 0 ? { errors } : { ok };
}
