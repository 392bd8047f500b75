// Shared test data for the card tests: inputs for every builder and variant, and hostile user text (used by tests only).
import type { Deviation } from '../domain/index.js';
import type { AdaptiveCard } from './card-types.js';
import { channelAlertCard } from './channel-alert-card.js';
import { leaderNotificationCard } from './leader-notification-card.js';
import { myReportsCard, type MyReportItem } from './my-reports-card.js';
import { receiptCard } from './receipt-card.js';
import { reportFormCard, type ReportFormInput } from './report-form-card.js';
import { welcomeCard } from './welcome-card.js';
import { procedureApprovalCard, procedureSearchCard, readingDigestCard, type ReadingCardItem } from './procedure-cards.js';
import { reminderDigestCard } from './reminder-digest-card.js';

export const CASE_URL = 'https://teams.microsoft.com/l/entity/varde-app/cases?context=%7B%22subEntityId%22%3A%22d1%22%7D';
export const MORE_URL = 'https://teams.microsoft.com/l/entity/varde-app/my-reports';

/** User text that would be markup if a card rendered it as markdown or HTML. */
export const HOSTILE = {
  bold: '**bold** and _italic_',
  script: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  link: '[click me](javascript:alert(1))',
  list: '- item\n1. first\n# heading',
  template: '${secret} {{DATE(2026-01-01)}} {name}',
  controls: 'line\u0000break\u202Eevil',
} as const;

export const HOSTILE_TEXT = Object.values(HOSTILE).join('\n');

/** 100,000 characters, with emoji (4 UTF-8 bytes each) to push the byte count. */
export const HUGE_TEXT = '😀'.repeat(50_000) + 'æ'.repeat(50_000);

export const UNITS = [
  { id: 'sh-a', name: 'Eikeberg sykehjem, avdeling A' },
  { id: 'sh-b', name: 'Eikeberg sykehjem, avdeling B' },
  { id: 'ht', name: 'Hjemmetjenesten' },
] as const;

export const DEFAULTS = { date: '2026-11-23', time: '14:05' } as const;

export function formInput(patch: Partial<ReportFormInput> = {}): ReportFormInput {
  return { locale: 'nb-NO', kind: 'adverseEvent', submissionId: 'sub-1', units: UNITS, reporterUnitId: 'sh-a', defaults: DEFAULTS, ...patch };
}

/** A case whose every free-text field holds a marker that must never reach a channel. */
export function caseWithSecrets(patch: Partial<Deviation> = {}): Deviation {
  return {
    id: 'd1',
    caseNumber: 'AV-2026-00123',
    kind: 'adverseEvent',
    title: 'SECRET-TITLE Feil dose til beboer',
    description: 'SECRET-DESCRIPTION Beboer fikk dobbel dose insulin.',
    location: 'SECRET-LOCATION Rom 12',
    occurredAt: '2026-11-23T12:30:00.000Z',
    reportedAt: '2026-11-23T13:05:00.000Z',
    reporterId: 'SECRET-REPORTER',
    unitId: 'sh-a',
    severity: 'high',
    consequenceFor: ['serviceUser'],
    immediateAction: 'SECRET-ACTION Lege varslet.',
    status: 'new',
    handlerId: 'SECRET-HANDLER',
    analysis: { whys: ['SECRET-WHY'], rootCause: 'SECRET-ROOT', causeCategory: 'routine' },
    noMeasureReason: 'SECRET-NOMEASURE',
    closingNote: 'SECRET-CLOSING',
    closedAt: null,
    healthRelated: true,
    measureIds: [],
    riskItemIds: [],
    history: [{ type: 'report', actorId: 'SECRET-ACTOR', at: '2026-11-23T13:05:00.000Z', from: null, to: 'new', note: 'SECRET-NOTE' }],
    ...patch,
  };
}

export const MY_REPORTS: readonly MyReportItem[] = [
  { caseNumber: 'AV-2026-00123', kind: 'adverseEvent', status: 'received', reportedAt: '2026-11-23T13:05:00.000Z', url: CASE_URL },
  { caseNumber: 'FF-2026-00044', kind: 'improvementProposal', status: 'closed', reportedAt: '2026-03-01T08:00:00.000Z' },
  { caseNumber: 'NU-2026-00077', kind: 'nearMiss', status: 'underAnalysis', reportedAt: '2026-07-14T22:30:00.000Z' },
];

