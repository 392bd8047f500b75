// The risk pages' routes under /risk (pure): the assessments, one assessment, the heat map, the yearly rounds.
export type RiskRoute =
  | { view: 'assessments' }
  | { view: 'assessment'; id: string }
  | { view: 'heatMap' }
  | { view: 'rounds' }
  | { view: 'round'; id: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The risk route for a path (without a trailing slash), or null when the path is not one of the risk pages. */
export function parseRiskRoute(path: string): RiskRoute | null {
  if (path === '/risk' || path === '/risk/assessments') return { view: 'assessments' };
  if (path === '/risk/heatmap') return { view: 'heatMap' };
  if (path === '/risk/rounds') return { view: 'rounds' };
  const a = /^\/risk\/assessments\/([^/]+)$/.exec(path);
  if (a?.[1]) {
    const id = decode(a[1]);
    return id ? { view: 'assessment', id } : null;
  }
  const r = /^\/risk\/rounds\/([^/]+)$/.exec(path);
  if (r?.[1]) {
    const id = decode(r[1]);
    return id ? { view: 'round', id } : null;
  }
  return null;
}

export function assessmentHref(id: string): string {
  return `/risk/assessments/${encodeURIComponent(id)}`;
}

export function roundHref(id: string): string {
  return `/risk/rounds/${encodeURIComponent(id)}`;
}
