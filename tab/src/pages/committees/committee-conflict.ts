// A refused write (pure): a 409 'conflict' carries the record as it is now, meeting- or item-level, for the notice
// beside "nothing was saved"; anything else is not a conflict.
import type { AgendaItemView, CommitteeApiError, MeetingDetail } from '../../../../src/server/api/contract.js';
import { ApiRequestError } from '../../api/client';

/** What a 409 'conflict' carried: the record as it is now (meeting- or item-level), to show beside "nothing was saved". */
export type Conflict = { kind: 'meeting'; current: MeetingDetail | null } | { kind: 'item'; current: AgendaItemView | null };

export function conflictOf(err: unknown): Conflict | null {
  if (!(err instanceof ApiRequestError) || err.status !== 409 || err.code !== 'conflict') return null;
  const body = err.body as CommitteeApiError['error'];
  if (body.currentItem) return { kind: 'item', current: body.currentItem };
  return { kind: 'meeting', current: body.currentMeeting ?? null };
}
