// The report form's submit, checked on the server: whatever arrives (random, oversized, wrongly typed, malicious), the answer is
// either a complete draft or Norwegian messages per field with the input kept for the form, never a throw.
import { z } from 'zod';
import {
  CONSEQUENCE_FOR,
  SEVERITIES,
  TITLE_MAX_LENGTH,
  type ConsequenceFor,
  type DeviationKind,
  type Instant,
  type Severity,
  isCalendarDate,
  kindRequiresSeverity,
  osloOffsetMinutes,
  toOsloDate,
} from '../../domain/index.js';
import { REPORT_FORM_FIELDS, REPORT_FORM_LIMITS } from '../../cards/index.js';

/** Kinds the chat form offers; whistleblowing comes through its own form (the same fields, its own route). */
export const FORM_KINDS = ['adverseEvent', 'nearMiss', 'improvementProposal', 'positiveFeedback', 'whistleblowingReport'] as const satisfies readonly DeviationKind[];
export type FormKind = (typeof FORM_KINDS)[number];

/** The form's input ids, as the card declares them, plus `healthRelated`, which the check derives (no input shows it). */
export const FORM_FIELDS = [...REPORT_FORM_FIELDS, 'healthRelated'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** The form's own limits (sized by src/cards so a full form stays under Teams' 28 KB card limit). */
export const LIMITS = {
  description: REPORT_FORM_LIMITS.description,
  location: REPORT_FORM_LIMITS.location,
  immediateAction: REPORT_FORM_LIMITS.immediateAction,
  attachments: 10,
  attachmentName: 200,
  /** The title is made from the start of the description. */
  title: 80,
} as const;

/** What the form shows: every value as text, as Adaptive Card inputs hold them. */
export interface ReportFormValues {
  readonly submissionId: string;
  readonly kind: FormKind;
  readonly description: string;
  readonly location: string;
  /** YYYY-MM-DD (Input.Date). */
  readonly occurredDate: string;
  /** HH:mm (Input.Time). */
  readonly occurredTime: string;
  readonly unitId: string;
  /** '' or a Severity. */
  readonly severity: string;
  /** Comma-separated ConsequenceFor values (a multi-select Input.ChoiceSet). */
  readonly consequenceFor: string;
  readonly immediateAction: string;
  /** 'true' | 'false' (Input.Toggle). */
  readonly healthRelated: string;
  /** Names of files sent in the chat with the report (kept as hidden data). */
  readonly attachments: readonly string[];
}

/** A complete, checked report, ready for the domain's reportDeviation. */
export interface ReportDraft {
  readonly submissionId: string;
  readonly kind: FormKind;
  readonly title: string;
  readonly description: string;
  readonly location: string | null;
  readonly occurredAt: Instant | null;
  readonly unitId: string;
  readonly severity: Severity | null;
  readonly consequenceFor: readonly ConsequenceFor[];
  readonly immediateAction: string | null;
  readonly healthRelated: boolean;
  readonly attachments: readonly string[];
}

export type FieldErrors = Partial<Record<FormField | 'form', string>>;

export type CheckedSubmit =
  | { readonly ok: true; readonly draft: ReportDraft; readonly values: ReportFormValues }
  | { readonly ok: false; readonly errors: FieldErrors; readonly values: ReportFormValues };

export interface SubmitContext {
  /** Ids of the units a report may belong to. */
  readonly unitIds: ReadonlySet<string>;
  readonly now: Date;
  /** A fresh submission id, for a form that came back without a usable one. */
  readonly newSubmissionId: () => string;
  /**
   * The unit a whistleblowing report belongs to when none is given (its form asks none: where it
   * happened is in the text, and a unit field would only narrow down who reported). The municipality.
   */
  readonly defaultWhistleblowingUnitId?: string;
}

const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Control characters (not tab and newline), bidi overrides that can disguise text, and lone surrogates
// (which SharePoint refuses in JSON) are dropped or replaced; the text is otherwise kept as written.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text as it will be stored: normalised, without control characters, line ends as \n, trimmed. */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Cuts at `max` characters without splitting a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

const nb = (n: number) => n.toLocaleString('nb-NO').replace(/\u00A0/g, ' ');

