// The yearly self-assessment of governing documents per owner area (issue 8; seed 000): the checklist and who assesses.
import type { CalendarDate } from './oslo-time.js';
import type { OrgUnits } from './organisation.js';
import { hasRole, type Person } from './person.js';
import { mayReview, type ProcedureDocument } from './procedure-workflow.js';

export type ChecklistQuestionId = 'known' | 'followed' | 'lawful' | 'responsibilities' | 'current' | 'goalsMet';
export type ChecklistAnswer = 'yes' | 'partly' | 'no' | 'notApplicable';

/** Tønsberg's yearly self-assessment of the overarching documents per owner area (seed 000): the questions asked. */
export const SELF_ASSESSMENT_CHECKLIST: readonly { readonly id: ChecklistQuestionId; readonly text: string }[] = [
  { id: 'known', text: 'Er dokumentet kjent for dem det gjelder?' },
  { id: 'followed', text: 'Blir dokumentet fulgt i praksis?' },
  { id: 'lawful', text: 'Er dokumentet i samsvar med gjeldende lover, forskrifter og politiske vedtak?' },
  { id: 'responsibilities', text: 'Er ansvar og roller tydelig beskrevet?' },
  { id: 'current', text: 'Er innholdet oppdatert (organisering, navn, lenker, datoer)?' },
  { id: 'goalsMet', text: 'Bidrar dokumentet til at målene nås?' },
];

export interface DocumentSelfAssessment {
  readonly id: string;
  readonly documentId: string;
  readonly year: number;
  readonly ownerArea: string | null;
  readonly assessedById: string;
  readonly assessedOn: CalendarDate;
  readonly answers: Readonly<Partial<Record<ChecklistQuestionId, ChecklistAnswer>>>;
  readonly outcome: 'adequate' | 'needsRevision' | 'obsolete';
  readonly comment: string;
  /** Follow-up measures on the action list (source 'procedureSelfAssessment'). */
  readonly measureIds: readonly string[];
}

/** The owner (leader or deputy of the owner unit), the reviewer, or a quality adviser. */
export function mayAssess(person: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
  return hasRole(person, 'qualityAdviser') || mayReview(person, doc, units);
}
