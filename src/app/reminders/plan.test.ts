import { describe, expect, it } from 'vitest';
import { type Measure, orgUnitsById } from '../../domain/index.js';
import { UNITS } from '../../domain/test-fixtures.js';
import { planDigests, type PlanInput } from './plan.js';

const units = orgUnitsById(UNITS);
const [top, sector, unit, service] = (() => {
  const s = UNITS.find((u) => u.level === 'service');
  if (!s) throw new Error('the fixtures have a service');
  const u = units.get(s.parentId as string);
  const sec = units.get(u?.parentId as string);
  const k = units.get(sec?.parentId as string);
  return [k, sec, u, s].map((x) => x?.id as string);
})();

const measure = (id: string, patch: Partial<Measure> = {}): Measure => ({
  id,
  title: `Tiltak ${id}`,
  description: '',
  source: { type: 'audit', auditId: 'a' },
  ownerId: 'owner',
  unitId: service as string,
  deadline: '2026-11-20',
  status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: null,
  evaluation: null,
  cancelReason: null,
  ...patch,
});

const input = (patch: Partial<PlanInput> = {}): PlanInput => ({
  now: new Date('2026-11-24T07:00:00Z'),
  units,
  channels: new Map([
    [top as string, ['ch-top']],
    [sector as string, ['ch-sector', 'ch-committee']],
    [unit as string, ['ch-unit']],
  ]),
  overdue: [],
  caseOf: () => null,
  ownerNames: new Map([['owner', 'Kari Nordmann']]),
  reviews: [],
  risk: [],
  caseUrl: (id) => `https://varde.example.no/cases/${id}`,
  ...patch,
});

describe('who gets what', () => {
  it('a measure in a service reaches its unit’s, sector’s and the top’s channels, and a committee’s on the sector', () => {
    const plan = planDigests(input({ overdue: [measure('m1')] }));
    expect([...plan.keys()].sort()).toEqual(['ch-committee', 'ch-sector', 'ch-top', 'ch-unit']);
    expect(plan.get('ch-unit')?.lines).toEqual([expect.objectContaining({ kind: 'measure', measureId: 'm1', title: 'Tiltak m1', ownerName: 'Kari Nordmann', daysOverdue: 4 })]);
  });

  it('channels with nothing in their scope get no digest', () => {
    const plan = planDigests(input({ overdue: [measure('m1', { unitId: top as string })] }));
    expect([...plan.keys()]).toEqual(['ch-top']);
  });

  it('a deviation measure: its title only when the case is known and not health-related; never its owner otherwise', () => {
    const cases = new Map([
      ['plain', { caseNumber: 'AV-2026-00001', healthRelated: false }],
      ['health', { caseNumber: 'AV-2026-00002', healthRelated: true }],
    ]);
    const overdue = ['plain', 'health', 'unknown'].map((c) => measure(`m-${c}`, { source: { type: 'deviation', deviationId: c } }));
    const lines = planDigests(input({ overdue, caseOf: (id) => cases.get(id) ?? null })).get('ch-unit')?.lines ?? [];
    expect(lines.map((l) => (l.kind === 'measure' ? [l.measureId, l.title, l.caseNumber, l.ownerName, l.caseUrl !== null] : null))).toEqual([
      ['m-health', null, 'AV-2026-00002', null, true],
      ['m-plain', 'Tiltak m-plain', 'AV-2026-00001', 'Kari Nordmann', true],
      ['m-unknown', null, null, null, false],
    ]);
  });

  it('reviews go by the owner unit; risk deadlines by their unit, the round’s own tasks to the top; counted per kind', () => {
    const plan = planDigests(
      input({
        reviews: [{ documentId: 'd1', title: 'Prosedyre', ownerUnitId: sector as string, dueDate: '2026-11-24' }],
        risk: [
          { key: 'r1', title: 'Send risikovurderingen', unitId: unit as string, deadline: '2026-11-27' },
          { key: 'r2', title: 'Evaluering av prosessen', unitId: null, deadline: '2026-11-20' },
        ],
      }),
    );
    expect(plan.get('ch-unit')?.totals).toEqual({ measures: 0, reviews: 0, risk: 1 });
    expect(plan.get('ch-sector')?.totals).toEqual({ measures: 0, reviews: 1, risk: 1 });
    expect(plan.get('ch-top')?.totals).toEqual({ measures: 0, reviews: 1, risk: 2 });
    expect(plan.get('ch-top')?.lines.find((l) => l.kind === 'risk' && l.key === 'r2')).toMatchObject({ unitName: null, daysLeft: -4 });
  });
});