/** Reads a value that should be text: other types become '' (and are reported by the field's check). */
function textOf(data: Record<string, unknown>, key: string): { text: string; wrongType: boolean } {
  if (!Object.hasOwn(data, key)) return { text: '', wrongType: false };
  const value = data[key];
  if (value === undefined || value === null) return { text: '', wrongType: false };
  if (typeof value === 'string') return { text: value, wrongType: false };
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return { text: String(value), wrongType: false };
  return { text: '', wrongType: true };
}

const WRONG = 'Verdien har feil format. Fyll inn feltet på nytt.';

const boundedText = (label: string, max: number, required: string | null) =>
  z
    .string()
    .transform(cleanText)
    .superRefine((v, ctx) => {
      if (v === '' && required !== null) ctx.addIssue({ code: 'custom', message: required });
      if (v.length > max) ctx.addIssue({ code: 'custom', message: `${label} kan ha høyst ${nb(max)} tegn (du skrev ${nb(v.length)}). Teksten er kortet ned; se over før du sender.` });
    });

const kindSchema = z.enum(FORM_KINDS, { error: 'Velg hva slags melding dette er.' });
const severitySchema = z.enum(SEVERITIES as readonly Severity[] as [Severity, ...Severity[]], { error: 'Velg alvorlighetsgrad fra listen.' });
const consequenceSchema = z.enum(CONSEQUENCE_FOR as readonly ConsequenceFor[] as [ConsequenceFor, ...ConsequenceFor[]]);
const DATE_NB = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?$/;

/** The earliest date SharePoint keeps (and any sensible report): 1 January 1900. */
const EARLIEST_YEAR = 1900;

/** 'YYYY-MM-DD' or 'dd.mm.yyyy' → 'YYYY-MM-DD', or null. */
function calendarDateOf(text: string): string | null {
  const nbDate = DATE_NB.exec(text);
  const iso = nbDate ? `${nbDate[3]}-${(nbDate[2] ?? '').padStart(2, '0')}-${(nbDate[1] ?? '').padStart(2, '0')}` : text;
  return isCalendarDate(iso) ? iso : null;
}

/**
 * The instant a wall-clock time in Oslo names. The hour that occurs twice (the night in October the
 * clocks go back) gives the first; a time that does not exist (the hour skipped in March) is read with
 * the offset before the change, i.e. an hour later on the clock.
 */
export function osloLocalToInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, hour, minute);
  const offsets = [...new Set([osloOffsetMinutes(new Date(asUtc - 86_400_000)), osloOffsetMinutes(new Date(asUtc + 86_400_000))])];
  const candidates = offsets.map((o) => asUtc - o * 60_000);
  const valid = candidates.filter((t, i) => osloOffsetMinutes(new Date(t)) === offsets[i]);
  return new Date(Math.min(...(valid.length > 0 ? valid : candidates.slice(0, 1))));
}

/** Now, as the form's default date and time in Oslo. */
export function osloDateAndTime(now: Date): { date: string; time: string } {
  const date = toOsloDate(now);
  const offset = osloOffsetMinutes(now);
  const local = new Date(now.getTime() + offset * 60_000);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return { date, time };
}

