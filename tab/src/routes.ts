// The tab's client routes, parsed from the URL (pure, so tested without a browser).
import { parseCommitteeRoute, type CommitteeRoute } from './pages/committees/committee-routes';
import { parseProcedureRoute, type ProcedureRoute } from './pages/procedures/procedure-routes';
import { parseRiskRoute, type RiskRoute } from './pages/risk/risk-routes';

export type Route =
  | { page: 'inbox' }
  | { page: 'case'; id: string }
  | { page: 'actions' }
  | { page: 'dashboard' }
  | { page: 'channel'; unitId: string | null }
  | { page: 'config' }
  | { page: 'procedures'; route: ProcedureRoute }
  | { page: 'risk'; route: RiskRoute }
  | { page: 'committees'; route: CommitteeRoute }
  | { page: 'notFound' };

export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  const unitId = query.get('unitId');
  if (path === '/') {
    // A channel tab's content URL may be `/?unitId=…` (what an older config saved): the channel view.
    return unitId ? { page: 'channel', unitId } : { page: 'inbox' };
  }
  if (path === '/inbox' || path === '/sign-in') return { page: 'inbox' };
  if (path === '/actions') return { page: 'actions' };
  if (path === '/dashboard') return { page: 'dashboard' };
  if (path === '/channel') return { page: 'channel', unitId: unitId || null };
  if (path === '/config') return { page: 'config' };
  const procedures = parseProcedureRoute(path);
  if (procedures) return { page: 'procedures', route: procedures };
  const risk = parseRiskRoute(path);
  if (risk) return { page: 'risk', route: risk };
  const committees = parseCommitteeRoute(path, query);
  if (committees) return { page: 'committees', route: committees };
  const c = /^\/cases\/([^/]+)$/.exec(path);
  if (c?.[1]) {
    try {
      return { page: 'case', id: decodeURIComponent(c[1]) };
    } catch {
      return { page: 'notFound' };
    }
  }
  return { page: 'notFound' };
}

export function caseHref(id: string): string {
  return `/cases/${encodeURIComponent(id)}`;
}
