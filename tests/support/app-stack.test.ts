// The shared test stack itself: the generated demo seeded, the app composed as `npm start` does, sign-in by persona and by id.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CasePage, MeView } from '../../src/server/api/contract.js';
import { type AppStack, DEMO_STACK_DEFAULTS, startAppStack } from './app-stack.js';

let stack: AppStack;

beforeAll(async () => {
  stack = await startAppStack();
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('startAppStack() with the generated demo', () => {
  it('seeds the small demo with its fixed seed and date, and offers its six personas', async () => {
    expect(stack.demo?.people.length).toBe(DEMO_STACK_DEFAULTS.employees);
    expect(stack.demo?.now).toBe(DEMO_STACK_DEFAULTS.now.toISOString());
    expect(stack.personas.map((p) => p.key)).toEqual(['employee', 'serviceLeader', 'unitLeader', 'sectorHead', 'qualityAdviser', 'chiefExecutive']);
    const people = await stack.repos.organisation.allPeople();
    expect(people).toHaveLength(DEMO_STACK_DEFAULTS.employees);
  });

  it('signs in by persona key and by person id; the API knows who it is', async () => {
    const leader = stack.personas.find((p) => p.key === 'serviceLeader');
    const byKey = (await (await stack.api(await stack.signIn('serviceLeader'), '/api/me')).json()) as MeView;
    expect(byKey.id).toBe(leader?.personId);
    expect(byKey.leadsUnitIds).toContain(leader?.unitId);
    const employee = stack.personas.find((p) => p.key === 'employee');
    const byId = (await (await stack.api(await stack.signIn(employee?.personId ?? ''), '/api/me')).json()) as MeView;
    expect(byId).toMatchObject({ id: employee?.personId, seesOthersCases: false, localSession: true });
  });

  it('the quality adviser receives whistleblowing reports, as in `npm start`', async () => {
    const me = (await (await stack.api(await stack.signIn('qualityAdviser'), '/api/me')).json()) as MeView;
    expect(me.whistleblowingRecipient).toBe(true);
  });

  it('api() sends no token when given null, and JSON bodies with their type', async () => {
    expect((await stack.api(null, '/api/me')).status).toBe(401);
    const res = await stack.api(null, '/api/local/sign-in', { method: 'POST', json: { persona: 'unitLeader' } });
    expect(res.status).toBe(200);
  });

  it('signIn fails loudly for someone it cannot sign in', async () => {
    await expect(stack.signIn('nobody')).rejects.toThrow(/local sign-in as nobody failed: 400/);
  });
});

describe('stop()', () => {
  it('gives the case read log a last try: a read whose logging failed is stored when the app stops', async () => {
    const adviser = await stack.signIn('qualityAdviser');
    const page = (await (await stack.api(adviser, '/api/cases?pageSize=1')).json()) as CasePage;
    const caseId = page.items[0]?.id ?? '';
    const reads = stack.repos.caseReads;
    const append = vi.spyOn(reads, 'append').mockRejectedValueOnce(new Error('SharePoint is down'));
    expect((await stack.api(adviser, `/api/cases/${caseId}`)).status).toBe(200);
    expect(stack.composition.api.caseWork.readsWaiting).toBe(1);
    append.mockRestore();

    await stack.composition.stop();
    expect(stack.composition.api.caseWork.readsWaiting).toBe(0);
    const adviserId = stack.personas.find((p) => p.key === 'qualityAdviser')?.personId;
    expect((await reads.listForCase(caseId, 'ordinary')).filter((r) => r.readerId === adviserId)).toHaveLength(1);
  });
});
