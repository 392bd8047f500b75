// Review dates, coverage and file sizes as the procedure pages show them (pure): due and overdue in Oslo calendar days, percentages the Norwegian way.
import type { Translate } from '../../i18n/catalogue';
import { formatDate, formatNumber, osloToday } from '../../i18n/format';

/** How many reviews count as "due soon": the API's default window. */
export const DUE_SOON_DAYS = 30;

export type ReviewState = 'none' | 'overdue' | 'dueToday' | 'dueSoon' | 'later';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Calendar days from `from` to `to` (YYYY-MM-DD; negative when `to` is earlier), null for a bad date. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : Math.round(b - a);
}

/**
 * Where a review date stands on Oslo's calendar `today`: due on the date itself, overdue from the day after (as the
 * domain's isReviewOverdue), due soon within 30 days. `days` is the days left (negative: days past).
 */
export function reviewState(nextReviewDate: string | null | undefined, today: string = osloToday()): { state: ReviewState; days: number } {
  const days = nextReviewDate ? daysBetween(today, nextReviewDate) : null;
  if (days === null) return { state: 'none', days: 0 };
  if (days < 0) return { state: 'overdue', days };
  if (days === 0) return { state: 'dueToday', days };
  if (days <= DUE_SOON_DAYS) return { state: 'dueSoon', days };
  return { state: 'later', days };
}

/** The words for a review date, so its state never rests on a colour: «Forfalt for 3 dager siden (01.03.2026)». */
export function reviewLabel(t: Translate, nextReviewDate: string | null | undefined, today: string = osloToday()): string {
  const { state, days } = reviewState(nextReviewDate, today);
  const date = formatDate(nextReviewDate);
  switch (state) {
    case 'none':
      return t('proc.review.none');
    case 'overdue':
      return days === -1 ? t('proc.review.overdueYesterday', { date }) : t('proc.review.overdue', { days: -days, date });
    case 'dueToday':
      return t('proc.review.dueToday', { date });
    case 'dueSoon':
      return days === 1 ? t('proc.review.dueTomorrow', { date }) : t('proc.review.dueSoon', { days, date });
    case 'later':
      return t('proc.review.later', { date });
  }
}

/** 87,5 % (one decimal at most, a non-breaking space before the sign); '–' when there is nobody to count. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return '–';
  const bounded = Math.min(100, Math.max(0, percent));
  return `${formatNumber(Math.round(bounded * 10) / 10)}\u00a0%`;
}

/** «12 av 16 har bekreftet (75 %)», or that nobody has to read it. */
export function coverageText(t: Translate, c: { confirmed: number; required: number; percent: number | null }): string {
  if (c.required === 0 || c.percent === null) return t('proc.coverage.nobody');
  return t('proc.coverage.summary', { confirmed: c.confirmed, required: c.required, percent: formatPercent(c.percent) });
}

/** The percent as a ProgressBar value (0–1), 0 when there is nobody to count. */
export function coverageFraction(percent: number | null | undefined): number {
  if (percent === null || percent === undefined || Number.isNaN(percent)) return 0;
  return Math.min(1, Math.max(0, percent / 100));
}

/** 820 kB, 2,4 MB, 25 MB: in units of 1 024, as file managers and the server's «25 MB» limit count them. */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${formatNumber(bytes)}\u00a0B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024) * 10) / 10)}\u00a0kB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)}\u00a0MB`;
}

/** The current year in Oslo (the self-assessment's default year). */
export function osloYear(now: Date = new Date()): number {
  return Number(osloToday(now).slice(0, 4));
}
