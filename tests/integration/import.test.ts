// Importing deviations from Excel/CSV against the emulator: all-or-nothing validation, exactly-once writes under faults, case numbers never twice.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDeviations } from '../../src/app/import/import-deviations.js';
import { IMPORT_COLUMNS } from '../../src/app/import/deviation-rows.js';
import type { OrgUnit, Person } from '../../src/domain/index.js';
import type { SharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { readRows } from '../../src/server/import/read-rows.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let repos: SharePointRepositories;
const dir = mkdtempSync(join(tmpdir(), 'varde-import-'));
const now = new Date('2026-11-23T12:00:00Z');
const faults = (body: object) => fetch(`${em.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const units: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: 'p-leder' },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: 'p-leder' },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: 'p-leder' },
];
const people: Person[] = [
  { id: 'p-leder', name: 'Liv Leder', email: 'liv.leder@varde-demo.onmicrosoft.com', upn: 'liv.leder@varde-demo.onmicrosoft.com', unitId: 'husoy', roles: ['unitLeader'] },
  { id: 'p-kari', name: 'Kari Nordmann', email: 'kari.nordmann@varde-demo.onmicrosoft.com', upn: 'kari.nordmann@varde-demo.onmicrosoft.com', unitId: 'husoy', roles: ['employee'] },
];

function rows(n: number, patch: (i: number) => Record<string, string> = () => ({})): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const r: Record<string, string> = {
      'Kilde-id': `gml-${i + 1}`,
      Type: i % 3 === 0 ? 'Nestenuhell' : 'Avvik',
      Tittel: `Hendelse ${i + 1}`,
      Beskrivelse: 'Beskrivelse',
      Sted: 'Bad',
      Tidspunkt: '',
      Meldt: `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${2024 + (i % 2)} 08:00`,
      Enhet: 'Husøy sykehjem',
      'Meldt av': 'kari.nordmann@varde-demo.onmicrosoft.com',
      Alvorlighetsgrad: 'Lav',
      Status: 'Lukket',
      Lukket: '20.11.2026',
      'Konsekvens for': 'Tjenestemottaker',
      Strakstiltak: '',
      Helseopplysninger: 'Nei',
      ...patch(i),
    };
    return IMPORT_COLUMNS.map((c) => r[c] ?? '');
  });
}

const csv = (body: string[][]) => [IMPORT_COLUMNS.join(';'), ...body.map((r) => r.join(';'))].join('\n');

beforeAll(async () => {
  em = await startTestEmulator();
  ({ repos } = await provisionedSite(em, { userAgent: 'NONISV|Test|Varde/0', connectionRetryBaseMs: 5 }));
  await repos.organisation.upsertUnits(units);
  await repos.organisation.upsertPeople(people);
});

afterAll(async () => {
  await em.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import of deviations', () => {
  it('a file with broken rows imports nothing and names every broken row and column in Norwegian', async () => {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, csv(rows(50, (i): Record<string, string> => (i === 4 ? { Enhet: 'Finnes ikke' } : i === 9 ? { Meldt: '31.02.2025' } : {}))));
    const outcome = await importDeviations(await readRows(file), repos, now);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [6, 'Enhet'],
      [11, 'Meldt'],
    ]);
    expect(await repos.deviations.count()).toBe(0);
  });

  it('5,000 rows under 20 % throttling and connection resets end as exactly 5,000 cases; a second run adds none', async () => {
    const file = join(dir, 'fem-tusen.csv');
    writeFileSync(file, csv(rows(5000)));
    const sheet = await readRows(file);
    await faults({ rate429: 0.1, rate503: 0.1, resetRate: 0.05, retryAfterSeconds: 0, seed: 2026 });
    let outcome;
    try {
      outcome = await importDeviations(sheet, repos, now);
    } finally {
      await faults({ reset: true });
    }
    expect(outcome.kind).toBe('imported');
    if (outcome.kind !== 'imported') return;
    expect(outcome.failed).toEqual([]);
    expect(outcome.created + outcome.alreadyPresent).toBe(5000);
    expect(await repos.deviations.count()).toBe(5000);

    const again = await importDeviations(sheet, repos, now);
    expect(again).toMatchObject({ kind: 'imported', created: 0, alreadyPresent: 5000, failed: [] });
    expect(await repos.deviations.count()).toBe(5000);
  }, 240_000);

  it('an .xlsx with real date cells reads like the CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Avvik');
    ws.addRow([...IMPORT_COLUMNS]);
    const [row] = rows(1, () => ({ 'Kilde-id': 'xlsx-1' }));
    const cells: (string | Date)[] = [...(row as string[])];
    cells[IMPORT_COLUMNS.indexOf('Meldt')] = new Date('2025-06-01T06:00:00Z');
    ws.addRow(cells);
    const file = join(dir, 'avvik.xlsx');
    await wb.xlsx.writeFile(file);
    const sheet = await readRows(file);
    expect(sheet.rows[0]?.cells.Meldt).toBe('2025-06-01T06:00:00.000Z');
    const outcome = await importDeviations(sheet, repos, now);
    expect(outcome).toMatchObject({ kind: 'imported', created: 1 });
  });

  it('files of the wrong type, missing or empty get a clear message', async () => {
    writeFileSync(join(dir, 'x.txt'), 'hei');
    writeFileSync(join(dir, 'tom.csv'), '');
    writeFileSync(join(dir, 'falsk.xlsx'), 'ikke en zip');
    await expect(readRows(join(dir, 'x.txt'))).rejects.toThrow('Filtypen .txt støttes ikke: bruk .xlsx eller .csv.');
    await expect(readRows(join(dir, 'mangler.csv'))).rejects.toThrow(/Fant ikke filen/);
    await expect(readRows(join(dir, 'tom.csv'))).rejects.toThrow('Filen er tom.');
    await expect(readRows(join(dir, 'falsk.xlsx'))).rejects.toThrow(/Excel-filen kan ikke leses/);
  });
});

describe('case-number allocation', () => {
  it('concurrent allocations never hand out a number twice, and raiseTo moves the series past numbers written elsewhere', async () => {
    const firsts = await Promise.all(Array.from({ length: 12 }, () => repos.caseNumbers.allocate('ordinary', 2030, 3)));
    const numbers = firsts.flatMap((f) => [f, f + 1, f + 2]);
    expect(new Set(numbers).size).toBe(36);
    await repos.caseNumbers.raiseTo('ordinary', 2030, 500);
    expect(await repos.caseNumbers.allocate('ordinary', 2030, 1)).toBe(501);
    // The whistleblowing series is counted apart.
    expect(await repos.caseNumbers.allocate('whistleblowing', 2030, 1)).toBe(1);
  });
});