/** The title: the description's first line or sentence, cut at a word near LIMITS.title. */
export function titleFrom(description: string): string {
  const firstLine = description.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/u.exec(firstLine)?.[1] ?? firstLine;
  if (sentence.length <= LIMITS.title) return sentence;
  const slice = cut(sentence, LIMITS.title - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space > LIMITS.title / 2 ? slice.slice(0, space) : slice).trimEnd()}…`.slice(0, TITLE_MAX_LENGTH);
}

function attachmentsOf(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = value.length <= 10_000 ? JSON.parse(value) : [];
    } catch {
      list = [];
    }
  }
  if (!Array.isArray(list)) return [];
  const names: string[] = [];
  for (const item of list.slice(0, LIMITS.attachments)) {
    if (typeof item !== 'string') continue;
    const name = cut(cleanText(item).replace(/[\n\t]/g, ' '), LIMITS.attachmentName);
    if (name !== '') names.push(name);
  }
  return names;
}

function firstMessage(result: z.ZodSafeParseResult<unknown>): string | undefined {
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Checks one submit of the report form. `data` is whatever the card sent (Action.Execute data with the
 * inputs merged in); `formKind` is the form the card was (a whistleblowing form cannot become ordinary
 * by a changed hidden value, nor the other way round).
 */
export function checkSubmit(data: unknown, context: SubmitContext, formKind: 'ordinary' | 'whistleblowing' = 'ordinary'): CheckedSubmit {
  try {
    return check(data, context, formKind);
  } catch {
    // Defence in depth: a check that fails unexpectedly is still a Norwegian message, never a 5xx.
    return { ok: false, errors: { form: 'Skjemaet kunne ikke leses. Fyll det ut på nytt.' }, values: emptyValues(context, formKind) };
  }
}

export function emptyValues(context: Pick<SubmitContext, 'now' | 'newSubmissionId'>, formKind: 'ordinary' | 'whistleblowing', prefill: Partial<ReportFormValues> = {}): ReportFormValues {
  const { date, time } = osloDateAndTime(context.now);
  return {
    submissionId: context.newSubmissionId(),
    kind: formKind === 'whistleblowing' ? 'whistleblowingReport' : 'adverseEvent',
    description: '',
    location: '',
    occurredDate: date,
    occurredTime: time,
    unitId: '',
    severity: '',
    consequenceFor: '',
    immediateAction: '',
    healthRelated: 'false',
    attachments: [],
    ...prefill,
  };
}

function check(data: unknown, context: SubmitContext, formKind: 'ordinary' | 'whistleblowing'): CheckedSubmit {
  const errors: FieldErrors = {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, errors: { form: 'Skjemaet kom ikke fram. Fyll det ut på nytt.' }, values: emptyValues(context, formKind) };
  }
  const raw = data as Record<string, unknown>;
  const field = (key: FormField | 'submissionId') => {
    const { text, wrongType } = textOf(raw, key);
    if (wrongType) errors[key === 'submissionId' ? 'form' : key] ??= WRONG;
    return text;
  };

  // submissionId: the idempotency key of the report; one the form did not make gets a fresh one and the form back.
  let submissionId = field('submissionId').trim();
  if (!SUBMISSION_ID.test(submissionId)) {
    submissionId = context.newSubmissionId();
    errors.form ??= 'Skjemaet manglet en intern nøkkel. Se over og send på nytt.';
  }

  // kind
  const kindText = field('kind').trim();
  const kindParse = kindSchema.safeParse(kindText);
  let kind: FormKind = formKind === 'whistleblowing' ? 'whistleblowingReport' : 'adverseEvent';
  if (formKind === 'whistleblowing') {
    // The whistleblowing form has no kind to choose.
  } else if (kindParse.success && kindParse.data !== 'whistleblowingReport') kind = kindParse.data;
  else errors.kind ??= 'Velg hva slags melding dette er.';

  // free text
  const texts = {
    description: boundedText('Beskrivelsen', LIMITS.description, kind === 'improvementProposal' ? 'Beskriv forslaget.' : 'Beskriv hva som skjedde.').safeParse(field('description')),
    location: boundedText('Stedet', LIMITS.location, null).safeParse(field('location')),
    immediateAction: boundedText('Strakstiltaket', LIMITS.immediateAction, null).safeParse(field('immediateAction')),
  };
  const kept = (key: keyof typeof texts, max: number) => cut(cleanText(field(key)), max);
  for (const key of Object.keys(texts) as (keyof typeof texts)[]) {
    const message = firstMessage(texts[key]);
    if (message) errors[key] ??= message;
  }
  const description = kept('description', LIMITS.description);
  const location = kept('location', LIMITS.location);
  const immediateAction = kept('immediateAction', LIMITS.immediateAction);

  // unit
  let unitId = cut(field('unitId').trim(), 64);
  if (unitId === '' && formKind === 'whistleblowing' && context.defaultWhistleblowingUnitId) unitId = context.defaultWhistleblowingUnitId;
  if (unitId === '') errors.unitId ??= 'Velg enheten meldingen gjelder.';
  else if (!context.unitIds.has(unitId)) errors.unitId ??= 'Finner ikke enheten. Velg en enhet fra listen.';

  // severity
  const severityText = field('severity').trim();
  let severity: Severity | null = null;
  if (kindRequiresSeverity(kind)) {
    const parsed = severitySchema.safeParse(severityText);
    if (parsed.success) severity = parsed.data;
    else errors.severity ??= severityText === '' ? 'Velg alvorlighetsgrad.' : 'Velg alvorlighetsgrad fra listen.';
  } else if (severityText !== '') {
    const parsed = severitySchema.safeParse(severityText);
    if (parsed.success) severity = parsed.data;
  }

  // consequence for whom: a multi-select sends "a,b"
  const consequenceText = cut(field('consequenceFor'), 500);
  const consequenceParts = consequenceText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const consequenceFor: ConsequenceFor[] = [];
  for (const part of consequenceParts) {
    const parsed = consequenceSchema.safeParse(part);
    if (parsed.success) {
      if (!consequenceFor.includes(parsed.data)) consequenceFor.push(parsed.data);
    } else errors.consequenceFor ??= 'Velg hvem det fikk konsekvenser for fra listen.';
  }

  // when: the date and time in Oslo; defaults to now when both are left empty
  const dateText = cut(field('occurredDate').trim(), 40);
  const timeText = cut(field('occurredTime').trim(), 20);
  let occurredAt: Instant | null = null;
  const eventKind = kindRequiresSeverity(kind) || kind === 'whistleblowingReport';
  if (dateText === '' && timeText === '') {
    occurredAt = eventKind ? new Date(Math.floor(context.now.getTime() / 1000) * 1000).toISOString() : null;
  } else {
    const date = calendarDateOf(dateText);
    const time = timeText === '' ? null : TIME.exec(timeText);
    const today = toOsloDate(context.now);
    if (date === null || Number(date.slice(0, 4)) < EARLIEST_YEAR) errors.occurredDate ??= 'Skriv en gyldig dato, for eksempel 23.11.2026.';
    else if (date > today) errors.occurredDate ??= 'Datoen kan ikke være fram i tid.';
    else if (timeText !== '' && time === null) errors.occurredTime ??= 'Skriv klokkeslett som tt:mm, for eksempel 14:30.';
    else {
      // No time given: now if the date is today, else midday (a time is rarely remembered for an older event).
      const at = time ? osloLocalToInstant(date, Number(time[1]), Number(time[2])) : date === today ? context.now : osloLocalToInstant(date, 12, 0);
      if (at.getTime() > context.now.getTime() + 60_000) errors.occurredTime ??= 'Tidspunktet kan ikke være fram i tid.';
      else occurredAt = new Date(Math.min(at.getTime(), Math.floor(context.now.getTime() / 1000) * 1000)).toISOString();
    }
  }

  // health information: asked for, and assumed whenever a service user was affected (privacy first)
  const healthText = field('healthRelated').trim().toLowerCase();
  const healthRelated = healthText === 'true' || consequenceFor.includes('serviceUser');

  const attachments = attachmentsOf(Object.hasOwn(raw, 'attachments') ? raw.attachments : undefined);

  const values: ReportFormValues = {
    submissionId,
    kind,
    description,
    location,
    occurredDate: cut(dateText, 20),
    occurredTime: cut(timeText, 8),
    unitId,
    severity: severity ?? (severityText.length <= 16 ? severityText : ''),
    consequenceFor: consequenceFor.join(','),
    immediateAction,
    healthRelated: healthRelated ? 'true' : 'false',
    attachments,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };

  const withAttachments = attachments.length === 0 ? description : `${description}\n\nVedlegg sendt i chat: ${attachments.join(', ')}`;
  return {
    ok: true,
    values,
    draft: {
      submissionId,
      kind,
      title: titleFrom(description),
      description: withAttachments,
      location: location === '' ? null : location,
      occurredAt,
      unitId,
      severity,
      consequenceFor,
      immediateAction: immediateAction === '' ? null : immediateAction,
      healthRelated,
      attachments,
    },
  };
}

/** The errors as one short Norwegian message for the top of the form. */
export function summariseErrors(errors: FieldErrors): string {
  const count = Object.keys(errors).length;
  return count === 1 ? 'Ett felt må rettes før meldingen kan sendes.' : `${count} felt må rettes før meldingen kan sendes.`;
}
