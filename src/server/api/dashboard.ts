// GET /api/dashboard: the committee dashboard for a unit level, counted over the delta-synced indexes (no SharePoint
// scan per view; at most one delta round per index when the data is older than the sync interval).
import { Hono } from 'hono';
import { z } from 'zod';
import { DashboardService } from '../../app/dashboard/index.js';
import type { ApiEnv } from './context.js';
import { viewerOf } from './context.js';
import type { DashboardView } from './contract.js';
import { ApiProblem, InvalidRequest, parseOr400 } from './errors.js';
import { unitIdParam } from './input.js';
import type { ApiDeps } from './index.js';

const dashboardQuery = z.object({
  unitId: unitIdParam.optional(),
  months: z.coerce
    .number({ error: 'Antall måneder må være et tall.' })
    .int({ error: 'Antall måneder må være et helt tall.' })
    .min(1, { error: 'Velg minst én måned.' })
    .max(36, { error: 'Oversikten går høyst 36 måneder tilbake.' })
    .default(12),
});

export function dashboardRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const service = new DashboardService({ cases: deps.caseIndex, measures: deps.measureIndex, units: () => deps.org.units(), now: deps.now });

  routes.get('/dashboard', async (c) => {
    const started = performance.now();
    const query = parseOr400(dashboardQuery, c.req.query());
    const outcome = await service.forPerson(viewerOf(c).person, query);
    switch (outcome.kind) {
      case 'forbidden':
        throw new ApiProblem(403, 'forbidden', query.unitId === undefined ? 'Oversikten er for ledere og kvalitetsrådgivere.' : 'Du har ikke tilgang til oversikten for denne enheten.');
      case 'unknownUnit':
        throw new InvalidRequest([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
      case 'notReady':
        throw new ApiProblem(503, 'unavailable', 'Oversikten lastes fortsatt inn. Prøv igjen om litt.');
      case 'ok': {
        const { period, ...rest } = outcome.dashboard;
        const body: DashboardView = { ...rest, period };
        // Issue 8: approved procedures of the unit and below whose yearly review is overdue (from the procedure index).
        if (deps.procedures) body.overdueReviews = await deps.procedures.procedures.overdueReviews(rest.unit.id, deps.now()).catch(() => undefined);
        // The server's own time, for the tab's diagnostics and the benchmark (no personal data in it).
        c.header('Server-Timing', `app;dur=${(performance.now() - started).toFixed(1)}`);
        c.header('Cache-Control', 'private, no-store');
        return c.json(body);
      }
    }
  });

  return routes;
}
