// An assessment as an Excel workbook in the municipal ROS form's column layout (Tønsberg's form, seed 000), and back.
//
// Export: a header block (title, unit, year, area), the form's group headings, the column headings, then one row per
// risk row. A hidden first column carries the row's id, so an import of the same file updates instead of duplicating.
// Risk and residual risk are filled red/yellow/green as the form shows them; levels have a 1–5 drop-down.
//
// Import reads that layout back and checks every cell before anything is stored: the headings must be the form's,
// levels whole numbers 1–5 (or the words svært lav … svært høy), yes/no cells Ja/Nei, no formulas, no error values.
// Every problem is reported with its row and column in Norwegian; the caller imports nothing while there is one.
import ExcelJS from 'exceljs';
import { RISK_CONSEQUENCE_TYPES, RISK_FORM_COLUMNS, isCalendarDate, riskColour, riskScore, type RiskAssessment, type RiskColour, type RiskConsequenceType, type RiskFormColumn, type RiskItem, type RiskThresholds } from '../../domain/index.js';
import type { ImportRowError } from './views.js';
import type { RiskItemInput } from './risk-work.js';

export const RISK_SHEET = 'Risikovurdering';

const ID_HEADING = 'Id';
/** Column number (1-based) of each heading: 'Id' is column 1. */
const COL: Readonly<Record<RiskFormColumn, number>> = Object.fromEntries(RISK_FORM_COLUMNS.map((h, i) => [h, i + 2])) as Record<RiskFormColumn, number>;
const CONSEQUENCE_COLUMNS: readonly [RiskConsequenceType, RiskFormColumn][] = RISK_CONSEQUENCE_TYPES.map((t, i) => [t, RISK_FORM_COLUMNS[2 + i] as RiskFormColumn]);

export const LEVEL_WORDS = ['svært lav', 'lav', 'middels', 'høy', 'svært høy'] as const;
const FILL: Readonly<Record<RiskColour, string>> = { red: 'FFFF7C80', yellow: 'FFFFEB84', green: 'FFA9D08E' };
const HEADER_FILL = 'FFD9E1F2';
/** Rows of data an import reads at most: a unit's main tasks are dozens, a sector's compilation a few hundred. */
export const MAX_IMPORT_ROWS = 2000;

export const AREA_NB: Readonly<Record<RiskAssessment['context'], string>> = {
  overall: 'Hovedoppgaver (overordnet)',
  planning: 'Plan',
  emergencyPreparedness: 'Beredskap',
  businessPlan: 'Virksomhetsplan',
  environment: 'Miljø',
  informationSecurity: 'Informasjonssikkerhet',
  project: 'Prosjekt',
  hse: 'HMS',
  municipalPlanGoals: 'Mål i kommuneplanen',
};

export interface ExportMeasure {
  readonly title: string;
  readonly ownerName: string;
  readonly ownerEmail: string;
  /** YYYY-MM-DD. */
  readonly deadline: string;
  readonly done: boolean;
}

export interface ExportInput {
  readonly assessment: RiskAssessment;
  readonly unitName: string;
  readonly rows: readonly { readonly item: RiskItem; readonly measures: readonly ExportMeasure[] }[];
  readonly thresholds: RiskThresholds;
}

