// CaseMessages ↔ 'Saksmeldinger': the case id in a unique column, the message references as JSON in a note, the reporter's locale.
import { z } from 'zod';
import type { CaseMessages, MessageRef } from '../../app/ports/index.js';
import type { CaseRoute } from '../../domain/index.js';
import { type Fields, type RowSource, jsonText, optionalText, readRow } from './fields.js';

/** A reference keeps its serviceUrl (the channel's endpoint), so any instance can update the message later. */
const messageRef = z.object({
  conversationId: z.string().min(1).max(2000),
  activityId: z.string().min(1).max(2000),
  serviceUrl: z.string().min(1).max(2000).optional(),
});

const messagesNote = z.object({
  receipt: messageRef.nullable(),
  notifications: z.array(messageRef).max(100),
  channelNotifications: z.array(messageRef).max(100).default([]),
});

/** A Teams locale ('nb-NO', 'nn-NO', 'en-US', 'se-NO' …); anything else is not kept (the updates are then in bokmål). */
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,4}$/;
const LOCALE_MAX = 35;
const localeOf = (value: string | null | undefined): string | null => (value && value.length <= LOCALE_MAX && LOCALE.test(value) ? value : null);

const caseMessagesRow = z.object({ CaseId: z.string().min(1), Messages: jsonText(messagesNote), ReporterLocale: optionalText });

export const CASE_MESSAGES_COLUMNS: readonly string[] = Object.keys(caseMessagesRow.shape);

/** Only the references are kept (never card contents): what to update, not what was said. */
export function caseMessagesToFields(m: CaseMessages): Fields {
  const ref = (r: MessageRef) => ({ conversationId: r.conversationId, activityId: r.activityId, ...(r.serviceUrl ? { serviceUrl: r.serviceUrl } : {}) });
  return {
    CaseId: m.caseId,
    Messages: JSON.stringify({
      receipt: m.receipt ? ref(m.receipt) : null,
      notifications: m.notifications.map(ref),
      channelNotifications: (m.channelNotifications ?? []).map(ref),
    }),
    ReporterLocale: localeOf(m.reporterLocale),
  };
}

export function caseMessagesFromFields(fields: unknown, source: RowSource, route: CaseRoute): CaseMessages {
  const r = readRow(caseMessagesRow, fields, source);
  const reporterLocale = localeOf(r.ReporterLocale);
  return {
    caseId: r.CaseId,
    route,
    receipt: r.Messages.receipt,
    notifications: r.Messages.notifications,
    channelNotifications: r.Messages.channelNotifications,
    ...(reporterLocale ? { reporterLocale } : {}),
  };
}
