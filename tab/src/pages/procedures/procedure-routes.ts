// The procedure pages' routes (pure): search, one document, upload, approvals, yearly review, self-assessment, the reading list and its coverage.
export type ProcedureRoute =
  | { view: 'search' }
  | { view: 'new' }
  | { view: 'document'; id: string }
  | { view: 'approvals' }
  | { view: 'reviews' }
  | { view: 'selfAssessment' }
  | { view: 'readingList' }
  | { view: 'coverage' };

/** The procedure route for a path (without a trailing slash), or null when the path is not one of these pages. */
export function parseProcedureRoute(path: string): ProcedureRoute | null {
  switch (path) {
    case '/procedures':
      return { view: 'search' };
    case '/procedures/new':
      return { view: 'new' };
    case '/procedures/approvals':
      return { view: 'approvals' };
    case '/procedures/reviews':
      return { view: 'reviews' };
    case '/procedures/self-assessment':
      return { view: 'selfAssessment' };
    case '/reading-list':
      return { view: 'readingList' };
    case '/reading-list/coverage':
      return { view: 'coverage' };
  }
  const d = /^\/procedures\/documents\/([^/]+)$/.exec(path);
  if (d?.[1]) {
    try {
      return { view: 'document', id: decodeURIComponent(d[1]) };
    } catch {
      return null;
    }
  }
  return null;
}

export type DocumentSection = 'coverage' | 'review' | 'upload' | 'approval' | 'reading';

/** A document's page; `section` opens it at that part (the router keeps path and query, not a fragment). */
export function documentHref(id: string, section?: DocumentSection): string {
  return `/procedures/documents/${encodeURIComponent(id)}${section ? `?section=${section}` : ''}`;
}

/** The risk pages' address of an assessment (the ROS form a related risk item belongs to). */
export function riskAssessmentHref(assessmentId: string): string {
  return `/risk/assessments/${encodeURIComponent(assessmentId)}`;
}
