// The reporting flow's card builders, over src/cards: maps the use cases' view models onto the builders' inputs.
import {
  channelAlertCard,
  leaderNotificationCard,
  myReportsCard,
  receiptCard,
  REPORT_FORM_FIELDS,
  type ReportFormErrors,
  type ReportFormValues as CardFormValues,
  reportFormCard,
  statusMessage,
  t,
  welcomeCard,
} from '../../cards/index.js';
import type { ReportingCards } from '../reporting/views.js';
import type { CardJson } from './types.js';

export const defaultCards: ReportingCards = {
  welcome: (locale, name) => welcomeCard({ locale, name }),

  reportForm(locale, view) {
    const values: CardFormValues = {};
    const errors: ReportFormErrors = {};
    for (const field of REPORT_FORM_FIELDS) {
      const value = view.values[field];
      if (value !== '') values[field] = value;
      const error = view.errors[field];
      if (error !== undefined) errors[field] = error;
    }
    if (view.errors.form !== undefined) errors.form = view.errors.form;
    const card = reportFormCard({
      locale,
      kind: view.values.kind,
      submissionId: view.values.submissionId,
      units: view.units,
      reporterUnitId: view.values.unitId === '' ? null : view.values.unitId,
      defaults: view.defaults,
      values,
      errors,
    });
    return view.attachments.length === 0 ? card : withAttachments(card, view.attachments, locale);
  },

  receipt: (locale, view) =>
    receiptCard({ locale, kind: view.kind, caseNumber: view.caseNumber, unitName: view.unitName, status: view.status, caseUrl: view.caseUrl, delivery: view.state }),

  leaderNotification: (locale, view) =>
    leaderNotificationCard({
      locale,
      caseId: view.caseId,
      caseNumber: view.caseNumber,
      kind: view.kind,
      unitName: view.unitName,
      severity: view.severity,
      reportedAt: view.reportedAt,
      title: view.title,
      caseUrl: view.caseUrl,
      takenBy: view.handlerName !== null && view.takenAt !== null ? { name: view.handlerName, at: view.takenAt } : null,
    }),

  channelNotification: (locale, view) =>
    channelAlertCard({ locale, deviation: { caseNumber: view.caseNumber, kind: view.kind, severity: view.severity }, unitName: view.unitName, caseUrl: view.caseUrl }),

  myReports: (locale, view) =>
    myReportsCard({
      locale,
      reports: view.items.map((i) => ({ caseNumber: i.caseNumber, kind: i.kind, status: i.status, reportedAt: i.reportedAt, url: i.caseUrl })),
      moreUrl: view.listUrl,
      ...(view.hasMore ? { totalCount: view.items.length + 1 } : {}),
    }),

  statusMessage: (locale, change) =>
    statusMessage({
      locale,
      caseNumber: change.caseNumber,
      change: change.type === 'report' ? 'delivered' : change.type,
      actorName: 'actorName' in change ? change.actorName : null,
    }),

  text: (locale, key, params) => t(locale, key, params),
};

/**
 * Files sent with the text: the files wait in the app for this form, their names travel in the submit data (so the
 * submit can tell which did not arrive) and the form says they go with the report. The names are data from people,
 * so they go in a TextRun.
 */
function withAttachments(card: CardJson, names: readonly string[], locale: string): CardJson {
  const actions = Array.isArray(card.actions) ? (card.actions as Record<string, unknown>[]) : [];
  const submit = actions.map((a) => (a.verb === 'submitReport' ? { ...a, data: { ...(a.data as Record<string, string>), attachments: JSON.stringify(names) } } : a));
  const body = Array.isArray(card.body) ? card.body : [];
  const note = {
    type: 'RichTextBlock',
    spacing: 'medium',
    inlines: [{ type: 'TextRun', text: `📎 ${names.join(', ')}. ${t(locale, 'bot.attachmentsOnSubmit')}`, isSubtle: true }],
  };
  return { ...card, body: [...body, note], actions: submit };
}