const yesNo = (v: boolean | null): string => (v === null ? '' : v ? 'Ja' : 'Nei');
const norwegianDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function riskWorkbook(input: ExportInput): Promise<Buffer> {
  const { assessment: a } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Varde';
  const ws = wb.addWorksheet(RISK_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 6 }] });
  ws.getCell('A1').value = a.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  const info: [string, string | number][] = [
    ['Enhet', input.unitName],
    ['År', a.year],
    ['Område', AREA_NB[a.context]],
  ];
  info.forEach(([label, value], i) => {
    ws.getCell(i + 2, 1).value = label;
    ws.getCell(i + 2, 2).value = value;
  });
  // The form's group headings above the columns (seed 000).
  const groups: [RiskFormColumn, RiskFormColumn, string][] = [
    ['Menneskelig skade', 'Dårlig etikk og korrupsjon', 'Hvor galt kan det gå?'],
    ['Sannsynlighet', 'Risiko', 'Rød: høy risiko, må håndteres. Gul: middels, burde håndteres. Grønn: lav.'],
    ['Hva er gjort for å unngå at det går galt?', 'Er restrisikoen akseptabel?', 'Videre vurderinger'],
    ['Tiltak – hva skal gjøres?', 'Tiltak ok?', 'Oppfølging VL: forslag til tiltak der restrisikoen er for høy'],
    ['Må meldes til KLG?', 'Må meldes til KLG?', 'Oppfølging KS'],
  ];
  for (const [from, to, text] of groups) {
    if (COL[from] !== COL[to]) ws.mergeCells(5, COL[from], 5, COL[to]);
    const cell = ws.getCell(5, COL[from]);
    cell.value = text;
    cell.font = { italic: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  }
  const header = ws.getRow(6);
  header.values = [ID_HEADING, ...RISK_FORM_COLUMNS];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  ws.getColumn(1).hidden = true;
  ws.getColumn(1).width = 38;
  for (const h of RISK_FORM_COLUMNS) ws.getColumn(COL[h]).width = h.length > 20 || h.startsWith('Hva') || h.startsWith('Tiltak') ? 36 : 12;

  const t = input.thresholds;
  input.rows.forEach(({ item, measures }, i) => {
    const r = ws.getRow(7 + i);
    const set = (h: RiskFormColumn, v: string | number | null) => {
      r.getCell(COL[h]).value = v === '' ? null : v;
    };
    r.getCell(1).value = item.id;
    set('Hva skal vurderes?', item.process);
    set('Hva kan gå galt?', item.whatCanGoWrong);
    for (const [type, h] of CONSEQUENCE_COLUMNS) set(h, item.consequenceTypes.includes(type) ? 'x' : null);
    set('Sannsynlighet', item.current.likelihood);
    set('Konsekvens', item.current.consequence);
    const score = riskScore(item.current);
    set('Risiko', score);
    r.getCell(COL.Risiko).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[riskColour(score, t)] } };
    set('Lovbrudd?', yesNo(item.breachOfLaw));
    set('Hva er gjort for å unngå at det går galt?', item.existingMeasures);
    set('Har vi gjort nok?', yesNo(item.doneEnough));
    if (item.residual) {
      set('Sannsynlighet etter tiltak', item.residual.likelihood);
      set('Konsekvens etter tiltak', item.residual.consequence);
      const rs = riskScore(item.residual);
      set('Restrisiko', rs);
      r.getCell(COL.Restrisiko).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[riskColour(rs, t)] } };
    }
    set('Er restrisikoen akseptabel?', yesNo(item.residualAcceptable));
    set('Tiltak – hva skal gjøres?', measures.map((m) => m.title).join('\n'));
    set('Ansvar', measures.map((m) => `${m.ownerName} (${m.ownerEmail})`).join('\n'));
    set('Frist', measures.map((m) => norwegianDate(m.deadline)).join('\n'));
    set('Tiltak ok?', measures.map((m) => (m.done ? 'Ja' : 'Nei')).join('\n'));
    set('Må meldes til KLG?', yesNo(item.reportToKlg));
    r.alignment = { wrapText: true, vertical: 'top' };
  });
  // A drop-down of 1–5 on the level columns, for the rows there are and some to add.
  const last = 7 + input.rows.length + 50;
  for (const h of ['Sannsynlighet', 'Konsekvens', 'Sannsynlighet etter tiltak', 'Konsekvens etter tiltak'] as const) {
    for (let row = 7; row <= last; row++) {
      ws.getCell(row, COL[h]).dataValidation = {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1, 5],
        showErrorMessage: true,
        errorTitle: 'Ugyldig verdi',
        error: 'Skriv et helt tall fra 1 (svært lav) til 5 (svært høy).',
      };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── Import ──────────────────────────────────────────────────────────────────────────────────────

export interface ImportedMeasureLine {
  readonly title: string;
  /** As written in Ansvar: an e-mail address, or "Navn (e-post)" as exported. */
  readonly owner: string;
  /** YYYY-MM-DD when it could be read; '' when missing. */
  readonly deadline: string;
}

export interface ImportedRow {
  /** The sheet's row number. */
  readonly row: number;
  readonly id: string | null;
  /** Every field of the row (a full row, not a change). */
  readonly input: Required<Omit<RiskItemInput, 'position'>>;
  readonly measures: readonly ImportedMeasureLine[];
}

export interface ImportedSheet {
  readonly rows: readonly ImportedRow[];
  readonly errors: readonly ImportRowError[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Reads the workbook's first sheet in the form's layout. Never throws for a bad file: everything wrong is in `errors`. */
export async function readRiskWorkbook(bytes: Uint8Array): Promise<ImportedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ row: 0, column: null, message: 'Filen kan ikke leses som Excel (.xlsx). Last ned skjemaet fra Varde og fyll det ut der.' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], errors: [{ row: 0, column: null, message: 'Excel-filen har ingen ark.' }] };

  // The heading row: the first of the first 20 whose column B is the form's first heading.
  let headerRow = 0;
  for (let r = 1; r <= Math.min(20, ws.rowCount); r++) {
    if (norm(textOf(ws.getCell(r, COL['Hva skal vurderes?']).value)) === norm('Hva skal vurderes?')) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === 0) {
    return { rows: [], errors: [{ row: 0, column: null, message: 'Fant ikke overskriftene i ROS-skjemaet (kolonne B skal være «Hva skal vurderes?»). Bruk skjemaet som lastes ned fra Varde.' }] };
  }
  const errors: ImportRowError[] = [];
  const headings = [ID_HEADING, ...RISK_FORM_COLUMNS];
  headings.forEach((h, i) => {
    const found = textOf(ws.getCell(headerRow, i + 1).value);
    if (norm(found) !== norm(h)) errors.push({ row: headerRow, column: h, message: `Kolonne ${columnLetter(i + 1)} skal ha overskriften «${h}», men har «${found}». Ikke flytt, fjern eller legg til kolonner.` });
  });
  const extra = textOf(ws.getCell(headerRow, headings.length + 1).value);
  if (extra !== '') errors.push({ row: headerRow, column: null, message: `Kolonne ${columnLetter(headings.length + 1)} («${extra}») hører ikke til skjemaet. Ikke legg til kolonner.` });
  if (errors.length > 0) return { rows: [], errors };

  const rows: ImportedRow[] = [];
  const seenIds = new Map<string, number>();
  const lastRow = ws.rowCount;
  if (lastRow - headerRow > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [{ row: 0, column: null, message: `Filen har flere enn ${MAX_IMPORT_ROWS} rader. Del den opp.` }] };
  }
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const rowErrors: ImportRowError[] = [];
    const raw = new Map<string, string>();
    /** Columns whose cell was refused as such (a formula, an error value): not judged again as empty or wrong. */
    const broken = new Set<string>();
    let empty = true;
    for (let c = 1; c <= headings.length + 5; c++) {
      const cell = ws.getCell(r, c);
      const heading = headings[c - 1] ?? null;
      const problem = cellProblem(cell);
      if (problem) {
        rowErrors.push({ row: r, column: heading, message: problem });
        if (heading !== null) broken.add(heading);
        empty = false;
        continue;
      }
      const text = textOf(cell.value);
      if (text !== '') empty = false;
      if (heading !== null) raw.set(heading, text);
      else if (text !== '') rowErrors.push({ row: r, column: null, message: `Cellen ${columnLetter(c)}${r} ligger utenfor skjemaets kolonner.` });
    }
    if (empty) continue;
    const get = (h: RiskFormColumn) => raw.get(h) ?? '';
    const err = (column: RiskFormColumn, message: string) => {
      if (!broken.has(column)) rowErrors.push({ row: r, column, message });
    };

    const id = (raw.get(ID_HEADING) ?? '').trim() || null;
    if (id !== null) {
      const first = seenIds.get(id);
      if (first !== undefined) rowErrors.push({ row: r, column: ID_HEADING, message: `Raden er en kopi av rad ${first} (samme Id). Fjern kopien eller tøm Id-cellen for en ny rad.` });
      else seenIds.set(id, r);
    }
    const process = get('Hva skal vurderes?').trim();
    const whatCanGoWrong = get('Hva kan gå galt?').trim();
    if (process === '') err('Hva skal vurderes?', 'Fyll ut «Hva skal vurderes?» (hovedprosess eller oppgave).');
    else if (process.length > 255) err('Hva skal vurderes?', 'Teksten kan ha høyst 255 tegn.');
    if (whatCanGoWrong === '') err('Hva kan gå galt?', 'Fyll ut «Hva kan gå galt?».');
    for (const h of ['Hva kan gå galt?', 'Hva er gjort for å unngå at det går galt?'] as const) if (get(h).length > 4000) err(h, 'Teksten kan ha høyst 4 000 tegn.');

    const consequenceTypes: RiskConsequenceType[] = [];
    for (const [type, h] of CONSEQUENCE_COLUMNS) {
      const v = readMark(get(h));
      if (v === undefined) err(h, `Skriv «x» (eller «Ja») hvis konsekvensen gjelder, ellers la cellen stå tom; ikke «${get(h)}».`);
      else if (v) consequenceTypes.push(type);
    }
    const level = (h: RiskFormColumn, required: boolean): number | null => {
      const text = get(h).trim();
      if (text === '') {
        if (required) err(h, `Fyll ut ${h.toLowerCase()} (1–5).`);
        return null;
      }
      const n = readLevel(text);
      if (n === null) err(h, `${h} må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «${text}».`);
      return n;
    };
    const likelihood = level('Sannsynlighet', true);
    const consequence = level('Konsekvens', true);
    const rl = level('Sannsynlighet etter tiltak', false);
    const rc = level('Konsekvens etter tiltak', false);
    const rlText = get('Sannsynlighet etter tiltak').trim();
    const rcText = get('Konsekvens etter tiltak').trim();
    if ((rlText === '') !== (rcText === '')) err(rlText === '' ? 'Sannsynlighet etter tiltak' : 'Konsekvens etter tiltak', 'Fyll ut både sannsynlighet og konsekvens etter tiltak (eller ingen av dem).');
    const yes = (h: RiskFormColumn): boolean | null | undefined => {
      const v = readYesNo(get(h));
      if (v === undefined) err(h, `Skriv «Ja» eller «Nei» (eller la cellen stå tom), ikke «${get(h)}».`);
      return v;
    };
    const breachOfLaw = yes('Lovbrudd?');
    const doneEnough = yes('Har vi gjort nok?');
    const residualAcceptable = yes('Er restrisikoen akseptabel?');
    const reportToKlg = yes('Må meldes til KLG?');
    for (const line of splitLines(get('Tiltak ok?'))) if (readYesNo(line) === undefined) err('Tiltak ok?', `Skriv «Ja» eller «Nei» per tiltak, ikke «${line}».`);

    // Measures: one per line of "Tiltak", with its Ansvar and Frist on the same line of theirs.
    const titles = splitLines(get('Tiltak – hva skal gjøres?'));
    const owners = splitLines(get('Ansvar'));
    const deadlines = splitLines(get('Frist'));
    if (owners.length > titles.length || deadlines.length > titles.length) err('Ansvar', 'Det er flere linjer i Ansvar eller Frist enn i Tiltak: skriv ett tiltak per linje, med ansvar og frist på samme linje.');
    const measures: ImportedMeasureLine[] = titles.map((title, i) => {
      const d = deadlines[i] ?? '';
      const deadline = d === '' ? '' : (readDate(d) ?? '');
      if (d !== '' && deadline === '') err('Frist', `«${d}» er ikke en dato. Skriv DD.MM.ÅÅÅÅ.`);
      if (title.length > 255) err('Tiltak – hva skal gjøres?', 'Et tiltak kan ha høyst 255 tegn (skriv mer i beskrivelsen i Varde).');
      return { title, owner: owners[i] ?? '', deadline };
    });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: r,
      id,
      input: {
        process,
        whatCanGoWrong,
        consequenceTypes,
        likelihood: likelihood ?? 1,
        consequence: consequence ?? 1,
        breachOfLaw: breachOfLaw ?? false,
        existingMeasures: get('Hva er gjort for å unngå at det går galt?').trim(),
        doneEnough: doneEnough ?? null,
        residualLikelihood: rl,
        residualConsequence: rc,
        residualAcceptable: residualAcceptable ?? null,
        reportToKlg: reportToKlg ?? null,
      },
      measures,
    });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 0, column: null, message: 'Filen har ingen utfylte rader under overskriftene.' });
  return { rows, errors };
}

