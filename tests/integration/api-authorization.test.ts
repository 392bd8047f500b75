// Who may read and change what, over real HTTP: every persona against every kind of record, for read and write, with
// the allowed set written out in full as a matrix. A refusal tells nothing: a record the persona may not see is
// answered exactly as one that does not exist (404), one they may see but not change is 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation, person } from '../../src/domain/test-fixtures.js';
import type { ApiError, CaseDetail, CasePage, MeasurePage } from '../../src/server/api/contract.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T10:00:00Z');

/** The personas, each a person of the test municipality (src/domain/test-fixtures.ts). */
const PERSONAS = {
  reporter: 'nurse', // reported the cases below, works in Avdeling A (sh-a)
  otherEmployee: 'nurse-2', // works beside her
  serviceLeader: 'tl-a', // tjenesteleder of Avdeling A
  unitLeaderAbove: 'vl-sh', // virksomhetsleder of Eikeberg sykehjem, above Avdeling A
  otherUnitLeader: 'vl-ht', // virksomhetsleder of Hjemmetjenesten, same sector
  sectorHead: 'ks-mh', // kommunalsjef of Mestring og helse
  otherSectorHead: 'ks-ol', // kommunalsjef of Oppvekst og læring
  qualityAdviser: 'kr',
  chiefExecutive: 'kd',
  whistleblowingRecipient: 'varsel-mottaker',
} as const;
type Persona = keyof typeof PERSONAS;
const personas = Object.keys(PERSONAS) as Persona[];

type RecordKind = 'ordinaryCase' | 'caseInOtherSector' | 'healthCase' | 'whistleblowingReport' | 'measure';
const KINDS: readonly RecordKind[] = ['ordinaryCase', 'caseInOtherSector', 'healthCase', 'whistleblowingReport', 'measure'];

/** details: all of it; blanked: the case without its free text (health details); listed: on the action list; hidden: 404. */
type Read = 'details' | 'blanked' | 'listed' | 'hidden';
/** ok: saved; forbidden: 403; hidden: 404. */
type Write = 'ok' | 'forbidden' | 'hidden';

// ── The matrix ──────────────────────────────────────────────────────────────────────────────────
// prettier-ignore
const READ: Record<Persona, Record<RecordKind, Read>> = {
  //                         ordinaryCase  caseInOtherSector  healthCase   whistleblowingReport  measure
  reporter:                { ordinaryCase: 'details', caseInOtherSector: 'hidden',  healthCase: 'blanked', whistleblowingReport: 'details', measure: 'hidden' },
  otherEmployee:           { ordinaryCase: 'hidden',  caseInOtherSector: 'hidden',  healthCase: 'hidden',  whistleblowingReport: 'hidden',  measure: 'hidden' },
  serviceLeader:           { ordinaryCase: 'details', caseInOtherSector: 'hidden',  healthCase: 'details', whistleblowingReport: 'hidden',  measure: 'listed' },
  unitLeaderAbove:         { ordinaryCase: 'details', caseInOtherSector: 'hidden',  healthCase: 'blanked', whistleblowingReport: 'hidden',  measure: 'listed' },
  otherUnitLeader:         { ordinaryCase: 'hidden',  caseInOtherSector: 'hidden',  healthCase: 'hidden',  whistleblowingReport: 'hidden',  measure: 'hidden' },
  sectorHead:              { ordinaryCase: 'details', caseInOtherSector: 'hidden',  healthCase: 'blanked', whistleblowingReport: 'hidden',  measure: 'listed' },
  otherSectorHead:         { ordinaryCase: 'hidden',  caseInOtherSector: 'details', healthCase: 'hidden',  whistleblowingReport: 'hidden',  measure: 'hidden' },
  qualityAdviser:          { ordinaryCase: 'details', caseInOtherSector: 'details', healthCase: 'blanked', whistleblowingReport: 'hidden',  measure: 'listed' },
  chiefExecutive:          { ordinaryCase: 'details', caseInOtherSector: 'details', healthCase: 'blanked', whistleblowingReport: 'hidden',  measure: 'listed' },
  whistleblowingRecipient: { ordinaryCase: 'hidden',  caseInOtherSector: 'hidden',  healthCase: 'hidden',  whistleblowingReport: 'details', measure: 'hidden' },
};

