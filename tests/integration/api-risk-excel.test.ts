// Excel over real HTTP: an assessment exported in the municipal ROS form's layout and imported back (into itself: no
// change; into a new assessment: the same rows and measures), an edited cell updating its row, and broken files —
// not Excel, a wrong layout, formulas, scores outside 1–5, missing fields, unknown owners — refused with Norwegian
// messages per row while nothing at all is imported.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_FORM_COLUMNS, type RiskFormColumn } from '../../src/domain/index.js';
import { PEOPLE, UNITS } from '../../src/domain/test-fixtures.js';
import type { RiskApiError, RiskAssessmentDetail, RiskImportResult, RiskItemView } from '../../src/server/api/contract-risk.js';
import { apiClient } from '../support/api-client.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-10-20T09:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let stack: AppStack;
const { as, call, get, post } = apiClient(() => stack);
const upload = <T>(who: string, assessmentId: string, bytes: Uint8Array, query = '') =>
  call<T>(who, `/api/risk/assessments/${assessmentId}/import${query}`, { method: 'POST', body: bytes, headers: { 'content-type': XLSX } });

async function exportOf(who: string, assessmentId: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await stack.api(await as(who), `/api/risk/assessments/${assessmentId}/export.xlsx`);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Column number of a form heading ('Id' is column 1). */
const col = (heading: RiskFormColumn) => RISK_FORM_COLUMNS.indexOf(heading) + 2;

/** What must survive a round trip: the form's columns of every row, and each measure's what, who and when. */
const content = (d: RiskAssessmentDetail) =>
  d.items.map((i) => ({
    process: i.process,
    whatCanGoWrong: i.whatCanGoWrong,
    consequenceTypes: i.consequenceTypes,
    current: i.current,
    breachOfLaw: i.breachOfLaw,
    existingMeasures: i.existingMeasures,
    doneEnough: i.doneEnough,
    residual: i.residual,
    residualAcceptable: i.residualAcceptable,
    reportToKlg: i.reportToKlg,
    measures: i.measures.map((m) => [m.title, m.owner.id, m.deadline]),
  }));

let source: RiskAssessmentDetail;
let exported: Uint8Array;

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people: Object.values(PEOPLE) }, now: () => NOW });
  const created = await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', area: 'overall', year: 2027, title: 'ROS Eikeberg 2027' });
  const id = created.body.id;
  const rows = [
    { process: 'Legemiddelhåndtering', whatCanGoWrong: 'Feil dose gis\nog blir ikke oppdaget', consequenceTypes: ['humanInjury', 'reputation'], likelihood: 4, consequence: 4, existingMeasures: 'Dobbeltkontroll', doneEnough: false, residualLikelihood: 2, residualConsequence: 4, residualAcceptable: true },
    { process: 'Personvern', whatCanGoWrong: '=Uvedkommende leser journaler', consequenceTypes: ['privacy', 'ethicsAndCorruption'], likelihood: 2, consequence: 5, breachOfLaw: true, residualLikelihood: 1, residualConsequence: 5, residualAcceptable: true, reportToKlg: true },
    { process: 'Renhold', whatCanGoWrong: 'Smitte spres', consequenceTypes: [], likelihood: 1, consequence: 3 },
  ];
  const items: RiskItemView[] = [];
  for (const r of rows) items.push((await post<RiskItemView>('vl-sh', `/api/risk/assessments/${id}/items`, r)).body);
  await post('vl-sh', `/api/risk/items/${items[0]?.id}/measures`, { title: 'Opplæring i legemiddelhåndtering', ownerId: 'tl-a', deadline: '2027-02-01' });
  await post('vl-sh', `/api/risk/items/${items[0]?.id}/measures`, { title: 'Ny rutine for dobbeltkontroll', ownerId: 'vl-sh', deadline: '2027-01-15' });
  await post('vl-sh', `/api/risk/items/${items[1]?.id}/measures`, { title: 'Tilgangsstyring i journalsystemet', ownerId: 'vl-sh', deadline: '2026-12-01' });
  source = (await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${id}`)).body;
  exported = (await exportOf('vl-sh', id)).bytes;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function newAssessment(title: string): Promise<RiskAssessmentDetail> {
  return (await post<RiskAssessmentDetail>('vl-sh', '/api/risk/assessments', { unitId: 'sh', year: 2027, title })).body;
}

describe('export', () => {
  it('is the form’s layout: a header block, the form’s headings, one row per risk row with colours and measures per line', async () => {
    const { res } = await exportOf('vl-sh', source.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="risikovurdering-eikeberg-sykehjem-2027.xlsx"');
    const ws = (await workbook(exported)).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Risikovurdering');
    expect(ws.getCell('A1').value).toBe('ROS Eikeberg 2027');
    expect(ws.getRow(6).values).toEqual([undefined, 'Id', ...RISK_FORM_COLUMNS]);
    expect(ws.getColumn(1).hidden).toBe(true);
    const first = ws.getRow(7);
    expect(first.getCell(1).value).toBe(source.items[0]?.id);
    expect([first.getCell(col('Sannsynlighet')).value, first.getCell(col('Konsekvens')).value, first.getCell(col('Risiko')).value]).toEqual([4, 4, 16]);
    expect((first.getCell(col('Risiko')).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF7C80');
    expect(first.getCell(col('Menneskelig skade')).value).toBe('x');
    expect(first.getCell(col('Materiell skade')).value).toBeNull();
    expect(first.getCell(col('Tiltak – hva skal gjøres?')).value).toBe('Opplæring i legemiddelhåndtering\nNy rutine for dobbeltkontroll');
    expect(first.getCell(col('Ansvar')).value).toBe('tl-a (tl-a@tonsberg.kommune.no)\nvl-sh (vl-sh@tonsberg.kommune.no)');
    expect(first.getCell(col('Frist')).value).toBe('01.02.2027\n15.01.2027');
    expect(first.getCell(col('Tiltak ok?')).value).toBe('Nei\nNei');
    // Text that looks like a formula stays text.
    expect(ws.getRow(8).getCell(col('Hva kan gå galt?')).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(8).getCell(col('Må meldes til KLG?')).value).toBe('Ja');
  });

  it('is for those who may read the assessment only', async () => {
    expect((await exportOf('vl-ht', source.id)).res.status).toBe(404);
    expect((await exportOf('nurse', source.id)).res.status).toBe(404);
  });
});

describe('import', () => {
  it('of the exported file into the same assessment changes nothing', async () => {
    const res = await upload<RiskImportResult>('vl-sh', source.id, exported);
    expect([res.status, res.body]).toEqual([200, { dryRun: false, created: 0, updated: 0, unchanged: 3, measuresCreated: 0 }]);
    const after = (await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${source.id}`)).body;
    expect(content(after)).toEqual(content(source));
  });

  it('round trip: exported, then imported into a new assessment, gives the same rows and measures', async () => {
    const target = await newAssessment('ROS Eikeberg 2027 (kopi)');
    const dry = await upload<RiskImportResult>('vl-sh', target.id, exported, '?dryRun=true');
    expect(dry.body).toEqual({ dryRun: true, created: 3, updated: 0, unchanged: 0, measuresCreated: 3 });
    expect((await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${target.id}`)).body.items).toEqual([]);
    const res = await upload<RiskImportResult>('vl-sh', target.id, exported);
    expect(res.body).toEqual({ dryRun: false, created: 3, updated: 0, unchanged: 0, measuresCreated: 3 });
    const copy = (await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${target.id}`)).body;
    expect(content(copy)).toEqual(content(source));
    expect(copy.items.every((i) => !source.items.some((s) => s.id === i.id))).toBe(true);
    expect(copy.items.flatMap((i) => i.measures.map((m) => m.sourceId))).toEqual([copy.items[0]?.id, copy.items[0]?.id, copy.items[1]?.id]);
    // And its own export reads back unchanged.
    const again = await upload<RiskImportResult>('vl-sh', target.id, (await exportOf('vl-sh', target.id)).bytes);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, measuresCreated: 0 });
  });

  it('an edited cell updates its row; a new line of Tiltak becomes a measure; words for levels are read', async () => {
    const target = await newAssessment('ROS redigert');
    await upload('vl-sh', target.id, exported);
    const wb = await workbook((await exportOf('vl-sh', target.id)).bytes);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.getRow(9).getCell(col('Sannsynlighet')).value = 'høy';
    ws.getRow(9).getCell(col('Tiltak – hva skal gjøres?')).value = 'Bedre renholdsplan';
    ws.getRow(9).getCell(col('Ansvar')).value = 'VL-SH@tonsberg.kommune.no';
    ws.getRow(9).getCell(col('Frist')).value = '01.03.2027';
    const res = await upload<RiskImportResult>('vl-sh', target.id, await bytesOf(wb));
    expect(res.body).toEqual({ dryRun: false, created: 0, updated: 1, unchanged: 2, measuresCreated: 1 });
    const after = (await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${target.id}`)).body;
    expect(after.items[2]?.current).toEqual({ likelihood: 4, consequence: 3, score: 12, colour: 'red' });
    expect(after.items[2]?.measures.map((m) => [m.title, m.owner.id, m.deadline])).toEqual([['Bedre renholdsplan', 'vl-sh', '2027-03-01']]);
  });
});

describe('broken files: row-level messages in Norwegian, and nothing imported', () => {
  let target: RiskAssessmentDetail;

  beforeAll(async () => {
    target = await newAssessment('ROS for feilprøver');
  });

  async function refused(bytes: Uint8Array): Promise<NonNullable<RiskApiError['error']['rows']>> {
    const res = await upload<RiskApiError>('vl-sh', target.id, bytes);
    expect([res.status, res.body.error.code]).toEqual([400, 'invalidRequest']);
    expect(res.body.error.message).toContain('Ingenting er lagret');
    expect((await get<RiskAssessmentDetail>('vl-sh', `/api/risk/assessments/${target.id}`)).body.items).toEqual([]);
    return res.body.error.rows ?? [];
  }

  async function edited(change: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = await workbook(exported);
    change(wb.worksheets[0] as ExcelJS.Worksheet);
    return bytesOf(wb);
  }

  it('a file that is not Excel', async () => {
    const rows = await refused(new TextEncoder().encode('Hva skal vurderes?;Hva kan gå galt?\nA;B\n'));
    expect(rows).toEqual([{ row: 0, column: null, message: 'Filen kan ikke leses som Excel (.xlsx). Last ned skjemaet fra Varde og fyll det ut der.' }]);
  });

  it('a wrong layout: a moved or renamed column, an extra column, no headings at all', async () => {
    const renamed = await refused(await edited((ws) => (ws.getRow(6).getCell(col('Konsekvens')).value = 'Alvorlighet')));
    expect(renamed).toEqual([{ row: 6, column: 'Konsekvens', message: 'Kolonne L skal ha overskriften «Konsekvens», men har «Alvorlighet». Ikke flytt, fjern eller legg til kolonner.' }]);
    const extra = await refused(await edited((ws) => (ws.getRow(6).getCell(RISK_FORM_COLUMNS.length + 2).value = 'Kommentar')));
    expect(extra[0]?.message).toBe('Kolonne Z («Kommentar») hører ikke til skjemaet. Ikke legg til kolonner.');
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Ark1').getCell('A1').value = 'Hei';
    expect((await refused(await bytesOf(blank)))[0]?.message).toContain('Fant ikke overskriftene i ROS-skjemaet');
  });

  it('formulas and error values, named by cell', async () => {
    const rows = await refused(
      await edited((ws) => {
        ws.getRow(7).getCell(col('Sannsynlighet')).value = { formula: '2+2', result: 4 };
        ws.getRow(8).getCell(col('Konsekvens')).value = { error: '#REF!' };
      }),
    );
    expect(rows).toEqual([
      { row: 7, column: 'Sannsynlighet', message: 'Cellen K7 inneholder en formel. Lim inn verdien i stedet (Lim inn utvalg → Verdier).' },
      { row: 8, column: 'Konsekvens', message: 'Cellen L8 har en feilverdi (#REF!).' },
    ]);
  });

  it('scores outside 1–5, missing mandatory fields, a broken row, unknown owners — every problem, one import of nothing', async () => {
    const rows = await refused(
      await edited((ws) => {
        ws.getRow(7).getCell(col('Sannsynlighet')).value = 7;
        ws.getRow(7).getCell(col('Konsekvens')).value = 'veldig høy';
        ws.getRow(8).getCell(col('Hva skal vurderes?')).value = null;
        ws.getRow(8).getCell(col('Konsekvens etter tiltak')).value = null;
        ws.getRow(9).getCell(col('Menneskelig skade')).value = 'kanskje';
        ws.getRow(9).getCell(col('Lovbrudd?')).value = 'vet ikke';
        // A new row at the bottom, valid in itself: it must not be imported either.
        const fresh = ws.getRow(10);
        fresh.getCell(col('Hva skal vurderes?')).value = 'Brann';
        fresh.getCell(col('Hva kan gå galt?')).value = 'Brann på natt';
        fresh.getCell(col('Sannsynlighet')).value = 2;
        fresh.getCell(col('Konsekvens')).value = 5;
        fresh.getCell(col('Tiltak – hva skal gjøres?')).value = 'Brannøvelse';
        fresh.getCell(col('Ansvar')).value = 'ukjent@tonsberg.kommune.no';
        fresh.getCell(col('Frist')).value = '2027-13-40';
      }),
    );
    expect(rows.map((r) => [r.row, r.column])).toEqual([
      [7, 'Sannsynlighet'],
      [7, 'Konsekvens'],
      [8, 'Hva skal vurderes?'],
      [8, 'Konsekvens etter tiltak'],
      [9, 'Menneskelig skade'],
      [9, 'Lovbrudd?'],
      [10, 'Frist'],
    ]);
    expect(rows[0]?.message).toBe('Sannsynlighet må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «7».');
    expect(rows[1]?.message).toBe('Konsekvens må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «veldig høy».');
    expect(rows[2]?.message).toBe('Fyll ut «Hva skal vurderes?» (hovedprosess eller oppgave).');
    expect(rows[3]?.message).toBe('Fyll ut både sannsynlighet og konsekvens etter tiltak (eller ingen av dem).');
    expect(rows[6]?.message).toBe('«2027-13-40» er ikke en dato. Skriv DD.MM.ÅÅÅÅ.');
  });

  it('rules of the form and of measures: red residual marked acceptable, an owner nobody has, a deadline passed', async () => {
    const rows = await refused(
      await edited((ws) => {
        ws.getRow(7).getCell(col('Sannsynlighet etter tiltak')).value = 4;
        ws.getRow(9).getCell(col('Tiltak – hva skal gjøres?')).value = 'Ny plan\nEnda en plan';
        ws.getRow(9).getCell(col('Ansvar')).value = 'ukjent@tonsberg.kommune.no\nvl-sh@tonsberg.kommune.no';
        ws.getRow(9).getCell(col('Frist')).value = '01.03.2027\n01.01.2026';
      }),
    );
    expect(rows).toEqual([
      { row: 7, column: 'Er restrisikoen akseptabel?', message: 'Rød restrisiko kan ikke være akseptabel: den må håndteres. Legg inn flere tiltak eller svar «nei».' },
      { row: 9, column: 'Ansvar', message: 'Finner ingen i organisasjonen med e-postadressen ukjent@tonsberg.kommune.no.' },
      { row: 9, column: 'Frist', message: 'Fristen for «Enda en plan» (01.01.2026) er passert. Et nytt tiltak må ha frist i dag eller senere.' },
    ]);
  });

  it('a copied row (the same Id twice)', async () => {
    const rows = await refused(
      await edited((ws) => {
        const copy = ws.getRow(10);
        ws.getRow(7).eachCell({ includeEmpty: false }, (cell, n) => (copy.getCell(n).value = cell.value));
      }),
    );
    expect(rows).toEqual([{ row: 10, column: 'Id', message: 'Raden er en kopi av rad 7 (samme Id). Fjern kopien eller tøm Id-cellen for en ny rad.' }]);
  });

  it('only the assessment’s editors import, and only while they may edit', async () => {
    expect((await upload<RiskApiError>('vl-ht', target.id, exported)).status).toBe(404);
    expect((await upload<RiskApiError>('nurse', target.id, exported)).status).toBe(404);
    const empty = await call<RiskApiError>('vl-sh', `/api/risk/assessments/${target.id}/import`, { method: 'POST', body: new Uint8Array(), headers: { 'content-type': XLSX } });
    expect(empty.status).toBe(400);
  });
});
