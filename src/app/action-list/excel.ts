// The action list as an Excel workbook: Norwegian headers, real dates shown dd.mm.yyyy, overdue rows highlighted,
// autofilter and a frozen header, as a committee secretary would set it up by hand.
//
// Text goes in as plain strings (exceljs writes them as shared strings, never formulas), so a title that starts
// with '=' stays text in Excel.
import ExcelJS from 'exceljs';
import type { MeasureSource, MeasureStatus } from '../../domain/index.js';
import type { ActionItem } from './action-list.js';

export const SOURCE_NB: Readonly<Record<MeasureSource['type'], string>> = {
  deviation: 'Avvik',
  riskItem: 'Risikovurdering',
  audit: 'Revisjon/tilsyn',
  meetingDecision: 'Møtevedtak',
  procedureSelfAssessment: 'Egenvurdering',
};

export const MEASURE_STATUS_NB: Readonly<Record<MeasureStatus, string>> = {
  open: 'Åpen',
  inProgress: 'Pågår',
  done: 'Utført',
  cancelled: 'Avlyst',
};

export const EXPORT_SHEET = 'Aksjonsliste';
export const EXPORT_HEADERS = ['Tiltak', 'Kilde', 'Referanse', 'Enhet', 'Ansvarlig', 'Frist', 'Status', 'Forfalt', 'Utført', 'Evaluering'] as const;
/** The title of a measure whose text the reader may not see (a health-related case's, not theirs), as the tab says it. */
export const HIDDEN_TITLE = 'Skjult (helseopplysninger)';
/** Light red, as Excel's own "Light Red Fill" conditional format. */
export const OVERDUE_FILL = 'FFFFC7CE';
const OVERDUE_FONT = 'FF9C0006';
const HEADER_FILL = 'FFD9E1F2';

export interface ExportInfo {
  /** When the list was taken (shown in the sheet), and whose (no names: the filters only). */
  readonly generatedAt: Date;
  /** The filters in words, e.g. ['Status: Åpen, Pågår', 'Bare forfalte']. */
  readonly filters: readonly string[];
  /** There were more rows than the sheet holds. */
  readonly capped: boolean;
  readonly cap: number;
}

/** A calendar date as Excel's date: midnight UTC, which exceljs writes as that day's serial number (no time of day). */
function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** The Oslo calendar date of an instant, for "Utført". */
function osloDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export async function actionListWorkbook(items: readonly ActionItem[], info: ExportInfo): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Varde';
  wb.created = info.generatedAt;
  const ws = wb.addWorksheet(EXPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: EXPORT_HEADERS[0], key: 'title', width: 48 },
    { header: EXPORT_HEADERS[1], key: 'source', width: 16 },
    { header: EXPORT_HEADERS[2], key: 'reference', width: 16 },
    { header: EXPORT_HEADERS[3], key: 'unit', width: 36 },
    { header: EXPORT_HEADERS[4], key: 'owner', width: 26 },
    { header: EXPORT_HEADERS[5], key: 'deadline', width: 12, style: { numFmt: 'dd.mm.yyyy' } },
    { header: EXPORT_HEADERS[6], key: 'status', width: 10 },
    { header: EXPORT_HEADERS[7], key: 'overdue', width: 9 },
    { header: EXPORT_HEADERS[8], key: 'done', width: 12, style: { numFmt: 'dd.mm.yyyy' } },
    { header: EXPORT_HEADERS[9], key: 'evaluation', width: 48 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle' };

  for (const item of items) {
    const m = item.measure;
    const row = ws.addRow({
      title: item.healthDetailsHidden ? HIDDEN_TITLE : m.title,
      source: SOURCE_NB[m.source.type],
      reference: item.sourceLabel ?? '',
      unit: item.unitName,
      owner: item.ownerName,
      deadline: excelDate(m.deadline),
      status: MEASURE_STATUS_NB[m.status],
      overdue: item.overdue ? 'Ja' : 'Nei',
      done: m.completedAt ? excelDate(osloDate(m.completedAt)) : null,
      evaluation: m.evaluation ?? '',
    });
    if (item.overdue) {
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: OVERDUE_FILL } };
        cell.font = { color: { argb: OVERDUE_FONT } };
      });
    }
  }
  const lastRow = Math.max(1, items.length + 1);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: EXPORT_HEADERS.length } };

  // Below the filtered range, so sorting and filtering leave them where they are.
  const notes: string[] = [];
  if (info.capped) notes.push(`Listen er avkortet til de ${info.cap.toLocaleString('nb-NO')} første radene (etter frist). Snevre inn filteret for å få med resten.`);
  notes.push(`Hentet fra Varde ${new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(info.generatedAt)}.`);
  if (info.filters.length > 0) notes.push(`Filter: ${info.filters.join('; ')}.`);
  ws.addRow([]);
  for (const note of notes) ws.addRow([note]).font = { italic: true, ...(info.capped && note === notes[0] ? { bold: true, color: { argb: OVERDUE_FONT } } : {}) };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