/** Every builder and variant for one locale, optionally with `text` in every place that takes text from people. */
export function everyCard(locale: string, text?: string): Record<string, AdaptiveCard> {
  const name = text ?? 'Kari Nordmann';
  const unitName = text ?? 'Eikeberg sykehjem, avdeling A';
  const units = text === undefined ? UNITS : [...UNITS, { id: 'odd', name: text }];
  const values = {
    kind: 'nearMiss',
    description: text ?? 'Fall på badet.',
    location: text ?? 'Bad, 2. etg',
    immediateAction: text ?? 'Hjalp beboeren opp.',
    consequenceFor: 'serviceUser,employee',
    severity: 'medium',
    occurredDate: '2026-11-22',
    occurredTime: '22:15',
    unitId: 'sh-b',
  };
  const errors = { form: text ?? 'Noe gikk galt.', description: text ?? 'Skriv kort hva det gjelder.', severity: 'Velg alvorlighetsgrad.' };
  const secrets = caseWithSecrets();
  const notification = {
    locale,
    caseId: 'd1',
    caseNumber: 'AV-2026-00123',
    kind: 'adverseEvent' as const,
    unitName,
    severity: 'high' as const,
    reportedAt: '2026-11-23T13:05:00.000Z',
    title: text ?? 'Fall på badet',
    caseUrl: CASE_URL,
  };
  const receipt = { locale, kind: 'adverseEvent' as const, caseNumber: 'AV-2026-00123', unitName, status: 'received' as const, caseUrl: CASE_URL };
  return {
    welcome: welcomeCard({ locale, name }),
    welcomeNoName: welcomeCard({ locale }),
    formAdverseEvent: reportFormCard(formInput({ locale })),
    formProposal: reportFormCard(formInput({ locale, kind: 'improvementProposal', units })),
    formWithValuesAndErrors: reportFormCard(formInput({ locale, units, values, errors })),
    formWhistleblowing: reportFormCard(formInput({ locale, kind: 'whistleblowingReport', values, errors })),
    receipt: receiptCard(receipt),
    receiptClosed: receiptCard({ ...receipt, status: 'closed' }),
    receiptPending: receiptCard({ ...receipt, caseNumber: null, status: 'new', caseUrl: null, delivery: 'pending' }),
    receiptWhistleblowing: receiptCard({ ...receipt, kind: 'whistleblowingReport', caseNumber: 'VA-2026-00001', unitName: null }),
    leaderNotification: leaderNotificationCard(notification),
    leaderNotificationTaken: leaderNotificationCard({ ...notification, takenBy: { name, at: '2026-11-23T13:20:00.000Z' } }),
    channelAlert: channelAlertCard({ locale, deviation: secrets, unitName, caseUrl: CASE_URL }),
    myReports: myReportsCard({ locale, reports: MY_REPORTS, moreUrl: MORE_URL, max: 2 }),
    myReportsEmpty: myReportsCard({ locale, reports: [], moreUrl: MORE_URL }),
    ...procedureCards(locale, text),
    ...reminderCards(locale, text),
  };
}

/** The reminder digest (issue 9): open, done and rescheduled measures, a hidden one, a review and a risk deadline. */
export function reminderCards(locale: string, text?: string): Record<string, AdaptiveCard> {
  const frame = { locale, channelId: '19:ledere@thread.tacv2', unitName: text ?? 'Eikeberg sykehjem', date: '2026-11-24', totals: { measures: 4, reviews: 1, risk: 1 }, links: { actionList: MORE_URL, reviews: MORE_URL, risk: MORE_URL } };
  const measure = (n: number, state: { type: 'open' } | { type: 'done'; byName: string; at: string } | { type: 'rescheduled'; deadline: string; byName: string }) => ({
    kind: 'measure' as const,
    measureId: `m-${n}`,
    title: text ?? `Oppdatere branninstruksen ${n}`,
    caseNumber: null,
    caseUrl: n === 1 ? CASE_URL : null,
    unitName: text ?? 'Eikeberg sykehjem',
    ownerName: text ?? 'Kari Nordmann',
    deadline: '2026-11-19',
    daysOverdue: 5,
    state,
  });
  return {
    reminderDigest: reminderDigestCard({
      ...frame,
      part: 0,
      parts: 2,
      notice: { text: text ?? 'Tiltaket er satt som utført. Takk!', tone: 'good' },
      overflow: { measures: 0, reviews: 0, risk: 0 },
      lines: [
        measure(1, { type: 'open' }),
        measure(2, { type: 'done', byName: text ?? 'Liv Leder', at: '2026-11-24T09:15:00.000Z' }),
        measure(3, { type: 'rescheduled', deadline: '2026-12-10', byName: text ?? 'Liv Leder' }),
        { ...measure(4, { type: 'open' }), title: null, ownerName: null, caseNumber: 'AV-2026-00123', caseUrl: CASE_URL },
        { kind: 'review', documentId: 'doc-1', title: text ?? 'Legemiddelhåndtering', unitName: text ?? 'Mestring og helse', dueDate: '2026-11-20', daysOverdue: 4 },
        { kind: 'risk', key: 'r1', title: text ?? 'Send risikovurderingen til kommunalsjef', unitName: text ?? 'Eikeberg sykehjem', deadline: '2026-11-30', daysLeft: 6 },
      ],
    }),
    reminderDigestLastPart: reminderDigestCard({ ...frame, part: 1, parts: 2, lines: [measure(5, { type: 'open' })], overflow: { measures: 40, reviews: 1, risk: 1 } }),
  };
}

