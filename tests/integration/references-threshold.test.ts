// The bot's conversation references past SharePoint's list view threshold, over real HTTP against the emulator: with
// more than 5,000 people who have the bot, "every person's reference" (read before the reading digest) is still
// served, rather than refused because `TargetKind eq 'person'` would select more than 5,000 items of a large list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, UNITS } from '../../src/domain/test-fixtures.js';
import { type AppStack, startAppStack } from '../support/app-stack.js';

const PEOPLE_WITH_BOT = 5100;
const personId = (i: number) => `0b7e5c2a-0000-4e5f-8a9b-${String(i).padStart(12, '0')}`;

let stack: AppStack;

beforeAll(async () => {
  stack = await startAppStack({ municipality: { units: UNITS, people: Object.values(PEOPLE) } });
  const refs = stack.repos.conversationReferences;
  const ids = Array.from({ length: PEOPLE_WITH_BOT }, (_, i) => personId(i));
  for (let at = 0; at < ids.length; at += 50) {
    await Promise.all(ids.slice(at, at + 50).map((id) => refs.save({ kind: 'person', id }, { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: `a:${id}` }, user: { id: `29:${id}`, aadObjectId: id } })));
  }
  await refs.save({ kind: 'channel', id: '19:ledere@thread.tacv2' }, { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: '19:ledere@thread.tacv2', isGroup: true } });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('conversation references past the list view threshold', () => {
  it("every person's reference is read, and no channel's", async () => {
    const known = await stack.repos.conversationReferences.preloadPeople?.();
    expect(known?.size).toBe(PEOPLE_WITH_BOT);
    expect(known?.has(personId(0))).toBe(true);
    expect(known?.has(personId(PEOPLE_WITH_BOT - 1))).toBe(true);
    expect(known?.has('19:ledere@thread.tacv2')).toBe(false);
  });
});
