// Stored conversation references are data people could edit: the bot's token only goes to Teams' endpoints (or, locally, this machine).
import type { CloudAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ServiceUrlBook, createBotMessenger, loopbackServiceUrl, teamsServiceUrl } from './messenger.js';

describe('trusted serviceUrls', () => {
  it('accepts Teams’ Bot Connector endpoints over https and nothing else in production', () => {
    expect(teamsServiceUrl('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(teamsServiceUrl('https://smba.infra.gcc.teams.microsoft.com/')).toBe(true);
    expect(teamsServiceUrl('http://smba.trafficmanager.net/emea/')).toBe(false);
    expect(teamsServiceUrl('https://evil.example/smba.trafficmanager.net')).toBe(false);
    expect(teamsServiceUrl('https://smba.trafficmanager.net.evil.example/')).toBe(false);
    expect(teamsServiceUrl('not a url')).toBe(false);
  });

  it('accepts only this machine locally', () => {
    expect(loopbackServiceUrl('http://127.0.0.1:56150/')).toBe(true);
    expect(loopbackServiceUrl('http://10.0.0.5/')).toBe(false);
  });

  it('does not send to a person whose stored reference points elsewhere', async () => {
    let continued = false;
    const adapter = { continueConversationAsync: async () => void (continued = true) } as unknown as CloudAdapter;
    const references = {
      save: async () => {},
      get: async () => ({ serviceUrl: 'https://attacker.example/', conversation: { id: 'a:1' } }),
    };
    const messenger = createBotMessenger({ adapter, appId: 'app', references, serviceUrls: new ServiceUrlBook(), trustServiceUrl: teamsServiceUrl });
    expect(await messenger.sendToPerson('p1', { text: 'hei' })).toBeNull();
    await expect(messenger.updateCard({ conversationId: 'a:1', activityId: 'x', serviceUrl: 'https://attacker.example/' }, {})).rejects.toThrow(/no serviceUrl/);
    expect(continued).toBe(false);
  });
});
