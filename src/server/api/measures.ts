// The action list: GET /api/measures (paged), GET /api/measures/export.xlsx, POST /api/measures/:id/complete.
import { Hono } from 'hono';
import { z } from 'zod';
import { type ActionItem, ActionList, type ActionListFilter, EXPORT_ROW_CAP, MEASURE_STATUS_NB, SOURCE_NB, actionListWorkbook } from '../../app/action-list/index.js';
import { InvalidMeasureContinuation } from '../../app/case-work/query-plan-measures.js';
import { ConcurrencyConflict, QueryTooBroad } from '../../app/ports/index.js';
import { MEASURE_SOURCES, MEASURE_STATUSES, type Measure, type MeasureStatus, type OrgUnits, measureSourceId, toOsloDate } from '../../domain/index.js';
import type { ApiEnv } from './context.js';
import { viewerOf } from './context.js';
import type { CompleteMeasureBody, MeasurePage, MeasureView } from './contract.js';
import { ApiProblem, DomainFailure, InvalidRequest, jsonBody, parseOr400 } from './errors.js';
import { continuationParam, etag, pageSizeParam, unitIdParam } from './input.js';
import type { ApiDeps } from './index.js';

const flag = (field: string) =>
  z
    .enum(['true', 'false'], { error: `${field} må være true eller false.` })
    .optional()
    .transform((v) => v === 'true');

const statusList = z
  .string({ error: 'Status må være en tekst.' })
  .max(200, { error: 'For mange statuser.' })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return ['open', 'inProgress'] as MeasureStatus[];
    const parts = v.split(',').map((s) => s.trim());
    const wrong = parts.filter((s) => !(MEASURE_STATUSES as readonly string[]).includes(s));
    if (parts.length === 0 || wrong.length > 0) {
      ctx.addIssue({ code: 'custom', message: `Status må være en eller flere av ${MEASURE_STATUSES.join(', ')}, skilt med komma.` });
      return z.NEVER;
    }
    return [...new Set(parts)] as MeasureStatus[];
  });

/** The filters GET /api/measures and the export share. */
const filterShape = {
  source: z.enum(MEASURE_SOURCES as [string, ...string[]], { error: `Kilde må være en av ${MEASURE_SOURCES.join(', ')}.` }).optional(),
  unitId: unitIdParam.optional(),
  status: statusList,
  overdue: flag('overdue'),
  mine: flag('mine'),
};

const listQuery = z.object({
  ...filterShape,
  pageSize: pageSizeParam,
  continuation: continuationParam.optional(),
});

const exportQuery = z.object(filterShape);

const idParam = z.object({ id: z.string().min(1, { error: 'Tiltaks-id mangler.' }).max(100, { error: 'Tiltaks-id-en er for lang.' }) });

const completeBody = z.object({
  etag,
  comment: z
    .string({ error: 'Skriv en kommentar: fungerte tiltaket?' })
    .trim()
    .min(1, { error: 'Skriv en kommentar: fungerte tiltaket?' })
    .max(4000, { error: 'Kommentaren kan ha høyst 4000 tegn.' }),
}) satisfies z.ZodType<CompleteMeasureBody>;

type FilterInput = z.infer<typeof exportQuery>;

