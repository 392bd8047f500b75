// The repositories a demo seed needs, over HTTP against the emulator: organisation upserts, committees, risk, documents — each safe to run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoverningDocument, type QualityCommittee, type RiskAssessment, type RiskItem, newRiskAssessment, newRiskItem } from '../../src/domain/index.js';
import { PEOPLE, UNITS } from '../../src/domain/test-fixtures.js';
import type { SharePointRepositories } from '../../src/sharepoint/repositories/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let repos: SharePointRepositories;

const control = (path: string, body?: object) =>
  fetch(`${em.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });

beforeAll(async () => {
  em = await startTestEmulator();
  ({ repos } = await provisionedSite(em));
});

afterAll(async () => {
  await em.close();
});

describe('organisation repository', () => {
  it('upserts units and people: creates, then leaves unchanged, then patches only what changed', async () => {
    expect(await repos.organisation.upsertUnits(UNITS)).toEqual({ created: UNITS.length, updated: 0, unchanged: 0, failed: [] });
    expect(await repos.organisation.upsertUnits(UNITS)).toEqual({ created: 0, updated: 0, unchanged: UNITS.length, failed: [] });
    const renamed = UNITS.map((u) => (u.id === 'sh' ? { ...u, name: 'Eikeberg helsehus' } : u));
    expect(await repos.organisation.upsertUnits(renamed)).toEqual({ created: 0, updated: 1, unchanged: UNITS.length - 1, failed: [] });
    expect(new Map((await repos.organisation.allUnits()).map((u) => [u.id, u]))).toEqual(new Map(renamed.map((u) => [u.id, u])));

    const people = [...Object.values(PEOPLE), { ...PEOPLE.nurse, id: 'obrien', email: "o'brien@tonsberg.kommune.no" }];
    expect((await repos.organisation.upsertPeople(people)).created).toBe(people.length);
    expect(await repos.organisation.personById('nurse')).toEqual(PEOPLE.nurse);
    expect((await repos.organisation.personByEmail("o'brien@tonsberg.kommune.no"))?.id).toBe('obrien');
    expect(await repos.organisation.personByEmail('nobody@x.no')).toBeNull();
  });

  it('an upsert interrupted by faults completes when run again', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...PEOPLE.nurse, id: `p-${i}`, email: `p-${i}@x.no` }));
    await control('faults', { rate429: 0.1, rate503: 0.1, resetRate: 0.1, seed: 5 });
    try {
      await repos.organisation.upsertPeople(many).catch(() => undefined);
    } finally {
      await control('faults', { reset: true });
    }
    const again = await repos.organisation.upsertPeople(many);
    expect(again.failed).toEqual([]);
    expect(again.created + again.unchanged).toBe(60);
  }, 60_000);
});

describe('seed repositories', () => {
  const committee: QualityCommittee = {
    id: 'c-sh',
    kind: 'unitQualityCommittee',
    name: 'Kvalitetsutvalget, Eikeberg',
    unitId: 'sh',
    leaderId: 'vl-sh',
    facilitatorId: 'su-sh',
    members: [{ personId: 'hvo', role: 'safetyRepresentative' }],
    heldInOperationsMeeting: false,
  };

  it('committees: createMany twice stores one, and lists it', async () => {
    expect((await repos.committees.createMany([{ importKey: 'c:sh', value: committee }])).created).toBe(1);
    expect(await repos.committees.createMany([{ importKey: 'c:sh', value: committee }])).toEqual({ created: 0, alreadyPresent: 1, failed: [] });
    expect(await repos.committees.list()).toEqual([committee]);
  });

  it('risk: assessments and their items, listed by unit and by assessment', async () => {
    const assessment: RiskAssessment = newRiskAssessment({
      id: 'ra-1',
      title: 'ROS 2026',
      context: 'overall',
      unitId: 'ht',
      responsibleId: 'vl-ht',
      participantIds: [],
      date: '2026-02-10',
      createdAt: '2026-02-10T08:00:00.000Z',
      year: 2026,
      roundId: null,
    });
    const item: RiskItem = newRiskItem({
      id: 'ri-1',
      assessmentId: 'ra-1',
      unitId: 'ht',
      process: 'Legemidler',
      whatCanGoWrong: 'Feil dose',
      consequenceTypes: ['humanInjury'],
      current: { likelihood: 3, consequence: 4 },
      breachOfLaw: true,
      existingMeasures: '',
      position: 0,
    });
    await repos.risks.createAssessments([{ importKey: 'ra:1', value: assessment }]);
    await repos.risks.createItems([{ importKey: 'ri:1', value: item }]);
    expect(await repos.risks.listAssessments('ht')).toEqual([assessment]);
    expect(await repos.risks.listAssessments('sh')).toEqual([]);
    expect(await repos.risks.listItems('ra-1')).toEqual([item]);
  });

  it('documents: uploads with metadata; a second run keeps the file and creates nothing', async () => {
    const doc: GoverningDocument = {
      id: 'doc-1',
      kind: 'procedure',
      governingType: null,
      title: 'Håndhygiene',
      ownerUnitId: 'sh',
      ownerArea: null,
      reviewerId: 'kr',
      version: 1,
      status: 'approved',
      approvedById: 'vl-sh',
      approvedAt: '2026-01-15T09:30:00.000Z',
      nextReviewDate: '2027-01-15',
    };
    const file = { document: doc, fileName: 'Håndhygiene.md', content: new TextEncoder().encode('# Håndhygiene\n') };
    expect(await repos.documents.createMany([file])).toEqual({ created: 1, alreadyPresent: 0, failed: [] });
    expect(await repos.documents.createMany([file])).toEqual({ created: 0, alreadyPresent: 1, failed: [] });
    expect(await repos.documents.list('procedure')).toEqual([doc]);
    expect(await repos.documents.list('governingDocument')).toEqual([]);
  });
});
