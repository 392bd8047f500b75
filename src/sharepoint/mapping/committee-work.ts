// Committees with channel and rhythm, meetings and prepared agenda entries (issue 9) ↔ 'Kvalitetsutvalg', 'Møter', 'Saker'.
//
// The nested parts (order, cards, files, links, inputs, documents, decision details) are JSON in note columns: they are
// read and written with their record, never filtered on. The decision's text is also in 'Vedtak', for people reading the list.
import { z } from 'zod';
import type { AgendaEntryKind, AgendaLinkRef, DeviationKind, Severity } from '../../domain/index.js';
import { DEVIATION_KINDS, SEVERITIES } from '../../domain/index.js';
import type { AgendaEntry, CardState, CommitteeRecord, MeetingRecord, MeetingRhythm, MeetingStatus } from '../../app/committees/records.js';
import { entryKindOfSource } from '../../domain/index.js';
import { AGENDA_ITEM_COLUMNS, agendaItemFromFields, agendaItemToFields } from './agenda-item.js';
import { COMMITTEE_COLUMNS, committeeFromFields, committeeToFields } from './committee.js';
import { type Fields, type RowSource, instant, jsonText, oneOf, optionalInstant, optionalText, readRow } from './fields.js';

// ── committees ───────────────────────────────────────────────────────────────────────────────────

const FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'threePerYear', 'asNeeded', 'inOperationsMeeting'] as const;
const rhythmSchema: z.ZodType<MeetingRhythm> = z.object({ frequency: z.enum(FREQUENCIES), durationMinutes: z.number().int().min(0).max(1440), note: z.string().nullable() });

/** A rhythm that does not read (edited by hand) is no rhythm: the kind's default applies. */
function readRhythm(value: unknown): MeetingRhythm | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const parsed = rhythmSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const COMMITTEE_RECORD_COLUMNS: readonly string[] = [...COMMITTEE_COLUMNS, 'ChannelId', 'Rhythm'];

export function committeeRecordToFields(c: CommitteeRecord): Fields {
  return { ...committeeToFields(c), ChannelId: c.channelId, Rhythm: c.rhythm === null ? null : JSON.stringify(c.rhythm) };
}

export function committeeRecordFromFields(fields: unknown, source: RowSource): CommitteeRecord {
  const base = committeeFromFields(fields, source);
  const f = fields as Record<string, unknown>;
  const channel = typeof f.ChannelId === 'string' && f.ChannelId.trim() !== '' ? f.ChannelId.trim() : null;
  return { ...base, channelId: channel, rhythm: readRhythm(f.Rhythm) };
}

// ── meetings ─────────────────────────────────────────────────────────────────────────────────────

const STATUSES: readonly MeetingStatus[] = ['planned', 'agendaDraft', 'agendaApproved', 'held', 'minutesPublished', 'cancelled'];
const messageRef = z.object({ conversationId: z.string().min(1), activityId: z.string().min(1), serviceUrl: z.string().optional() });
const cardState: z.ZodType<CardState> = z.object({
  state: z.enum(['notPosted', 'posted', 'noChannel', 'botRemoved', 'failed']),
  ref: messageRef.nullable(),
  channelId: z.string().nullable(),
  postedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const NOT_POSTED: CardState = { state: 'notPosted', ref: null, channelId: null, postedAt: null, updatedAt: null };
const fileRef = z.object({ fileId: z.string().min(1), name: z.string().min(1), size: z.number() });

const meetingRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  CommitteeId: z.string().min(1),
  StartsAt: instant,
  EndsAt: optionalInstant,
  Location: optionalText,
  JoinUrl: optionalText,
  TeamsChatId: optionalText,
  Status: oneOf(STATUSES).nullish().transform((v) => v ?? 'planned'),
  AgendaOrder: jsonText(z.array(z.string())).nullish().transform((v) => v ?? []),
  ApprovedById: optionalText,
  ApprovedAt: optionalInstant,
  AgendaCard: jsonText(cardState).nullish().transform((v) => v ?? NOT_POSTED),
  MinutesCard: jsonText(cardState).nullish().transform((v) => v ?? NOT_POSTED),
  MinutesFiles: jsonText(z.object({ publishedAt: z.string(), publishedById: z.string(), docx: fileRef, pdf: fileRef }))
    .nullish()
    .transform((v) => v ?? null),
});

export const MEETING_COLUMNS: readonly string[] = Object.keys(meetingRow.shape);

export function meetingToFields(m: MeetingRecord): Fields {
  return {
    RecordId: m.id,
    Title: m.title,
    CommitteeId: m.committeeId,
    StartsAt: m.startsAt,
    EndsAt: m.endsAt,
    Location: m.location,
    JoinUrl: m.joinUrl,
    TeamsChatId: m.teamsChatId,
    Status: m.status,
    AgendaOrder: JSON.stringify(m.order),
    ApprovedById: m.approvedById,
    ApprovedAt: m.approvedAt,
    AgendaCard: JSON.stringify(m.agendaCard),
    MinutesCard: JSON.stringify(m.minutesCard),
    MinutesFiles: m.minutes === null ? null : JSON.stringify(m.minutes),
  };
}