// prettier-ignore
const WRITE: Record<Persona, Record<RecordKind, Write>> = {
  reporter:                { ordinaryCase: 'forbidden', caseInOtherSector: 'hidden',    healthCase: 'forbidden', whistleblowingReport: 'forbidden', measure: 'hidden' },
  otherEmployee:           { ordinaryCase: 'hidden',    caseInOtherSector: 'hidden',    healthCase: 'hidden',    whistleblowingReport: 'hidden',    measure: 'hidden' },
  serviceLeader:           { ordinaryCase: 'ok',        caseInOtherSector: 'hidden',    healthCase: 'ok',        whistleblowingReport: 'hidden',    measure: 'ok' },
  unitLeaderAbove:         { ordinaryCase: 'ok',        caseInOtherSector: 'hidden',    healthCase: 'ok',        whistleblowingReport: 'hidden',    measure: 'ok' },
  otherUnitLeader:         { ordinaryCase: 'hidden',    caseInOtherSector: 'hidden',    healthCase: 'hidden',    whistleblowingReport: 'hidden',    measure: 'hidden' },
  sectorHead:              { ordinaryCase: 'ok',        caseInOtherSector: 'hidden',    healthCase: 'ok',        whistleblowingReport: 'hidden',    measure: 'ok' },
  otherSectorHead:         { ordinaryCase: 'hidden',    caseInOtherSector: 'ok',        healthCase: 'hidden',    whistleblowingReport: 'hidden',    measure: 'hidden' },
  qualityAdviser:          { ordinaryCase: 'forbidden', caseInOtherSector: 'forbidden', healthCase: 'forbidden', whistleblowingReport: 'hidden',    measure: 'forbidden' },
  chiefExecutive:          { ordinaryCase: 'ok',        caseInOtherSector: 'ok',        healthCase: 'ok',        whistleblowingReport: 'hidden',    measure: 'ok' },
  whistleblowingRecipient: { ordinaryCase: 'hidden',    caseInOtherSector: 'hidden',    healthCase: 'hidden',    whistleblowingReport: 'ok',        measure: 'hidden' },
};

// ── The records ─────────────────────────────────────────────────────────────────────────────────

const teacher = person('laerer', 'sk');
let sequence = 0;
function caseOf(kind: Exclude<RecordKind, 'measure'>, id: string): Deviation {
  sequence++;
  const base = { id, reportedAt: new Date(NOW.getTime() - sequence * 60_000).toISOString(), history: [], title: `Sak ${id}`, description: `Beskrivelse av ${id}` };
  switch (kind) {
    case 'ordinaryCase':
      return deviation({ ...base, caseNumber: `AV-2026-${String(sequence).padStart(5, '0')}`, unitId: 'sh-a', reporterId: 'nurse' });
    case 'caseInOtherSector':
      return deviation({ ...base, caseNumber: `AV-2026-${String(sequence).padStart(5, '0')}`, unitId: 'sk', reporterId: 'laerer' });
    case 'healthCase':
      return deviation({ ...base, caseNumber: `AV-2026-${String(sequence).padStart(5, '0')}`, unitId: 'sh-a', reporterId: 'nurse', healthRelated: true, title: 'Feil dose til beboer' });
    case 'whistleblowingReport':
      return deviation({ ...base, caseNumber: `VA-2026-${String(sequence).padStart(5, '0')}`, kind: 'whistleblowingReport', severity: null, unitId: 'sh-a', reporterId: 'nurse' });
  }
}
const measureOf = (id: string): Measure => ({
  id,
  title: `Tiltak ${id}`,
  description: '',
  source: { type: 'deviation', deviationId: 'read-ord' },
  ownerId: 'tl-a',
  unitId: 'sh-a',
  deadline: '2026-04-01',
  status: 'open',
  createdAt: NOW.toISOString(),
  completedAt: null,
  evaluation: null,
  cancelReason: null,
});