/** Cells an import refuses whatever the column: formulas (their value may change), error values, pictures of text. */
function cellProblem(cell: ExcelJS.Cell): string | null {
  if (cell.formula !== undefined || cell.type === ExcelJS.ValueType.Formula) return `Cellen ${cell.address} inneholder en formel. Lim inn verdien i stedet (Lim inn utvalg → Verdier).`;
  if (cell.type === ExcelJS.ValueType.Error) return `Cellen ${cell.address} har en feilverdi (${String((cell.value as { error?: string } | null)?.error ?? '#FEIL')}).`;
  return null;
}

/** A cell as text; a date cell (Excel keeps the day at UTC midnight) as YYYY-MM-DD. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return textOf(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

const splitLines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

function readMark(s: string): boolean | undefined {
  const v = norm(s);
  if (v === '' || v === 'nei' || v === 'n') return false;
  if (['x', 'ja', 'j', '✓', '✔', 'true', '1'].includes(v)) return true;
  return undefined;
}

function readYesNo(s: string): boolean | null | undefined {
  const v = norm(s);
  if (v === '') return null;
  if (v === 'ja' || v === 'j' || v === 'x' || v === 'true') return true;
  if (v === 'nei' || v === 'n' || v === 'false') return false;
  return undefined;
}

function readLevel(s: string): number | null {
  const v = norm(s);
  const word = LEVEL_WORDS.indexOf(v as (typeof LEVEL_WORDS)[number]);
  if (word >= 0) return word + 1;
  if (!/^\d+(,0+|\.0+)?$/.test(v)) return null;
  const n = Number(v.replace(',', '.'));
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

function readDate(s: string): string | null {
  const v = s.trim();
  let iso: string | null = null;
  const nb = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (nb) iso = `${nb[3]}-${(nb[2] ?? '').padStart(2, '0')}-${(nb[1] ?? '').padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  return iso !== null && isCalendarDate(iso) ? iso : null;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