export const DOCUMENT_URL = 'https://teams.microsoft.com/l/entity/varde-app/procedures?context=%7B%22subEntityId%22%3A%22doc-1%22%7D';

/** The procedure cards (issue 8) in every variant, with `text` wherever people's text goes. */
export function procedureCards(locale: string, text?: string): Record<string, AdaptiveCard> {
  const approval = {
    locale,
    documentId: 'doc-1',
    version: '0.2',
    title: text ?? 'Legemiddelhåndtering i sykehjem',
    documentType: 'procedure' as const,
    unitName: text ?? 'Mestring og helse',
    submittedBy: text ?? 'Kari Nordmann',
    submittedAt: '2026-11-23T13:05:00.000Z',
    substantive: true,
    changeNote: text ?? 'Nytt avsnitt om dobbeltkontroll av insulin.',
    documentUrl: DOCUMENT_URL,
  };
  const item = (n: number, patch: Partial<ReadingCardItem> = {}): ReadingCardItem => ({
    documentId: `doc-${n}`,
    version: `${n}.0`,
    title: text ?? `Prosedyre nummer ${n}`,
    documentType: n % 2 === 0 ? 'guideline' : 'procedure',
    unitName: text ?? 'Solvang sykehjem',
    changeNote: text ?? null,
    url: DOCUMENT_URL,
    ...patch,
  });
  const many = Array.from({ length: 12 }, (_, i) => item(i + 1, { isNew: i < 3, changeNote: text ?? 'Endret rutine for dobbeltkontroll.'.repeat(20) }));
  return {
    procedureApproval: procedureApprovalCard(approval),
    procedureApprovalError: procedureApprovalCard({ ...approval, error: text ?? 'Skriv en kommentar.', comment: text ?? 'halvveis' }),
    procedureApproved: procedureApprovalCard({ ...approval, decision: { outcome: 'approved', byName: text ?? 'Liv Leder', at: '2026-11-24T08:00:00.000Z', publishedVersion: '1.0', comment: text ?? null } }),
    procedureRejected: procedureApprovalCard({ ...approval, decision: { outcome: 'rejected', byName: text ?? 'Liv Leder', at: '2026-11-24T08:00:00.000Z', publishedVersion: null, comment: text ?? 'Mangler ansvar.' } }),
    readingDigest: readingDigestCard({ locale, variant: 'digest', items: [item(1, { isNew: true }), item(2, { confirmedAt: '2026-11-24T09:00:00.000Z' })], openCount: 1, listUrl: MORE_URL }),
    readingDigestFull: readingDigestCard({ locale, variant: 'digest', items: many, openCount: many.length, listUrl: MORE_URL }),
    readingDigestDone: readingDigestCard({ locale, variant: 'digest', items: [item(2, { confirmedAt: '2026-11-24T09:00:00.000Z' })], openCount: 0, listUrl: MORE_URL }),
    readingReminder: readingDigestCard({ locale, variant: 'reminder', items: [item(3)], openCount: 1, listUrl: MORE_URL, notice: text ?? null }),
    procedureSearch: procedureSearchCard({
      locale,
      query: text ?? 'legemiddel',
      results: [1, 2, 3, 4, 5, 6].map((n) => ({ title: text ?? `Legemiddelhåndtering ${n}`, documentType: 'procedure' as const, unitName: text ?? 'Mestring og helse', version: '2.0', snippet: text ?? '… legemidler skal dobbeltkontrolleres …', url: DOCUMENT_URL })),
      searchUrl: MORE_URL,
    }),
    procedureSearchEmpty: procedureSearchCard({ locale, query: text ?? 'xyz', results: [], searchUrl: MORE_URL }),
    procedureSearchHelp: procedureSearchCard({ locale, query: '', results: [], searchUrl: MORE_URL }),
  };
}