export function meetingFromFields(fields: unknown, source: RowSource): MeetingRecord {
  const r = readRow(meetingRow, fields, source);
  return {
    id: r.RecordId,
    committeeId: r.CommitteeId,
    title: r.Title,
    startsAt: r.StartsAt,
    endsAt: r.EndsAt ?? r.StartsAt,
    location: r.Location,
    joinUrl: r.JoinUrl,
    teamsChatId: r.TeamsChatId,
    status: r.Status,
    order: r.AgendaOrder,
    approvedById: r.ApprovedById,
    approvedAt: r.ApprovedAt,
    agendaCard: r.AgendaCard,
    minutesCard: r.MinutesCard,
    minutes: r.MinutesFiles,
  };
}

// ── agenda entries ───────────────────────────────────────────────────────────────────────────────

const KINDS: readonly AgendaEntryKind[] = ['standing', 'escalation', 'riskItem', 'seriousDeviations', 'overdueMeasures', 'decisionFollowUp', 'audit', 'procedures', 'proposal', 'other'];
const linkSchema: z.ZodType<AgendaLinkRef> = z.union([
  z.object({
    type: z.literal('case'),
    caseId: z.string(),
    caseNumber: z.string(),
    kind: z.enum(DEVIATION_KINDS as readonly DeviationKind[] as [DeviationKind, ...DeviationKind[]]).nullable(),
    unitId: z.string().nullable(),
    severity: z.enum(SEVERITIES as readonly Severity[] as [Severity, ...Severity[]]).nullable(),
  }),
  z.object({ type: z.literal('measure'), measureId: z.string() }),
  z.object({ type: z.literal('riskItem'), riskItemId: z.string(), assessmentId: z.string().nullable() }),
  z.object({ type: z.literal('document'), documentId: z.string() }),
]);
const inputSchema = z.object({ id: z.string(), authorId: z.string(), at: z.string(), text: z.string() });
const documentSchema = z.object({ id: z.string(), fileId: z.string(), name: z.string(), size: z.number(), uploadedById: z.string(), uploadedAt: z.string() });
const decisionDetails = z.object({
  id: z.string(),
  decidedAt: z.string(),
  recordedById: z.string(),
  postponed: z.boolean(),
  escalatedTo: z.object({ committeeId: z.string(), agendaItemId: z.string() }).nullable(),
  measureIds: z.array(z.string()),
});

const entryExtras = z.object({
  Kind: z.string().nullish(),
  EntryKey: optionalText,
  Links: jsonText(z.array(linkSchema)).nullish().transform((v) => v ?? []),
  MoreLinks: z.number().nullish().transform((v) => v ?? 0),
  Inputs: jsonText(z.array(inputSchema)).nullish().transform((v) => v ?? []),
  Documents: jsonText(z.array(documentSchema)).nullish().transform((v) => v ?? []),
  Decision: optionalText,
  DecisionDetails: jsonText(decisionDetails).nullish().transform((v) => v ?? null),
});

export const AGENDA_ENTRY_COLUMNS: readonly string[] = [...AGENDA_ITEM_COLUMNS, ...Object.keys(entryExtras.shape)];

export function agendaEntryToFields(e: AgendaEntry): Fields {
  const { decision } = e;
  return {
    ...agendaItemToFields(e),
    Kind: e.kind,
    EntryKey: e.entryKey,
    Links: JSON.stringify(e.links),
    MoreLinks: e.moreLinks,
    Inputs: JSON.stringify(e.inputs),
    Documents: JSON.stringify(e.documents),
    Decision: decision?.text ?? null,
    DecisionDetails:
      decision === null
        ? null
        : JSON.stringify({ id: decision.id, decidedAt: decision.decidedAt, recordedById: decision.recordedById, postponed: decision.postponed, escalatedTo: decision.escalatedTo, measureIds: decision.measureIds }),
  };
}

/** Proposals made by case work and risk (no Kind, no extras) read as entries of the kind their source says. */
export function agendaEntryFromFields(fields: unknown, source: RowSource): AgendaEntry {
  const item = agendaItemFromFields(fields, source);
  const x = readRow(entryExtras, fields, source);
  const kind = KINDS.includes(x.Kind as AgendaEntryKind) ? (x.Kind as AgendaEntryKind) : entryKindOfSource(item.source);
  const d = x.DecisionDetails;
  return {
    ...item,
    kind,
    entryKey: x.EntryKey,
    links: x.Links,
    moreLinks: x.MoreLinks,
    inputs: x.Inputs,
    documents: x.Documents,
    decision: d === null ? null : { ...d, text: x.Decision ?? '' },
  };
}
