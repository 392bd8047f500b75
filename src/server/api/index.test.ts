// The API's gate and error mapping, without HTTP or SharePoint: which step refuses what, and what every failure looks like.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ConcurrencyConflict, RecordNotFound } from '../../app/ports/index.js';
import { type OrgUnit, type Person, domainError, orgUnitsById } from '../../domain/index.js';
import { GraphThrottledError } from '../../sharepoint/graph/index.js';
import { InvalidContinuationError } from '../../sharepoint/repositories/index.js';
import type { UserTokenResult } from '../../auth/user-token.js';
import type { ApiError } from './contract.js';
import { ApiProblem, DomainFailure, InvalidRequest } from './errors.js';
import { type ApiDeps, createApi } from './index.js';

const PERSON: Person = { id: 'p1', name: 'Per Pleier', email: 'per@testvik.no', upn: 'per@testvik.no', unitId: 'u1', roles: ['employee'] };
const UNITS: OrgUnit[] = [{ id: 'u1', name: 'Testvik kommune', level: 'municipality', parentId: null, leaderId: 'boss' }];
const GOOD = 'aaa.bbb.ccc';

interface Fixture {
  app: Hono;
  calls: string[];
  events: string[];
}

function fixture(options: { token?: UserTokenResult; person?: Person | null; units?: () => Promise<unknown> } = {}): Fixture {
  const calls: string[] = [];
  const events: string[] = [];
  const deps = {
    config: { local: false },
    tokens: {
      validate: async (token: string | undefined) => {
        calls.push(`validate ${token}`);
        return options.token ?? { ok: true, user: { oid: 'p1', tid: 't', name: null, preferredUsername: null } };
      },
    },
    org: {
      person: async (id: string) => {
        calls.push(`person ${id}`);
        return options.person === undefined ? PERSON : options.person;
      },
      units: options.units ?? (async () => orgUnitsById(UNITS)),
    },
    // Route modules build their use cases when mounted; the gate tests never reach them.
    repos: { measures: {}, organisation: {}, deviations: {} },
    caseIndex: {},
    measureIndex: {},
    localSignIn: null,
    log: (event: string, details?: Record<string, unknown>) => events.push(details ? `${event} ${JSON.stringify(details)}` : event),
  } as unknown as ApiDeps;
  return { app: new Hono().route('/api', createApi(deps)), calls, events };
}

const get = (f: Fixture, path: string, authorization?: string) => f.app.request(path, authorization ? { headers: { authorization } } : {});
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;

describe('the gate', () => {
  it('refuses a missing header before looking at any token, with a Norwegian message', async () => {
    const f = fixture();
    const res = await get(f, '/api/units');
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Du er ikke logget inn. Logg inn og prøv igjen.' });
    expect(f.calls).toEqual([]);
  });

  it('refuses a header that is not a bearer JWT before validation', async () => {
    const f = fixture();
    expect((await get(f, '/api/units', 'Basic abc')).status).toBe(401);
    expect((await get(f, '/api/units', 'Bearer nope')).status).toBe(401);
    expect(f.calls).toEqual([]);
    expect(f.events).toEqual(['api.unauthenticated {"reason":"header"}', 'api.unauthenticated {"reason":"header"}']);
  });

  it('refuses an invalid token without resolving anyone, and logs only the reason', async () => {
    const f = fixture({ token: { ok: false, reason: 'audience' } });
    const res = await get(f, '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({ code: 'unauthenticated', message: 'Innloggingen er ugyldig. Logg inn på nytt.' });
    expect(f.calls).toEqual([`validate ${GOOD}`]);
    expect(f.events).toEqual(['api.unauthenticated {"reason":"audience"}']);
  });

  it('answers 503 when the signing keys cannot be fetched (not the user’s fault)', async () => {
    const f = fixture({ token: { ok: false, reason: 'keysUnavailable' } });
    const res = await get(f, '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('unavailable');
  });

  it('a valid token of a stranger is 403 notInOrganisation', async () => {
    const f = fixture({ person: null });
    const res = await get(f, '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('notInOrganisation');
    expect(f.calls).toEqual([`validate ${GOOD}`, 'person p1']);
  });

  it('lets a known person through to the route', async () => {
    const f = fixture();
    const res = await get(f, '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ id: 'u1', name: 'Testvik kommune', level: 'municipality', parentId: null }]);
  });

  it('leaves /api/local to the local sign-in (404 here: not a local run)', async () => {
    const f = fixture();
    const res = await get(f, '/api/local/personas');
    expect(res.status).toBe(404);
    expect(f.calls).toEqual([]);
  });
});

describe('errors', () => {
  const failing = (err: unknown) => fixture({ units: () => Promise.reject(err) });
  const graphFailure = (cls: typeof GraphThrottledError) => new cls({ status: 429, code: 'activityLimitReached', method: 'GET', path: '/sites/x' });

  it.each<[string, unknown, number, Partial<ApiError['error']>]>([
    ['InvalidRequest', new InvalidRequest([{ field: 'q', message: 'For lang.' }]), 400, { code: 'invalidRequest', message: 'Forespørselen er ugyldig.', details: [{ field: 'q', message: 'For lang.' }] }],
    ['ApiProblem', new ApiProblem(403, 'forbidden', 'Du har ikke tilgang.'), 403, { code: 'forbidden', message: 'Du har ikke tilgang.' }],
    ['case.forbidden', new DomainFailure(domainError('case.forbidden')), 403, { code: 'forbidden', message: 'Du har ikke tilgang til å behandle denne saken.' }],
    ['case.invalidTransition', new DomainFailure(domainError('case.invalidTransition', { status: 'closed', action: 'close' })), 409, { code: 'invalidState' }],
    ['case.titleMissing', new DomainFailure(domainError('case.titleMissing')), 400, { code: 'invalidRequest', message: 'Meldingen må ha en tittel.' }],
    ['ConcurrencyConflict', new ConcurrencyConflict('Deviation', 'd1'), 409, { code: 'conflict' }],
    ['RecordNotFound', new RecordNotFound('Deviation', 'd1'), 404, { code: 'notFound' }],
    ['InvalidContinuationError', new InvalidContinuationError(), 400, { code: 'invalidRequest' }],
    ['GraphThrottledError', graphFailure(GraphThrottledError), 503, { code: 'unavailable' }],
  ])('%s', async (_name, err, status, expected) => {
    const res = await get(failing(err), '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatchObject(expected);
  });

  it('anything else is a 500 with nothing of the error in the answer, and only its name in the log', async () => {
    const f = failing(new TypeError('secret detail about Per Pleier'));
    const res = await get(f, '/api/units', `Bearer ${GOOD}`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internalError', message: 'Noe gikk galt hos oss. Prøv igjen om litt.' } });
    expect(f.events).toEqual(['api.failed {"error":"TypeError","path":"/api/units"}']);
    expect(f.events.join()).not.toContain('Per');
  });
});
