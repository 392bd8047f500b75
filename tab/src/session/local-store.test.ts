// The local sign-in lives in sessionStorage until it expires or the person signs out.
import { describe, expect, it } from 'vitest';
import { clearLocalSession, readLocalSession, writeLocalSession } from './local-store';

function memory(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('local sign-in storage', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const session = { token: 't', expiresAt: '2026-03-01T13:00:00Z', persona: 'serviceLeader', label: 'Tjenesteleder' };

  it('keeps the token until it expires', () => {
    const s = memory();
    writeLocalSession(session, s);
    expect(readLocalSession(now, s)).toEqual(session);
    expect(readLocalSession(new Date('2026-03-01T13:00:01Z'), s)).toBeNull();
    expect(s.length).toBe(0);
  });

  it('forgets on sign-out, and ignores what it did not write', () => {
    const s = memory();
    writeLocalSession(session, s);
    clearLocalSession(s);
    expect(readLocalSession(now, s)).toBeNull();
    s.setItem('varde.localSession', '{not json');
    expect(readLocalSession(now, s)).toBeNull();
    s.setItem('varde.localSession', JSON.stringify({ token: 1 }));
    expect(readLocalSession(now, s)).toBeNull();
  });
});
