// Reports a case in the bot's personal chat as a Teams user would (signed activities through the stack's bot client): the
// app installed, «meld avvik», the form's Submit as an Action.Execute invoke. The reporter's conversation reference then
// points at the Bot Connector stand-in, so feedback from the tab reaches them there.
import { expect } from 'vitest';
import type { Deviation } from '../../src/domain/index.js';
import type { AppStack } from '../support/app-stack.js';
import type { TestUser } from '../support/bot-client.js';
import type { RecordedActivity } from '../support/connector-stand-in.js';

export interface ChatReport {
  kind?: string;
  description: string;
  location?: string;
  unitId: string;
  severity?: string;
  consequenceFor?: string;
}

export const textOf = (a: RecordedActivity) => (typeof a.activity.text === 'string' ? a.activity.text : '');

/** Reports through the bot and returns the case as SharePoint holds it (found by its unique description). */
export async function reportThroughChat(stack: AppStack, user: TestUser, report: ChatReport): Promise<Deviation> {
  expect((await stack.bot.install(user)).status).toBe(200);
  const since = stack.connector.activities.length;
  const after = (a: RecordedActivity) => stack.connector.activities.indexOf(a) >= since;
  expect((await stack.bot.message(user, 'meld avvik')).status).toBe(200);
  const formActivity = await stack.connector.waitFor((a) => after(a) && a.conversationId === stack.bot.personalConversationId(user) && JSON.stringify(a.activity).includes('submitReport'));
  const card = (formActivity.activity.attachments as { content: { actions: { verb?: string; data?: Record<string, unknown> }[] } }[])[0]?.content;
  const submission = card?.actions.find((a) => a.verb === 'submitReport')?.data ?? {};
  const values = {
    kind: report.kind ?? 'adverseEvent',
    description: report.description,
    location: report.location ?? '',
    unitId: report.unitId,
    severity: report.severity ?? 'medium',
    consequenceFor: report.consequenceFor ?? 'employee',
    immediateAction: '',
    occurredDate: '',
    occurredTime: '',
  };
  const res = await stack.bot.actionExecute(user, { verb: 'submitReport', data: { ...submission, ...values }, replyToId: formActivity.activityId });
  expect(res.status).toBe(200);
  await stack.composition.conversation.reporting.idle();

  let continuation: string | null | undefined;
  do {
    const page = await stack.repos.deviations.listByReporter(user.aadObjectId, continuation ? { continuation } : undefined);
    const found = page.items.find((s) => s.value.description === report.description);
    if (found) return found.value;
    continuation = page.continuation;
  } while (continuation);
  throw new Error(`the report «${report.description.slice(0, 40)}…» is not in SharePoint (the bot answered ${JSON.stringify(res.body).slice(0, 300)})`);
}
