// Who am I and what is around me: GET /api/me, /api/units, /api/people, /api/channels/:channelId/unit.
import { Hono } from 'hono';
import { z } from 'zod';
import { type OrgUnit, unitsLedBy, visibleUnitIds } from '../../domain/index.js';
import type { ApiEnv } from './context.js';
import { viewerOf } from './context.js';
import type { ChannelUnit, MeView, PersonSummary, UnitView } from './contract.js';
import { InvalidRequest, parseOr400 } from './errors.js';
import { unitIdParam } from './input.js';
import type { ApiDeps } from './index.js';

const LEVEL_ORDER = { municipality: 0, sector: 1, unit: 2, service: 3 } as const;
const collator = new Intl.Collator('nb');

export const unitView = (u: OrgUnit): UnitView => ({ id: u.id, name: u.name, level: u.level, parentId: u.parentId });

const peopleQuery = z.object({
  unitId: unitIdParam.optional(),
  q: z.string({ error: 'Søket må være en tekst.' }).trim().max(100, { error: 'Søket kan ha høyst 100 tegn.' }).optional(),
});

const channelParam = z.object({
  channelId: z.string().min(1, { error: 'Kanal-id mangler.' }).max(300, { error: 'Kanal-id-en er for lang.' }),
});

export function sessionRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get('/me', async (c) => {
    const viewer = viewerOf(c);
    const { person } = viewer;
    const [units, locale] = await Promise.all([deps.org.units(), deps.profiles.locale({ oid: person.id, token: viewer.token })]);
    const recipient = deps.access.whistleblowingRecipientIds.has(person.id);
    const me: MeView = {
      id: person.id,
      name: person.name,
      email: person.email,
      unitId: person.unitId,
      unitName: units.get(person.unitId)?.name ?? '',
      roles: [...person.roles],
      leadsUnitIds: unitsLedBy(person.id, units).map((u) => u.id),
      seesOthersCases: recipient || visibleUnitIds(person, units).size > 0,
      whistleblowingRecipient: recipient,
      localSession: viewer.localSession,
      locale,
    };
    return c.json(me);
  });

  // The whole tree, top down and by name within a level: not secret, and small (a few hundred units).
  routes.get('/units', async (c) => {
    const units = [...(await deps.org.units()).values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || collator.compare(a.name, b.name));
    return c.json(units.map(unitView));
  });

  routes.get('/people', async (c) => {
    const query = parseOr400(peopleQuery, c.req.query());
    const units = await deps.org.units();
    if (query.unitId !== undefined && !units.has(query.unitId)) throw new InvalidRequest([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
    const people = await deps.people.search({ unitId: query.unitId, q: query.q, limit: 50 }, units);
    return c.json(people.map((p): PersonSummary => ({ id: p.id, name: p.name, unitId: p.unitId })));
  });

  routes.get('/channels/:channelId/unit', async (c) => {
    const { channelId } = parseOr400(channelParam, { channelId: c.req.param('channelId') });
    const body: ChannelUnit = { unitId: await deps.repos.leaderChannels.unitOfLeaderChannel(channelId) };
    return c.json(body);
  });

  return routes;
}
