// GET /api/dashboard over real HTTP, against the app as `npm start` composes it: the delta-synced indexes behind it,
// who may see which unit, bad input, and that a view reads no list items from SharePoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deviation, Measure } from '../../src/domain/index.js';
import { PEOPLE, UNITS, deviation } from '../../src/domain/test-fixtures.js';
import type { ApiError, DashboardView } from '../../src/server/api/contract.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const NOW = new Date('2026-03-10T12:00:00Z');
let seq = 0;
const devi = (patch: Partial<Deviation>): Deviation => {
  seq++;
  return deviation({ id: `dash-${seq}`, caseNumber: `AV-2026-${String(seq).padStart(5, '0')}`, reportedAt: '2026-03-02T09:00:00.000Z', ...patch });
};

const DEVIATIONS: Deviation[] = [
  devi({ unitId: 'sh-a' }),
  devi({ unitId: 'sh-a-natt', severity: 'high', reportedAt: '2026-02-28T23:30:00.000Z' }), // 1 March in Oslo
  devi({ unitId: 'ht', kind: 'nearMiss', reportedAt: '2026-01-15T10:00:00.000Z', status: 'closed', closedAt: '2026-01-20T10:00:00.000Z' }),
  devi({ unitId: 'sk', severity: null, kind: 'improvementProposal' }),
  // Confidential: on its own site, never in the index, never counted.
  deviation({ id: 'dash-wb', caseNumber: 'VA-2026-00001', kind: 'whistleblowingReport', unitId: 'sh-a', severity: null, reportedAt: '2026-03-03T09:00:00.000Z' }),
];

const measure = (id: string, unitId: string, deadline: string, status: Measure['status'] = 'open'): Measure => ({
  id,
  title: `Tiltak ${id}`,
  description: '',
  source: { type: 'riskItem', riskItemId: `r-${id}` },
  ownerId: 'nurse',
  unitId,
  deadline,
  status,
  createdAt: '2026-01-01T08:00:00.000Z',
  completedAt: status === 'done' ? '2026-02-01T08:00:00.000Z' : null,
  evaluation: status === 'done' ? 'Fungerte.' : null,
  cancelReason: null,
});

const MEASURES: Measure[] = [
  measure('dm1', 'sh-a', '2026-03-09'), // overdue
  measure('dm2', 'sh-a-natt', '2026-02-01'), // overdue, below
  measure('dm3', 'sh', '2026-03-10'), // due today
  measure('dm4', 'sk', '2026-01-01'), // overdue, other sector
  measure('dm5', 'sh-a', '2026-01-01', 'done'),
];

let stack: AppStack;
const tokens = new Map<string, string>();
const as = async (personId: string) => {
  if (!tokens.has(personId)) tokens.set(personId, await stack.signIn(personId));
  return tokens.get(personId) as string;
};
const dashboard = async (personId: string, query = '') => stack.api(await as(personId), `/api/dashboard${query}`);
const view = async (personId: string, query = '') => {
  const res = await dashboard(personId, query);
  expect(res.status).toBe(200);
  return (await res.json()) as DashboardView;
};
const metrics = async () => (await (await fetch(`${stack.emulator.url}/_emulator/metrics`)).json()) as { requests: { byRoute: Record<string, number> } };
const resetMetrics = () => fetch(`${stack.emulator.url}/_emulator/metrics/reset`, { method: 'POST' });
const indexes = () => stack.composition.api;

