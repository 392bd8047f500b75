// The procedure API's code values the tab offers in filters and forms; each list comes from a record keyed by the contract's type, so a new value fails typecheck here.
import type { Role } from '../../../../src/domain/index.js';
import type {
  ChecklistAnswer,
  DocumentKindDto,
  DocumentStatusDto,
  DocumentTypeDto,
  ReviewBody,
  SelfAssessmentBody,
} from '../../../../src/server/api/contract-procedures.js';

function keysOf<K extends string>(record: Record<K, true>): readonly K[] {
  return Object.keys(record) as K[];
}

export const DOCUMENT_KINDS = keysOf<DocumentKindDto>({ procedure: true, governingDocument: true });
export const DOCUMENT_STATUSES = keysOf<DocumentStatusDto>({ draft: true, awaitingApproval: true, approved: true, archived: true });
/** The types of governing documents (a procedure's type is always 'procedure'). */
export const GOVERNING_TYPES = keysOf<Exclude<DocumentTypeDto, 'procedure'>>({ regulation: true, strategy: true, plan: true, guideline: true, routine: true, report: true });
export const DOCUMENT_TYPES: readonly DocumentTypeDto[] = ['procedure', ...GOVERNING_TYPES];
export const ROLES = keysOf<Role>({
  employee: true,
  serviceLeader: true,
  unitLeader: true,
  sectorHead: true,
  chiefExecutive: true,
  qualityAdviser: true,
  qualityCoordinator: true,
  superUser: true,
  reviewer: true,
  unionRepresentative: true,
  safetyRepresentative: true,
  userRepresentative: true,
  chiefMunicipalPhysician: true,
});
export type MineFilter = 'review' | 'approve' | 'own';
export const MINE_FILTERS = keysOf<MineFilter>({ own: true, approve: true, review: true });
export type DocumentSort = 'relevance' | 'title' | '-updated' | 'nextReview';
export const DOCUMENT_SORTS = keysOf<DocumentSort>({ relevance: true, title: true, '-updated': true, nextReview: true });
export type ReviewOutcome = ReviewBody['outcome'];
export const REVIEW_OUTCOMES = keysOf<ReviewOutcome>({ unchanged: true, revise: true, archive: true });
export const CHECKLIST_ANSWERS = keysOf<ChecklistAnswer>({ yes: true, partly: true, no: true, notApplicable: true });
export type SelfAssessmentOutcome = SelfAssessmentBody['outcome'];
export const SELF_ASSESSMENT_OUTCOMES = keysOf<SelfAssessmentOutcome>({ adequate: true, needsRevision: true, obsolete: true });
export type ReviewScope = 'mine' | 'units';
export const REVIEW_SCOPES = keysOf<ReviewScope>({ mine: true, units: true });
