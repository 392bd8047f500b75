// The procedure workflow's rules: who approves (only the owner unit's leader or deputy), the steps and their states,
// version labels, reading confirmations of superseded versions, review dates.
import { describe, expect, it } from 'vitest';
import { orgUnitsById, type OrgUnit } from './organisation.js';
import type { Person } from './person.js';
import {
  type ProcedureDocument,
  appliesToPerson,
  approveDocument,
  checkReadingConfirmation,
  compareVersionLabels,
  confirmationCovers,
  isMajorVersion,
  isProcedureReviewOverdue,
  mayApprove,
  mayEdit,
  mayView,
  mayWriteFor,
  rejectDocument,
  reviewDocument,
  submitForApproval,
  withNewDraft,
} from './index.js';

const units = orgUnitsById([
  { id: 'k', name: 'Kommune', level: 'municipality', parentId: null, leaderId: 'kd' },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'k', leaderId: 'ks' },
  { id: 'sh', name: 'Sykehjem', level: 'unit', parentId: 'mh', leaderId: 'vl', deputyLeaderId: 'st' },
  { id: 'a', name: 'Avdeling A', level: 'service', parentId: 'sh', leaderId: 'tl' },
  { id: 'ol', name: 'Oppvekst', level: 'sector', parentId: 'k', leaderId: 'ks2' },
] satisfies OrgUnit[]);
const person = (id: string, unitId: string, roles: Person['roles'] = ['employee']): Person => ({ id, name: id, email: '', upn: '', unitId, roles });
const now = new Date('2026-03-02T09:00:00Z');

const draft: ProcedureDocument = {
  id: 'd1',
  kind: 'procedure',
  documentType: 'procedure',
  title: 'Fall',
  description: '',
  keywords: [],
  ownerUnitId: 'sh',
  level: 'unit',
  ownerArea: null,
  reviewerId: 'rev',
  appliesToUnitIds: ['sh'],
  appliesToRoles: [],
  relatedRiskItemIds: [],
  status: 'draft',
  fileName: 'fall.docx',
  driveItemId: 'x',
  latestVersion: '0.2',
  approvedVersion: null,
  approvedAt: null,
  approvedById: null,
  readingVersion: null,
  nextReviewDate: null,
  lastReviewedOn: null,
  pending: null,
  approvals: [],
  reviews: [],
  createdById: 'tl',
};

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('version labels', () => {
  it('order by major then minor, and a major is n.0 with n ≥ 1', () => {
    expect(['1.1', '0.2', '2.0', '0.10', '1.0'].sort(compareVersionLabels)).toEqual(['0.2', '0.10', '1.0', '1.1', '2.0']);
    expect(isMajorVersion('2.0')).toBe(true);
    expect(isMajorVersion('0.0')).toBe(false);
    expect(isMajorVersion('1.1')).toBe(false);
    expect(confirmationCovers('2.0', '1.0')).toBe(true);
    expect(confirmationCovers('1.0', '2.0')).toBe(false);
  });
});

describe('who may do what', () => {
  it('only the leader or deputy of the owner unit approves: not the line above, not below', () => {
    expect(['vl', 'st'].map((id) => mayApprove(id, draft, units))).toEqual([true, true]);
    expect(['ks', 'kd', 'tl', 'rev'].map((id) => mayApprove(id, draft, units))).toEqual([false, false, false, false]);
  });

  it('writing: leaders of the unit and above, advisers everywhere, coordinators in their sector', () => {
    expect(mayWriteFor(person('ks', 'mh'), 'sh', units)).toBe(true);
    expect(mayWriteFor(person('tl', 'a'), 'sh', units)).toBe(false);
    expect(mayWriteFor(person('x', 'k', ['qualityAdviser']), 'a', units)).toBe(true);
    expect(mayWriteFor(person('y', 'mh', ['qualityCoordinator']), 'a', units)).toBe(true);
    expect(mayWriteFor(person('y', 'mh', ['qualityCoordinator']), 'ol', units)).toBe(false);
    expect(mayEdit(person('tl', 'a'), draft, units)).toBe(true); // the creator
  });

  it('a draft is for editors and approvers; an approved version for everyone', () => {
    expect(mayView(person('e', 'a'), draft, units)).toBe(false);
    expect(mayView(person('st', 'sh'), draft, units)).toBe(true);
    expect(mayView(person('e', 'ol'), { ...draft, status: 'approved', approvedVersion: '1.0' }, units)).toBe(true);
    expect(mayView(person('e', 'ol'), { ...draft, status: 'archived', approvedVersion: '1.0' }, units)).toBe(false);
  });

  it('applies to people in its units and below, and to its roles when it names any', () => {
    expect(appliesToPerson(draft, person('e', 'a'), units)).toBe(true);
    expect(appliesToPerson(draft, person('e', 'ol'), units)).toBe(false);
    const safety = { ...draft, appliesToRoles: ['safetyRepresentative' as const] };
    expect(appliesToPerson(safety, person('e', 'a'), units)).toBe(false);
    expect(appliesToPerson(safety, person('e', 'a', ['employee', 'safetyRepresentative']), units)).toBe(true);
  });
});

