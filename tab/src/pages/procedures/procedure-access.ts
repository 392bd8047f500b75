// Which procedure pages to offer a person in the menus (pure). Only a hint: the server decides every read and write.
import type { MeView } from '../../../../src/server/api/contract.js';
import type { ProcedureRoute } from './procedure-routes';

export type ProcedureView = ProcedureRoute['view'];

export interface ProcedureMenuItem {
  view: Exclude<ProcedureView, 'document'>;
  href: string;
}

const ITEMS: readonly ProcedureMenuItem[] = [
  { view: 'search', href: '/procedures' },
  { view: 'readingList', href: '/reading-list' },
  { view: 'new', href: '/procedures/new' },
  { view: 'approvals', href: '/procedures/approvals' },
  { view: 'reviews', href: '/procedures/reviews' },
  { view: 'selfAssessment', href: '/procedures/self-assessment' },
  { view: 'coverage', href: '/reading-list/coverage' },
];

type Viewer = Pick<MeView, 'roles' | 'leadsUnitIds'>;

export function isLeader(me: Viewer): boolean {
  return me.leadsUnitIds.length > 0;
}

/** Quality advisers and the kommunedirektør see every unit's documents and coverage. */
export function seesAll(me: Viewer): boolean {
  return me.roles.includes('qualityAdviser') || me.roles.includes('chiefExecutive');
}

/** Who may upload: leaders (for their units and below), quality advisers and coordinators. */
export function mayWrite(me: Viewer): boolean {
  return isLeader(me) || seesAll(me) || me.roles.includes('qualityCoordinator');
}

/** The pages worth offering: everyone searches and reads; writers upload; approvers approve; reviewers review; leaders follow coverage. */
export function procedureMenu(me: Viewer): ProcedureMenuItem[] {
  const leader = isLeader(me);
  const writer = mayWrite(me);
  const show: Record<ProcedureMenuItem['view'], boolean> = {
    search: true,
    readingList: true,
    new: writer,
    approvals: leader,
    reviews: leader || seesAll(me) || me.roles.includes('reviewer'),
    selfAssessment: writer,
    coverage: writer,
  };
  return ITEMS.filter((i) => show[i.view]);
}