function toFilter(q: FilterInput, units: OrgUnits): ActionListFilter {
  if (q.unitId !== undefined && !units.has(q.unitId)) throw new InvalidRequest([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
  return {
    statuses: q.status,
    overdue: q.overdue,
    mine: q.mine,
    ...(q.source !== undefined ? { source: q.source as ActionListFilter['source'] & string } : {}),
    ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
  };
}

/** A measure as the API shows it, on the action list and in a case's view alike (`m` as the viewer may see it). */
export function measureView(m: Measure, about: Pick<MeasureView, 'etag' | 'unitName' | 'sourceLabel' | 'overdue' | 'healthDetailsHidden'> & { ownerName: string }): MeasureView {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    source: m.source.type,
    sourceId: measureSourceId(m.source),
    sourceLabel: about.sourceLabel,
    owner: { id: m.ownerId, name: about.ownerName },
    unitId: m.unitId,
    unitName: about.unitName,
    deadline: m.deadline,
    status: m.status,
    overdue: about.overdue,
    completedAt: m.completedAt,
    evaluation: m.evaluation,
    healthDetailsHidden: about.healthDetailsHidden,
    etag: about.etag,
  };
}

const itemView = (item: ActionItem): MeasureView => measureView(item.measure, item);

/** The filters in words, for the export's note (no names of people). */
function describe(filter: ActionListFilter, units: OrgUnits): string[] {
  const out = [`Status: ${filter.statuses.map((s) => MEASURE_STATUS_NB[s]).join(', ')}`];
  if (filter.source) out.push(`Kilde: ${SOURCE_NB[filter.source]}`);
  if (filter.unitId) out.push(`Enhet: ${units.get(filter.unitId)?.name ?? filter.unitId} med underliggende`);
  if (filter.overdue) out.push('Bare forfalte');
  if (filter.mine) out.push('Bare mine');
  return out;
}

const TOO_BROAD_NOW = 'Utvalget er for stort for SharePoint akkurat nå. Prøv igjen om litt, eller velg en enhet, noen statuser eller en kilde.';

/** The action list's planning failed after all: SharePoint refused the query (503), or the continuation is not ours (400). */
async function planned<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof QueryTooBroad) throw new ApiProblem(503, 'unavailable', TOO_BROAD_NOW);
    if (err instanceof InvalidMeasureContinuation) throw new InvalidRequest([{ field: 'continuation', message: 'Ugyldig fortsettelse; start fra første side.' }]);
    throw err;
  }
}

const CONFLICT = 'Tiltaket er endret av noen andre siden du åpnet det. Se endringen og prøv igjen.';

export function measureRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const actions = new ActionList({
    measures: deps.repos.measures,
    measureIndex: deps.measureIndex,
    units: () => deps.org.units(),
    peopleByIds: (ids) => deps.repos.organisation.peopleByIds(ids),
    caseIndex: deps.caseIndex,
    deviations: deps.repos.deviations,
    now: deps.now,
    // The dashboard's overdue count follows at once instead of at the next timed round.
    onChanged: () => void deps.measureIndex.refresh(0),
  });

  routes.get('/measures', async (c) => {
    const q = parseOr400(listQuery, c.req.query());
    const units = await deps.org.units();
    const page = await planned(() => actions.page(viewerOf(c).person, toFilter(q, units), { pageSize: q.pageSize, continuation: q.continuation ?? null }));
    const body: MeasurePage = { items: page.items.map(itemView), continuation: page.continuation };
    c.header('Cache-Control', 'private, no-store');
    return c.json(body);
  });

  routes.get('/measures/export.xlsx', async (c) => {
    const q = parseOr400(exportQuery, c.req.query());
    const units = await deps.org.units();
    const filter = toFilter(q, units);
    const now = deps.now();
    const { items, capped } = await planned(() => actions.all(viewerOf(c).person, filter, EXPORT_ROW_CAP));
    const workbook = await actionListWorkbook(items, { generatedAt: now, filters: describe(filter, units), capped, cap: EXPORT_ROW_CAP });
    return c.body(new Uint8Array(workbook), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="aksjonsliste-${toOsloDate(now)}.xlsx"`,
      'Cache-Control': 'private, no-store',
    });
  });

  routes.post('/measures/:id/complete', async (c) => {
    const { id } = parseOr400(idParam, { id: c.req.param('id') });
    const body = parseOr400(completeBody, await jsonBody(c));
    const person = viewerOf(c).person;
    let outcome;
    try {
      outcome = await actions.complete(person, id, body.etag, body.comment);
    } catch (err) {
      // Someone saved between our read and SharePoint's If-Match: answer with what is there now.
      if (!(err instanceof ConcurrencyConflict)) throw err;
      const current = await actions.get(person, id);
      throw new ApiProblem(409, 'conflict', CONFLICT, current ? { currentMeasure: itemView(current) } : {});
    }
    switch (outcome.kind) {
      case 'notFound':
        throw new ApiProblem(404, 'notFound', 'Fant ikke tiltaket.');
      case 'forbidden':
        throw new ApiProblem(403, 'forbidden', 'Bare den som er ansvarlig for tiltaket, eller en leder over, kan sette det som utført.');
      case 'conflict':
        throw new ApiProblem(409, 'conflict', CONFLICT, { currentMeasure: itemView(outcome.current) });
      case 'invalid':
        throw new DomainFailure(outcome.error);
      case 'ok':
        return c.json(itemView(outcome.item));
    }
  });

  return routes;
}
