// The reporter's own cases, newest first: case number, kind, status and the date reported, with a link to see more.
import type { CaseNumber, CaseStatus, DeviationKind, Instant } from '../domain/index.js';
import type { AdaptiveCard, CardAction, CardElement, Container } from './card-types.js';
import { adaptiveCard, heading, openUrl, paragraph, plain } from './elements.js';
import { formatOsloDate } from './format-date.js';
import { kindLabel, statusLabel, t } from './strings.js';
import { oneLine } from './text.js';

/** How many cases the card lists when the caller does not say. */
export const MY_REPORTS_DEFAULT_MAX = 10;

export interface MyReportItem {
  readonly caseNumber: CaseNumber;
  readonly kind: DeviationKind;
  readonly status: CaseStatus;
  readonly reportedAt: Instant;
  /** Deep link to the case; the row opens it when given. */
  readonly url?: string | null;
}

export interface MyReportsInput {
  readonly locale: string;
  readonly reports: readonly MyReportItem[];
  /** Deep link to "my reports" in the Varde tab, for "Vis flere i Varde". */
  readonly moreUrl: string;
  /** At most this many rows (default 10). */
  readonly max?: number;
  /** All the reporter's cases when the caller fetched only a page; defaults to reports.length. */
  readonly totalCount?: number;
}

export function myReportsCard(input: MyReportsInput): AdaptiveCard {
  const { locale } = input;
  const max = Math.max(1, Math.floor(input.max ?? MY_REPORTS_DEFAULT_MAX));
  const total = Math.max(input.totalCount ?? 0, input.reports.length);
  const body: CardElement[] = [heading(t(locale, 'myReports.title'))];

  if (input.reports.length === 0) {
    body.push(paragraph(t(locale, 'myReports.empty')));
    return adaptiveCard(body);
  }

  // Newest first; ISO instants sort as text. Ties keep the caller's order (stable sort).
  const shown = [...input.reports].sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : a.reportedAt > b.reportedAt ? -1 : 0)).slice(0, max);
  body.push(...shown.map((report) => row(locale, report)));

  const actions: CardAction[] = [];
  if (total > shown.length) {
    body.push(paragraph(t(locale, 'myReports.count', { shown: shown.length, total }), { isSubtle: true, size: 'small', spacing: 'medium' }));
    actions.push(openUrl(t(locale, 'myReports.showMore'), input.moreUrl));
  }
  return adaptiveCard(body, actions);
}

function row(locale: string, report: MyReportItem): Container {
  const container: Container = {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [plain(oneLine(report.caseNumber, 40), { weight: 'bolder' }), plain(kindLabel(locale, report.kind), {}, 'none')],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [
              plain(statusLabel(locale, report.status), { color: report.status === 'closed' ? 'good' : 'accent' }),
              plain(formatOsloDate(report.reportedAt, locale), { isSubtle: true }, 'none'),
            ],
          },
        ],
      },
    ],
  };
  if (report.url) container.selectAction = { type: 'Action.OpenUrl', title: t(locale, 'card.openCase'), url: report.url };
  return container;
}