beforeAll(async () => {
  stack = await startAppStack({
    municipality: { units: UNITS, people: Object.values(PEOPLE), deviations: DEVIATIONS, measures: MEASURES },
    whistleblowingRecipientIds: [PEOPLE.recipient.id],
    now: () => NOW,
  });
  await Promise.all([indexes().caseIndex.ready, indexes().measureIndex.ready]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /api/dashboard', () => {
  it('counts the whole municipality for a quality adviser, never the whistleblowing report', async () => {
    const d = await view(PEOPLE.qualityAdviser.id, '?months=3');
    expect(d.unit).toEqual({ id: 'k', name: 'Tønsberg kommune', level: 'municipality', parentId: null });
    expect(d.period).toEqual({ from: '2026-01-01', to: '2026-03-10' });
    expect(d.byMonth).toEqual([
      { month: '2026-01', reported: 1, closed: 1 },
      { month: '2026-02', reported: 0, closed: 0 },
      { month: '2026-03', reported: 3, closed: 0 },
    ]);
    expect(d.open + d.closed).toBe(4);
    expect(d.closed).toBe(1);
    expect(d.medianDaysToClose).toBe(5);
    expect(d.byKind.find((k) => k.kind === 'adverseEvent')?.count).toBe(2);
    expect(d.byKind.map((k) => k.kind)).not.toContain('whistleblowingReport');
    expect(d.bySeverity.find((s) => s.severity === 'none')?.count).toBe(1);
    expect(d.byUnit).toEqual([
      { unitId: 'mh', unitName: 'Mestring og helse', reported: 3, open: 2 },
      { unitId: 'ol', unitName: 'Oppvekst og læring', reported: 1, open: 1 },
    ]);
    expect(d.overdueMeasures).toBe(3);
    expect(d.asOf).not.toBeNull();
  });

  it("a unit leader gets their unit by default, children by name, and the unit's overdue measures", async () => {
    const d = await view(PEOPLE.unitLeaderSh.id);
    expect(d.unit.id).toBe('sh');
    expect(d.byUnit).toEqual([{ unitId: 'sh-a', unitName: 'Avdeling A', reported: 2, open: 2 }]);
    expect(d.overdueMeasures).toBe(2);
    expect(d.byMonth).toHaveLength(12);
  });

  it('refuses employees, units outside what the viewer sees, unknown units and bad periods', async () => {
    const employee = await dashboard(PEOPLE.nurse.id);
    expect(employee.status).toBe(403);
    expect(((await employee.json()) as ApiError).error.code).toBe('forbidden');
    expect((await dashboard(PEOPLE.unitLeaderSh.id, '?unitId=ht')).status).toBe(403);
    expect((await dashboard(PEOPLE.sectorHeadOl.id, '?unitId=sh-a')).status).toBe(403);
    const unknown = await dashboard(PEOPLE.qualityAdviser.id, '?unitId=finnes-ikke');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ApiError).error.details).toEqual([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
    for (const months of ['0', '37', 'tolv', '1.5']) {
      const res = await dashboard(PEOPLE.qualityAdviser.id, `?months=${months}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as ApiError;
      expect(body.error.code).toBe('invalidRequest');
      expect(body.error.details?.[0]?.field).toBe('months');
    }
    expect((await stack.api(null, '/api/dashboard')).status).toBe(401);
  });

  it('reads no list items per view while the index is fresh: the counts come from memory', async () => {
    // Signed in, the tree and the people behind the tokens cached: what every API request needs, not the dashboard.
    await view(PEOPLE.qualityAdviser.id);
    await view(PEOPLE.sectorHeadMh.id);
    await resetMetrics();
    await view(PEOPLE.qualityAdviser.id, '?months=6');
    await view(PEOPLE.sectorHeadMh.id);
    const byRoute = (await metrics()).requests.byRoute;
    const itemReads = Object.entries(byRoute).filter(([route]) => route.startsWith('GET ') && route.includes('/items') && !route.endsWith('/delta'));
    expect(itemReads).toEqual([]);
  });
});

describe('the dashboard follows SharePoint after a delta round', () => {
  it('a new case appears, a closed one moves, a deleted one goes', async () => {
    const before = await view(PEOPLE.sectorHeadMh.id, '?months=3');
    const created = devi({ unitId: 'ht', reportedAt: '2026-03-09T10:00:00.000Z', severity: 'critical' });
    await stack.repos.deviations.create(created);

    // Until a round has run, the view is the index as it was (no scan of SharePoint per view).
    expect((await view(PEOPLE.sectorHeadMh.id, '?months=3')).open).toBe(before.open);
    await indexes().caseIndex.refresh(0);
    const added = await view(PEOPLE.sectorHeadMh.id, '?months=3');
    expect(added.open).toBe(before.open + 1);
    expect(added.bySeverity.find((s) => s.severity === 'critical')?.count).toBe(1);
    expect(added.byUnit.find((u) => u.unitId === 'ht')).toEqual({ unitId: 'ht', unitName: 'Hjemmetjenesten', reported: 2, open: 1 });

    // Closed today.
    const stored = await stack.repos.deviations.get(created.id);
    if (!stored) throw new Error('the new case was not stored');
    await stack.repos.deviations.update({ ...stored.value, status: 'closed', closedAt: '2026-03-10T08:00:00.000Z' }, stored.etag);
    await indexes().caseIndex.refresh(0);
    const closed = await view(PEOPLE.sectorHeadMh.id, '?months=3');
    expect([closed.open, closed.closed]).toEqual([before.open, before.closed + 1]);
    expect(closed.byMonth.at(-1)?.closed).toBe(1);

    // Deleted in SharePoint (by hand, or by another system).
    const site = `${stack.config.hostname}:${stack.config.sitePath}:`;
    const found = (await (await stack.emulator.graph(`/sites/${site}/lists/Avvik/items?$filter=fields/RecordId eq '${created.id}'`)).json()) as { value: { id: string }[] };
    const itemId = found.value[0]?.id;
    expect(itemId).toBeDefined();
    expect((await stack.emulator.graph(`/sites/${site}/lists/Avvik/items/${itemId}`, { method: 'DELETE' })).status).toBe(204);
    await indexes().caseIndex.refresh(0);
    const gone = await view(PEOPLE.sectorHeadMh.id, '?months=3');
    expect([gone.open, gone.closed]).toEqual([before.open, before.closed]);
    expect(indexes().caseIndex.get(created.id)).toBeUndefined();
  });

  it('a measure done drops out of the overdue count after the measure index moves', async () => {
    const before = (await view(PEOPLE.unitLeaderSh.id)).overdueMeasures;
    const stored = await stack.repos.measures.get('dm1');
    if (!stored) throw new Error('dm1 missing');
    await stack.repos.measures.update({ ...stored.value, status: 'done', completedAt: NOW.toISOString(), evaluation: 'Gjort.' }, stored.etag);
    await indexes().measureIndex.refresh(0);
    expect((await view(PEOPLE.unitLeaderSh.id)).overdueMeasures).toBe(before - 1);
  });
});
