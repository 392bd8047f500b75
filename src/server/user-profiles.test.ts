// The user's language from Graph /me, on their behalf: mapped to the tab's locales, cached per user, never failing a request.
import { describe, expect, it } from 'vitest';
import { createUserProfiles, localeFromLanguage } from './user-profiles.js';

describe('localeFromLanguage', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nn'],
    ['NN', 'nn'],
    ['en-US', 'en'],
    ['en_GB', 'en'],
    ['sv-SE', 'nb'],
    ['', 'nb'],
    [null, 'nb'],
  ])('%s → %s', (tag, locale) => {
    expect(localeFromLanguage(tag)).toBe(locale);
  });
});

describe('createUserProfiles', () => {
  function setup(answers: (() => Response)[]) {
    const seen: { url: string; authorization: string | null }[] = [];
    const assertions: string[] = [];
    let clock = 0;
    const events: string[] = [];
    const profiles = createUserProfiles({
      graphBaseUrl: 'https://graph.example/v1.0/',
      obo: { graphTokenFor: async (token) => (assertions.push(token), `graph-for-${token}`) },
      userAgent: 'NONISV|Test|Varde/0',
      ttlMs: 1000,
      failureTtlMs: 100,
      now: () => clock,
      fetch: (async (url: string, init?: RequestInit) => {
        seen.push({ url, authorization: new Headers(init?.headers).get('authorization') });
        const next = answers.shift();
        if (!next) throw new TypeError('fetch failed');
        return next();
      }) as typeof fetch,
      log: (event) => void events.push(event),
    });
    return { profiles, seen, assertions, events, tick: (ms: number) => (clock += ms) };
  }
  const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('asks Graph /me with the on-behalf-of token once per user until the entry expires', async () => {
    const s = setup([json({ preferredLanguage: 'nn-NO' }), json({ preferredLanguage: 'en-US' })]);
    expect(await s.profiles.locale({ oid: 'a', token: 'user-a' })).toBe('nn');
    expect(await s.profiles.locale({ oid: 'a', token: 'user-a2' })).toBe('nn');
    expect(s.seen).toEqual([{ url: 'https://graph.example/v1.0/me?$select=preferredLanguage', authorization: 'Bearer graph-for-user-a' }]);
    s.tick(1001);
    expect(await s.profiles.locale({ oid: 'a', token: 'user-a3' })).toBe('en');
    expect(s.assertions).toEqual(['user-a', 'user-a3']);
  });

  it('gives bokmål when Graph or the exchange fails, logs the error name only, and asks again soon', async () => {
    const s = setup([json({ error: { code: 'Forbidden' } }, 403), json({ preferredLanguage: 'nn-NO' })]);
    expect(await s.profiles.locale({ oid: 'b', token: 't' })).toBe('nb');
    expect(await s.profiles.locale({ oid: 'b', token: 't' })).toBe('nb');
    expect(s.seen).toHaveLength(1);
    expect(s.events).toEqual(['api.profileUnavailable']);
    s.tick(101);
    expect(await s.profiles.locale({ oid: 'b', token: 't' })).toBe('nn');
  });
});
