// A 409 'conflict' keeps the other person's version (meeting or item) for the notice; other refusals are not conflicts.
import { describe, expect, it } from 'vitest';
import type { AgendaItemView, MeetingDetail } from '../../../../src/server/api/contract.js';
import { ApiRequestError } from '../../api/client';
import { conflictOf } from './committee-conflict';

const meeting = { id: 'm', etag: 'e2' } as MeetingDetail;
const item = { id: 'i', etag: 'e3' } as AgendaItemView;
const refusal = (status: number, code: string, extra: Record<string, unknown> = {}) => new ApiRequestError(status, { code, message: 'Noen andre har endret dette.', ...extra });

describe('conflictOf', () => {
  it('keeps the current meeting or item from a 409 conflict', () => {
    expect(conflictOf(refusal(409, 'conflict', { currentMeeting: meeting }))).toEqual({ kind: 'meeting', current: meeting });
    expect(conflictOf(refusal(409, 'conflict', { currentItem: item }))).toEqual({ kind: 'item', current: item });
    expect(conflictOf(refusal(409, 'conflict'))).toEqual({ kind: 'meeting', current: null });
  });

  it('is null for anything else: a state refusal, a 403, a network failure, a plain error', () => {
    expect(conflictOf(refusal(409, 'invalidState'))).toBeNull();
    expect(conflictOf(refusal(403, 'notCommitteeLeader'))).toBeNull();
    expect(conflictOf(refusal(0, 'network'))).toBeNull();
    expect(conflictOf(new Error('x'))).toBeNull();
  });
});