describe('the steps', () => {
  it('submit → approve publishes, records who approved which version when, and sets the review a year on', () => {
    const sent = value(submitForApproval(draft, 'tl', { substantive: false, changeNote: null }, units, now));
    expect(sent.pending).toMatchObject({ version: '0.2', substantive: true }); // a first version always is
    const approved = value(approveDocument(sent, 'st', '1.0', 'OK', units, now));
    expect(approved).toMatchObject({ status: 'approved', approvedVersion: '1.0', readingVersion: '1.0', latestVersion: '1.0', nextReviewDate: '2027-03-02', pending: null });
    expect(approved.approvals[0]).toMatchObject({ submittedVersion: '0.2', publishedVersion: '1.0', byId: 'st', at: now.toISOString(), outcome: 'approved' });
  });

  it('a wrong approver, a wrong state, a draft changed since sending are refused', () => {
    const sent = value(submitForApproval(draft, 'tl', { substantive: true, changeNote: null }, units, now));
    expect(approveDocument(sent, 'ks', '1.0', null, units, now)).toMatchObject({ ok: false, error: { code: 'procedure.wrongApprover' } });
    expect(approveDocument(draft, 'vl', '1.0', null, units, now)).toMatchObject({ ok: false, error: { code: 'procedure.invalidState' } });
    expect(approveDocument({ ...sent, latestVersion: '0.3' }, 'vl', '1.0', null, units, now)).toMatchObject({ ok: false, error: { code: 'procedure.versionChanged' } });
    expect(submitForApproval(sent, 'tl', { substantive: true, changeNote: null }, units, now)).toMatchObject({ ok: false });
    expect(withNewDraft(sent, '0.3')).toMatchObject({ ok: false, error: { code: 'procedure.invalidState' } });
  });

  it('a non-substantive change keeps the reading version', () => {
    const v1 = value(approveDocument(value(submitForApproval(draft, 'tl', { substantive: true, changeNote: null }, units, now)), 'vl', '1.0', null, units, now));
    const v2draft = value(withNewDraft(v1, '1.1'));
    const v2 = value(approveDocument(value(submitForApproval(v2draft, 'tl', { substantive: false, changeNote: 'Skrivefeil' }, units, now)), 'vl', '2.0', null, units, now));
    expect(v2).toMatchObject({ approvedVersion: '2.0', readingVersion: '1.0' });
    expect(checkReadingConfirmation(v2, '1.0')).toMatchObject({ ok: false, error: { code: 'procedure.supersededVersion' } });
    expect(checkReadingConfirmation(v2, '2.0')).toMatchObject({ ok: true });
    expect(checkReadingConfirmation(draft, '0.2')).toMatchObject({ ok: false, error: { code: 'procedure.notApproved' } });
  });

  it('a rejection needs a comment and goes back to draft', () => {
    const sent = value(submitForApproval(draft, 'tl', { substantive: true, changeNote: null }, units, now));
    expect(rejectDocument(sent, 'vl', ' ', units, now)).toMatchObject({ ok: false, error: { code: 'procedure.commentMissing' } });
    expect(value(rejectDocument(sent, 'vl', 'Nei', units, now))).toMatchObject({ status: 'draft', pending: null, approvals: [{ outcome: 'rejected', comment: 'Nei' }] });
  });

  it('the yearly review: unchanged moves the date, revise opens a draft, archive needs a comment', () => {
    const approved = { ...draft, status: 'approved' as const, approvedVersion: '1.0', nextReviewDate: '2026-03-01' };
    expect(isProcedureReviewOverdue(approved, now)).toBe(true);
    expect(isProcedureReviewOverdue({ ...approved, nextReviewDate: '2026-03-02' }, now)).toBe(false);
    const reviewer = person('rev', 'sh');
    expect(value(reviewDocument(approved, reviewer, 'unchanged', null, units, now))).toMatchObject({ nextReviewDate: '2027-03-02', lastReviewedOn: '2026-03-02' });
    expect(value(reviewDocument(approved, reviewer, 'revise', null, units, now)).status).toBe('draft');
    expect(reviewDocument(approved, reviewer, 'archive', '', units, now)).toMatchObject({ ok: false, error: { code: 'procedure.commentMissing' } });
    expect(reviewDocument(approved, person('e', 'a'), 'unchanged', null, units, now)).toMatchObject({ ok: false, error: { code: 'procedure.forbidden' } });
  });
});
