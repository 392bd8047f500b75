// From a stored case to what the index keeps of it: shared strings for ids that repeat, search text lower-cased once.
import type { IndexedCase } from '../ports/index.js';
import type { CaseSource } from '../ports/index.js';
import type { Interner } from './interner.js';

/** The text anyone who may see the case can search: its number and title. */
export function publicTextOf(s: Pick<CaseSource, 'caseNumber' | 'title'>): string {
  return `${s.caseNumber} ${s.title}`.toLowerCase();
}

/** The text only those who may read the health details can search (every free-text field may hold them). */
export function detailTextOf(s: Pick<CaseSource, 'description' | 'location' | 'immediateAction'>): string {
  const parts: string[] = [];
  for (const part of [s.description, s.location, s.immediateAction]) if (part) parts.push(part);
  return parts.join('\n').toLowerCase();
}

/**
 * The index's record of a case. Unit and person ids go through `ids`, so 150,000 cases over a few hundred units and
 * a few thousand reporters hold each id once; the original title and description are not kept, only their
 * lower-cased search text (what the index is for: counting, filtering and finding, not showing).
 */
export function projectCase(s: CaseSource, ids: Interner): IndexedCase {
  return Object.freeze({
    id: s.id,
    caseNumber: s.caseNumber,
    kind: ids.intern(s.kind) as CaseSource['kind'],
    status: ids.intern(s.status) as CaseSource['status'],
    severity: s.severity === null ? null : (ids.intern(s.severity) as CaseSource['severity']),
    unitId: ids.intern(s.unitId),
    reporterId: ids.intern(s.reporterId),
    handlerId: s.handlerId === null ? null : ids.intern(s.handlerId),
    reportedAt: s.reportedAt,
    closedAt: s.closedAt,
    healthRelated: s.healthRelated,
    publicText: publicTextOf(s),
    detailText: detailTextOf(s),
  });
}
