// A report submitted while Graph is down outlives the app: it is kept on disk (VARDE_PENDING_DIR), the app is stopped,
// a new composition starts on the same directory, and once Graph is back the report is stored exactly once (with the
// photo sent with it) and the reporter's waiting receipt is updated in place, over real HTTP.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../src/server/stack.js';
import { type BotStand, type Card, cardIn, caseNumberIn, invokeCard, json, kari, liv, startBotStand, textIn } from '../support/bot-stand.js';

let stand: BotStand;

beforeAll(async () => {
  stand = await startBotStand();
});

afterAll(async () => {
  await stand?.control('faults', { reset: true });
  await stand?.close();
});

const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 3000 }, (_, i) => (i * 13) % 256)]);
const filesOnDisk = () => readdirSync(stand.pendingDir);

describe('Graph down, the app restarted, Graph back', () => {
  let form: { activityId: string; card: Card };
  let caseId = '';
  let nextStack: Stack;

  it('the receipt says the report waits, and it is on disk (with its photo) before the reporter is told so', async () => {
    // The next instance's repositories are opened now: opening provisions, and Graph will be down when it starts.
    nextStack = await stand.openStack();
    // The leader has the app (the bot keeps how to reach her in SharePoint, so the next instance can too).
    expect((await stand.app.client.install(liv)).status).toBe(200);
    form = await stand.say(kari, 'Sprinkleranlegget lekker i kjelleren', { attachments: [{ contentType: 'image/*', contentUrl: stand.connector.addAttachment(photo, 'image/jpeg') }] });
    expect(json(form.card)).toContain('bilde.jpg');
    caseId = String((form.card.actions as { verb: string; data: { submissionId: string } }[]).find((a) => a.verb === 'submitReport')?.data.submissionId);

    await stand.control('faults', { rate503: 1, retryAfterSeconds: 0 });
    const waiting = invokeCard(
      await stand.submit(kari, form, { kind: 'adverseEvent', description: 'Sprinkleranlegget lekker i kjelleren', unitId: 'husoy', severity: 'medium', consequenceFor: 'organisation' }),
    );
    expect(json(waiting)).toContain('Meldingen er lagret, men ikke sendt videre ennå');
    expect(caseNumberIn(waiting)).toBeNull();
    expect(filesOnDisk().filter((n) => n.endsWith('.json'))).toEqual([`${caseId}.json`]);
    expect(filesOnDisk().filter((n) => n.endsWith('.bin'))).toHaveLength(1);
  });

  it('the app stops; a new composition on the same directory starts while Graph is still down and keeps the report waiting', async () => {
    await stand.restart({ stack: nextStack });
    expect(stand.events).toContain('reporting.warmUpFailed');
    expect(stand.app.composition.conversation.reporting.pendingCount).toBe(1);
    expect(filesOnDisk().filter((n) => n.endsWith('.json'))).toEqual([`${caseId}.json`]);
  });

  it('Graph back: the new instance stores it once, with its photo, updates the receipt in place and tells the reporter', async () => {
    await stand.control('faults', { reset: true });
    const since = stand.connector.activities.length;
    expect(await stand.app.composition.conversation.reporting.retryPending()).toEqual({ stored: 1, waiting: 0 });
    await stand.app.composition.conversation.reporting.idle();

    const items = await stand.listItems('quality', 'Avvik', `fields/RecordId eq '${caseId}'`);
    expect(items).toHaveLength(1);
    const caseNumber = String(items[0]?.CaseNumber);
    expect(items[0]).toMatchObject({ Description: 'Sprinkleranlegget lekker i kjelleren\n\nVedlegg sendt i chat: bilde.jpg', ReporterId: kari.aadObjectId, Status: 'new' });

    const stored = await stand.filesIn('quality', 'Vedlegg', caseNumber);
    expect(stored.map((f) => [f.name, f.bytes.equals(photo), f.fields.CaseId])).toEqual([['bilde.jpg', true, caseId]]);

    const recorded = stand.connector.activities.slice(since);
    const receipt = recorded.find((a) => a.operation === 'update' && a.conversationId === stand.chatOf(kari) && a.activityId === form.activityId);
    expect(json(cardIn(receipt ?? ({} as never)))).toContain(caseNumber);
    expect(json(cardIn(receipt ?? ({} as never)))).toContain('Takk! Meldingen er registrert.');
    expect(recorded.filter((a) => a.conversationId === stand.chatOf(kari)).map(textIn).filter(Boolean)).toEqual([`Meldingen din er nå registrert som ${caseNumber}.`]);
    // The leader hears of it, once.
    expect(recorded.filter((a) => a.conversationId === stand.chatOf(liv) && json(cardIn(a)).includes(caseNumber))).toHaveLength(1);
    // Stored: nothing of it is left on disk.
    expect(filesOnDisk()).toEqual([]);
  });

  it('nothing is stored twice: another round and another restart find nothing to do', async () => {
    expect(await stand.app.composition.conversation.reporting.retryPending()).toEqual({ stored: 0, waiting: 0 });
    await stand.restart();
    expect(stand.app.composition.conversation.reporting.pendingCount).toBe(0);
    expect(await stand.listItems('quality', 'Avvik', `fields/RecordId eq '${caseId}'`)).toHaveLength(1);
    expect(await stand.listItems('quality', 'Vedlegg', `fields/CaseId eq '${caseId}'`)).toHaveLength(1);
  });
});
