// CaseMessages ↔ 'Saksmeldinger': the case id in a unique column, the message references as JSON in a note.
import { z } from 'zod';
import type { CaseMessages } from '../../app/ports/index.js';
import type { CaseRoute } from '../../domain/index.js';
import { type Fields, type RowSource, jsonText, readRow } from './fields.js';

const messageRef = z.object({ conversationId: z.string().min(1).max(2000), activityId: z.string().min(1).max(2000) });

const messagesNote = z.object({
  receipt: messageRef.nullable(),
  notifications: z.array(messageRef).max(100),
  channelNotifications: z.array(messageRef).max(100).default([]),
});

const caseMessagesRow = z.object({ CaseId: z.string().min(1), Messages: jsonText(messagesNote) });

export const CASE_MESSAGES_COLUMNS: readonly string[] = Object.keys(caseMessagesRow.shape);

/** Only the references are kept (never card contents): what to update, not what was said. */
export function caseMessagesToFields(m: CaseMessages): Fields {
  const ref = (r: { conversationId: string; activityId: string }) => ({ conversationId: r.conversationId, activityId: r.activityId });
  return {
    CaseId: m.caseId,
    Messages: JSON.stringify({
      receipt: m.receipt ? ref(m.receipt) : null,
      notifications: m.notifications.map(ref),
      channelNotifications: (m.channelNotifications ?? []).map(ref),
    }),
  };
}

export function caseMessagesFromFields(fields: unknown, source: RowSource, route: CaseRoute): CaseMessages {
  const r = readRow(caseMessagesRow, fields, source);
  return { caseId: r.CaseId, route, receipt: r.Messages.receipt, notifications: r.Messages.notifications, channelNotifications: r.Messages.channelNotifications };
}