const CASE_KINDS = KINDS.filter((k): k is Exclude<RecordKind, 'measure'> => k !== 'measure');
/** One record of each kind to read, one per persona and kind to write (a write changes it), one for the sweep of every write. */
const CODE: Record<RecordKind, string> = { ordinaryCase: 'ord', caseInOtherSector: 'oth', healthCase: 'hlt', whistleblowingReport: 'wb', measure: 'msr' };
const readId = (kind: RecordKind) => `read-${CODE[kind]}`;
const writeId = (kind: RecordKind, p: Persona) => `write-${CODE[kind]}-${p}`;
const sweepId = (kind: RecordKind) => `sweep-${CODE[kind]}`;

let stack: AppStack;
const tokens = new Map<Persona, string>();

async function call<T>(p: Persona, path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T }> {
  let token = tokens.get(p);
  if (!token) tokens.set(p, (token = await stack.signIn(PERSONAS[p])));
  const res = await stack.api(token, path, init);
  return { status: res.status, body: (await res.json()) as T };
}

const NOT_FOUND = { error: { code: 'notFound', message: 'Fant ikke saken.' } };

beforeAll(async () => {
  const deviations = [
    ...CASE_KINDS.map((k) => caseOf(k, readId(k))),
    ...CASE_KINDS.flatMap((k) => personas.map((p) => caseOf(k, writeId(k, p)))),
    ...CASE_KINDS.map((k) => caseOf(k, sweepId(k))),
  ];
  const measures = [measureOf(readId('measure')), ...personas.map((p) => measureOf(writeId('measure', p))), measureOf(sweepId('measure'))];
  stack = await startAppStack({
    municipality: { units: UNITS, people: [...Object.values(PEOPLE), teacher], deviations, measures },
    whistleblowingRecipientIds: ['varsel-mottaker'],
    now: () => NOW,
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

// ── Read ────────────────────────────────────────────────────────────────────────────────────────

/** What a persona gets when opening the record, and whether it shows in their lists. */
async function readAs(p: Persona, kind: RecordKind): Promise<{ read: Read; listed: boolean }> {
  const id = readId(kind);
  if (kind === 'measure') {
    const list = await call<MeasurePage>(p, '/api/measures?pageSize=100');
    expect(list.status).toBe(200);
    const listed = list.body.items.some((m) => m.id === id);
    return { read: listed ? 'listed' : 'hidden', listed };
  }
  const res = await call<CaseDetail | ApiError>(p, `/api/cases/${id}`);
  let read: Read;
  if (res.status === 404) {
    // Exactly what a case that does not exist gets.
    expect(res.body).toEqual(NOT_FOUND);
    read = 'hidden';
  } else {
    expect(res.status).toBe(200);
    const detail = res.body as CaseDetail;
    expect(detail.id).toBe(id);
    read = detail.healthDetailsHidden ? 'blanked' : 'details';
    if (read === 'blanked') {
      expect(detail).toMatchObject({ title: '', description: '', location: null, immediateAction: null, attachments: [] });
    } else {
      expect(detail.description).toBe(`Beskrivelse av ${id}`);
    }
  }
  // Every inbox the persona has: their units', their own reports, assigned to them; whistleblowing for recipients.
  const lists = ['/api/cases?pageSize=100', '/api/cases?scope=mine&pageSize=100', '/api/cases?scope=handling&pageSize=100', '/api/cases?route=confidential&pageSize=100', '/api/cases?route=confidential&scope=mine&pageSize=100'];
  let listed = false;
  for (const path of lists) {
    const page = await call<CasePage | ApiError>(p, path);
    expect([200, 403]).toContain(page.status);
    if (page.status === 200 && (page.body as CasePage).items.some((i) => i.id === id)) listed = true;
  }
  return { read, listed };
}

describe('read: every persona against every kind of record', () => {
  const cells = personas.flatMap((p) => KINDS.map((k) => [p, k, READ[p][k]] as const));
  it.each(cells)('%s reading %s → %s', async (p, kind, expected) => {
    const { read, listed } = await readAs(p, kind);
    expect(read).toBe(expected);
    expect(listed).toBe(expected !== 'hidden');
  });

  it('the matrix is the whole allowed set: what each persona reads, exactly', async () => {
    const actual: Record<string, Record<string, Read>> = {};
    for (const p of personas) {
      actual[p] = {};
      for (const k of KINDS) (actual[p] as Record<string, Read>)[k] = (await readAs(p, k)).read;
    }
    expect(actual).toEqual(READ);
  });
});

// ── Write ───────────────────────────────────────────────────────────────────────────────────────

async function writeAs(p: Persona, kind: RecordKind, id: string): Promise<Write> {
  if (kind === 'measure') {
    const stored = await stack.repos.measures.get(id);
    const res = await call<ApiError>(p, `/api/measures/${id}/complete`, { method: 'POST', json: { etag: stored?.etag, comment: 'Fungerte.' } });
    const after = (await stack.repos.measures.get(id))?.value.status;
    if (res.status === 200) {
      expect(after).toBe('done');
      return 'ok';
    }
    expect(after).toBe('open');
    return outcome(res);
  }
  const route = kind === 'whistleblowingReport' ? 'confidential' : 'ordinary';
  const stored = await stack.repos.deviations.get(id, route);
  const res = await call<ApiError>(p, `/api/cases/${id}/actions`, { method: 'POST', json: { type: 'receive', etag: stored?.etag } });
  const after = (await stack.repos.deviations.get(id, route))?.value;
  if (res.status === 200) {
    expect(after).toMatchObject({ status: 'received', handlerId: PERSONAS[p] });
    return 'ok';
  }
  // Refused: nothing changed.
  expect(after?.status).toBe('new');
  expect(after?.history).toEqual([]);
  return outcome(res);
}

function outcome(res: { status: number; body: ApiError }): Write {
  if (res.status === 404) {
    expect(res.body.error.code).toBe('notFound');
    return 'hidden';
  }
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  // A refusal names no case: no number, no title.
  expect(JSON.stringify(res.body)).not.toMatch(/AV-2026|VA-2026|Sak |Feil dose/);
  return 'forbidden';
}

describe('write: every persona against every kind of record', () => {
  const cells = personas.flatMap((p) => KINDS.map((k) => [p, k, WRITE[p][k]] as const));
  it.each(cells)('%s changing %s → %s', async (p, kind, expected) => {
    expect(await writeAs(p, kind, writeId(kind, p))).toBe(expected);
  });

  it('every write endpoint of a case refuses alike (each checks on its own), and nothing is written', async () => {
    for (const kind of CASE_KINDS) {
      const route = kind === 'whistleblowingReport' ? 'confidential' : 'ordinary';
      const id = sweepId(kind);
      for (const p of personas) {
        const expected = WRITE[p][kind];
        if (expected === 'ok') continue;
        const stored = await stack.repos.deviations.get(id, route);
        const writes: [string, string, unknown][] = [
          ['POST', 'actions', { type: 'receive', etag: stored?.etag }],
          ['PUT', 'analysis', { etag: stored?.etag, whys: ['Hvorfor'], rootCause: 'Rot', causeCategory: 'routine' }],
          ['POST', 'measures', { etag: stored?.etag, title: 'Tiltak', ownerId: 'tl-a', deadline: '2026-04-01' }],
          ['POST', 'feedback', { text: 'Takk for meldingen.' }],
          ['POST', 'escalate', { note: 'Til utvalget.' }],
        ];
        for (const [method, path, json] of writes) {
          const res = await call<ApiError>(p, `/api/cases/${id}/${path}`, { method, json });
          expect(`${p} ${method} ${path} ${kind}: ${res.status}`).toBe(`${p} ${method} ${path} ${kind}: ${expected === 'hidden' ? 404 : 403}`);
        }
        const after = await stack.repos.deviations.get(id, route);
        expect(after?.etag).toBe(stored?.etag);
      }
    }
    expect(await stack.repos.measures.get(sweepId('measure'))).not.toBeNull();
  });

  it('a case that does not exist gets the same answer as one the persona may not see', async () => {
    const res = await call<ApiError>('otherEmployee', '/api/cases/no-such-case/actions', { method: 'POST', json: { type: 'receive', etag: 'x' } });
    expect(res).toEqual({ status: 404, body: NOT_FOUND });
    const hidden = await call<ApiError>('otherEmployee', `/api/cases/${sweepId('ordinaryCase')}/actions`, { method: 'POST', json: { type: 'receive', etag: 'x' } });
    expect(hidden).toEqual({ status: 404, body: NOT_FOUND });
  });
});
