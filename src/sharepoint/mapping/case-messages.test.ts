// CaseMessages ↔ fields: the refs keep their serviceUrl, the reporter's locale has its own column, older rows still read.
import { describe, expect, it } from 'vitest';
import type { CaseMessages } from '../../app/ports/index.js';
import { CASE_MESSAGES_COLUMNS, caseMessagesFromFields, caseMessagesToFields } from './case-messages.js';
import { SOURCE, readBack } from './test-support.js';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const messages: CaseMessages = {
  caseId: '3f2b8c1e-0d4a-4b6e-9c7f-1a2b3c4d5e6f',
  route: 'ordinary',
  receipt: { conversationId: 'a:1', activityId: '1700000000001', serviceUrl: SERVICE_URL },
  notifications: [{ conversationId: 'a:2', activityId: '1700000000002', serviceUrl: SERVICE_URL }],
  channelNotifications: [{ conversationId: '19:ledere@thread.tacv2', activityId: '1700000000003', serviceUrl: SERVICE_URL }],
  reporterLocale: 'nn-NO',
};

describe('case messages mapping', () => {
  it('round-trips the refs with their serviceUrl and the reporter’s locale', () => {
    expect(caseMessagesFromFields(readBack(caseMessagesToFields(messages)), SOURCE, 'ordinary')).toEqual(messages);
    expect(new Set(Object.keys(caseMessagesToFields(messages)))).toEqual(new Set(CASE_MESSAGES_COLUMNS));
  });

  it('reads rows written before refs carried a serviceUrl and before the locale was kept', () => {
    const old = { CaseId: messages.caseId, Messages: JSON.stringify({ receipt: { conversationId: 'a:1', activityId: '1' }, notifications: [] }) };
    expect(caseMessagesFromFields(readBack(old), SOURCE, 'ordinary')).toEqual({
      caseId: messages.caseId,
      route: 'ordinary',
      receipt: { conversationId: 'a:1', activityId: '1' },
      notifications: [],
      channelNotifications: [],
    });
  });

  it('keeps no locale that does not look like one', () => {
    for (const reporterLocale of ['', 'nb NO', '<script>', 'x'.repeat(40), "nb' or 1 eq 1"]) {
      expect(caseMessagesToFields({ ...messages, reporterLocale }).ReporterLocale).toBeNull();
      expect(caseMessagesFromFields(readBack(caseMessagesToFields(messages), { ReporterLocale: reporterLocale }), SOURCE, 'ordinary')).not.toHaveProperty('reporterLocale');
    }
  });
});
