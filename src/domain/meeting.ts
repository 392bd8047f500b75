// Meetings of quality committees: agenda (sakliste), agenda items (saker), decisions (vedtak) and minutes (referat).
//
// The quality adviser sets the agenda with the chief executive, prepares cases, writes the minutes
// and follows the cases up (seed 000). Rules here are the small ones a meeting needs; the flows
// (prepare agenda, record decision, publish minutes) live in src/app.

import type { StandingItem } from './committee.js';
import { fail, ok, type Result } from './domain-error.js';
import { osloYear, type Instant } from './oslo-time.js';

export type MeetingStatus = 'planned' | 'agendaPublished' | 'held' | 'minutesPublished' | 'cancelled';

export interface Meeting {
  readonly id: string;
  readonly committeeId: string;
  readonly title: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  readonly location: string | null;
  /** The Teams meeting, where the side panel shows the agenda. */
  readonly onlineMeetingJoinUrl: string | null;
  readonly status: MeetingStatus;
}

/** Where an agenda item comes from: a standing item, or something raised in the system. */
export type AgendaItemSource =
  | { readonly type: 'standing'; readonly item: StandingItem }
  | { readonly type: 'deviation'; readonly deviationId: string }
  | { readonly type: 'riskItem'; readonly riskItemId: string }
  | { readonly type: 'audit'; readonly auditId: string }
  | { readonly type: 'qualityIndicator'; readonly indicatorId: string }
  /** Escalated from a lower committee ("lower committees escalate to the one above", seed 001). */
  | { readonly type: 'escalation'; readonly fromCommitteeId: string; readonly decisionId: string }
  /** Input from anyone (the adviser "can also take input", seed 000). */
  | { readonly type: 'proposal'; readonly proposedById: string };

export type AgendaItemStatus = 'proposed' | 'accepted' | 'handled' | 'postponed' | 'withdrawn';

export interface AgendaItem {
  readonly id: string;
  /** The committee whose agenda it is for. */
  readonly committeeId: string;
  /** The meeting it is placed on; null while it is a proposal the agenda setter has not placed yet. */
  readonly meetingId: string | null;
  /** Per committee and year: sak 12/26 is the twelfth item of the committee in 2026; null until placed. */
  readonly sequence: number | null;
  readonly year: number;
  readonly title: string;
  readonly description: string;
  readonly source: AgendaItemSource;
  /** Saksbehandler: who prepared it. */
  readonly preparedById: string | null;
  readonly presenterId: string | null;
  readonly durationMinutes: number;
  readonly status: AgendaItemStatus;
}

export interface Decision {
  readonly id: string;
  readonly meetingId: string;
  readonly agendaItemId: string;
  /** Vedtak, as recorded in the minutes. */
  readonly text: string;
  readonly decidedAt: Instant;
  /** Measures the decision creates, each on the action list with owner and deadline. */
  readonly measureIds: readonly string[];
  /** Informs the committee above ("informere oppover", seed 001); null when it stays here. */
  readonly escalateToCommitteeId: string | null;
}

export type MinutesStatus = 'draft' | 'published';

export interface Minutes {
  readonly id: string;
  readonly meetingId: string;
  readonly authorId: string;
  readonly status: MinutesStatus;
  readonly publishedAt: Instant | null;
}

/** The number people use for an agenda item placed on an agenda: '12/26'. */
export function agendaItemNumber(item: { readonly sequence: number; readonly year: number }): string {
  return `${item.sequence}/${String(item.year % 100).padStart(2, '0')}`;
}

/** Items that will be on the agenda: accepted ones (proposed items wait for the agenda setter). */
export function agendaOf(items: readonly AgendaItem[]): AgendaItem[] {
  return items.filter((i) => i.status === 'accepted' || i.status === 'handled' || i.status === 'postponed').sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
}

export interface AgendaProposal {
  readonly id: string;
  readonly committeeId: string;
  readonly title: string;
  readonly description: string;
  readonly source: AgendaItemSource;
  /** Who raised it; they prepare it until the agenda setter says otherwise. */
  readonly proposedById: string;
}

export const AGENDA_TITLE_MAX_LENGTH = 255;

/**
 * A proposal to a committee's agenda (status 'proposed', no meeting and no number yet): the agenda
 * setter accepts it onto a meeting or declines it (seed 000: the quality adviser sets the agenda and
 * "can also take input"). The year is the Oslo year it was raised in.
 */
export function proposeAgendaItem(input: AgendaProposal, now: Date): Result<AgendaItem> {
  const title = input.title.trim();
  if (title === '') return fail('agenda.titleMissing');
  return ok({
    id: input.id,
    committeeId: input.committeeId,
    meetingId: null,
    sequence: null,
    year: osloYear(now),
    title: title.length > AGENDA_TITLE_MAX_LENGTH ? `${title.slice(0, AGENDA_TITLE_MAX_LENGTH - 1)}…` : title,
    description: input.description.trim(),
    source: input.source,
    preparedById: input.proposedById,
    presenterId: null,
    durationMinutes: 0,
    status: 'proposed',
  });
}

export function meetingMinutes(meeting: Meeting): number {
  return Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000);
}

/** Whether the agenda fits the meeting (KUL has three hours once a month, seed 000). */
export function agendaFits(meeting: Meeting, items: readonly AgendaItem[]): boolean {
  const planned = agendaOf(items).reduce((sum, i) => sum + i.durationMinutes, 0);
  return planned <= meetingMinutes(meeting);
}

/**
 * Agenda items that keep the minutes from being published: items still only accepted (not handled
 * or postponed), and items marked handled without a recorded decision.
 */
export function unresolvedAgendaItems(items: readonly AgendaItem[], decisions: readonly Decision[]): AgendaItem[] {
  const decided = new Set(decisions.map((d) => d.agendaItemId));
  return agendaOf(items).filter((i) => i.status === 'accepted' || (i.status === 'handled' && !decided.has(i.id)));
}

export function mayPublishMinutes(meeting: Meeting, items: readonly AgendaItem[], decisions: readonly Decision[]): boolean {
  return meeting.status === 'held' && unresolvedAgendaItems(items, decisions).length === 0;
}
