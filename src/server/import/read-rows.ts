// Reads an .xlsx or .csv file into header-keyed text rows, so that validation never sees a file format.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';

export interface SheetRow {
  /** The row's number as the person sees it in Excel (the header is row 1). */
  rowNumber: number;
  cells: Record<string, string>;
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

/** Larger files are refused before parsing: an import of a whole municipality's history is far below this. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export class ImportFileError extends Error {}

export async function readRows(file: string): Promise<Sheet> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportFileError(`Fant ikke filen ${file}.`);
  if (info.size > MAX_IMPORT_BYTES) throw new ImportFileError(`Filen er for stor (${Math.round(info.size / 1e6)} MB); grensen er ${MAX_IMPORT_BYTES / 1e6} MB.`);
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return readCsv(await readFile(file));
  if (ext === '.xlsx') return readXlsx(await readFile(file));
  throw new ImportFileError(`Filtypen ${ext || '(ingen)'} støttes ikke: bruk .xlsx eller .csv.`);
}

/** CSV as Excel writes it in Norway: `;` or `,` separated, UTF-8 with or without BOM. */
export function readCsv(content: Buffer): Sheet {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw new ImportFileError(`CSV-filen kan ikke leses: ${err instanceof Error ? err.message : String(err)}`);
  }
  return toSheet(records.map((cells, i) => ({ rowNumber: i + 1, cells })));
}

export async function readXlsx(content: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('Excel-filen kan ikke leses. Er den en gyldig .xlsx-fil?');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('Excel-filen har ingen ark.');
  const records: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    records.push({ rowNumber, cells });
  });
  return toSheet(records);
}

/** A cell as text: dates as ISO instants, formulas by their cached result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

function toSheet(records: { rowNumber: number; cells: string[] }[]): Sheet {
  const [head, ...body] = records;
  if (!head) throw new ImportFileError('Filen er tom.');
  const headers = head.cells.map((h) => h.trim());
  const rows = body
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({ rowNumber: r.rowNumber, cells: Object.fromEntries(headers.map((h, i) => [h, (r.cells[i] ?? '').trim()])) }));
  return { headers, rows };
}
