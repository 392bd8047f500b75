import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Measure } from '../../domain/index.js';
import type { ActionItem } from './action-list.js';
import { EXPORT_HEADERS, EXPORT_SHEET, HIDDEN_TITLE, OVERDUE_FILL, actionListWorkbook } from './excel.js';

function item(patch: Partial<Measure> = {}, extra: Partial<ActionItem> = {}): ActionItem {
  const measure: Measure = {
    id: 'm1',
    title: 'Oppdatere rutinen for legemiddelhåndtering',
    description: '',
    source: { type: 'deviation', deviationId: 'd1' },
    ownerId: 'p1',
    unitId: 'sh-a',
    deadline: '2026-03-31',
    status: 'open',
    createdAt: '2026-03-01T08:00:00.000Z',
    completedAt: null,
    evaluation: null,
    cancelReason: null,
    ...patch,
  };
  return { measure, healthDetailsHidden: false, etag: '"1"', ownerName: 'Kari Nordmann', unitName: 'Avdeling A', sourceLabel: 'AV-2026-00042', overdue: false, ...extra };
}

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(EXPORT_SHEET);
  if (!ws) throw new Error('no sheet');
  return ws;
}

const info = { generatedAt: new Date('2026-04-02T10:15:00Z'), filters: ['Status: Åpen, Pågår'], capped: false, cap: 10_000 };

describe('actionListWorkbook', () => {
  it('has Norwegian headers, a frozen header row and an autofilter over the data', async () => {
    const ws = await read(await actionListWorkbook([item(), item({ id: 'm2' })], info));
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const filter = ws.autoFilter as unknown as string | { from: unknown; to: unknown };
    // exceljs reads the range back as text.
    expect(typeof filter === 'string' ? filter : JSON.stringify(filter)).toMatch(/A1:J3/);
  });

  it('writes deadlines and completion days as real dates shown dd.mm.yyyy (Oslo calendar days)', async () => {
    const ws = await read(
      await actionListWorkbook(
        [item({ deadline: '2026-12-31', status: 'done', completedAt: '2026-12-31T23:30:00.000Z', evaluation: 'Fungerte.' })],
        info,
      ),
    );
    const deadline = ws.getRow(2).getCell(6);
    expect(deadline.value).toBeInstanceOf(Date);
    expect((deadline.value as Date).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(deadline.numFmt).toBe('dd.mm.yyyy');
    const done = ws.getRow(2).getCell(9);
    // 23:30 UTC on New Year's Eve is 1 January in Oslo.
    expect((done.value as Date).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(done.numFmt).toBe('dd.mm.yyyy');
    expect(ws.getRow(2).getCell(7).value).toBe('Utført');
    expect(ws.getRow(2).getCell(10).value).toBe('Fungerte.');
  });

  it('highlights overdue rows and only those', async () => {
    const ws = await read(await actionListWorkbook([item({}, { overdue: true }), item({ id: 'm2' })], info));
    const fillOf = (row: number, col: number) => {
      const f = ws.getRow(row).getCell(col).fill;
      return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
    };
    for (let col = 1; col <= EXPORT_HEADERS.length; col++) expect(fillOf(2, col)).toBe(OVERDUE_FILL);
    expect(ws.getRow(2).getCell(8).value).toBe('Ja');
    expect(fillOf(3, 1)).toBeUndefined();
    expect(ws.getRow(3).getCell(8).value).toBe('Nei');
  });

  it('names a measure whose text the reader may not see as hidden, as the tab does', async () => {
    const ws = await read(await actionListWorkbook([item({ title: '', evaluation: null }, { healthDetailsHidden: true })], info));
    expect(ws.getRow(2).getCell(1).value).toBe(HIDDEN_TITLE);
    expect(ws.getRow(2).getCell(3).value).toBe('AV-2026-00042');
  });

  it('keeps text that looks like a formula as text', async () => {
    const ws = await read(await actionListWorkbook([item({ title: '=HYPERLINK("http://evil.example","klikk")' })], info));
    const cell = ws.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","klikk")');
  });

  it('says so below the list when it was cut at the cap', async () => {
    const capped = await read(await actionListWorkbook([item()], { ...info, capped: true, cap: 1 }));
    const texts: string[] = [];
    capped.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts.some((t) => t.startsWith('Listen er avkortet til de 1 første radene'))).toBe(true);
    const whole = await read(await actionListWorkbook([item()], info));
    const wholeTexts: string[] = [];
    whole.eachRow((row) => wholeTexts.push(String(row.getCell(1).value)));
    expect(wholeTexts.some((t) => t.includes('avkortet'))).toBe(false);
    expect(wholeTexts.some((t) => t.startsWith('Hentet fra Varde 02.04.2026'))).toBe(true);
  });
});
