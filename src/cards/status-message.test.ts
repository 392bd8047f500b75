// The reporter's plain-text updates: one sentence per change, in the user's language, the actor's name escaped.
import { describe, expect, it } from 'vitest';
import { statusMessage, type StatusChange } from './status-message.js';

const base = { locale: 'nb-NO', caseNumber: 'AV-2026-00123' };

describe('statusMessage', () => {
  it.each([
    ['receive', 'Kari Nordmann', 'Saken din AV-2026-00123 er mottatt av Kari Nordmann.'],
    ['receive', null, 'Saken din AV-2026-00123 er mottatt.'],
    ['startAnalysis', 'Kari Nordmann', 'Saken din AV-2026-00123 er under analyse: Kari Nordmann ser på hva som skjedde og hvorfor.'],
    ['startAnalysis', '', 'Saken din AV-2026-00123 er under analyse.'],
    ['decideMeasures', null, 'Det er besluttet tiltak i saken din AV-2026-00123.'],
    ['close', null, 'Saken din AV-2026-00123 er lukket. Takk for at du meldte!'],
    ['reopen', null, 'Saken din AV-2026-00123 er åpnet igjen.'],
    ['measureAdded', null, 'Det er lagt til et nytt tiltak i saken din AV-2026-00123.'],
    ['delivered', null, 'Meldingen din er nå registrert som AV-2026-00123.'],
  ] as [StatusChange, string | null, string][])('%s by %s', (change, actorName, text) => {
    expect(statusMessage({ ...base, change, actorName })).toBe(text);
  });

  it('speaks nynorsk and English', () => {
    expect(statusMessage({ ...base, locale: 'nn-NO', change: 'receive', actorName: 'Ola' })).toBe('Saka di AV-2026-00123 er motteken av Ola.');
    expect(statusMessage({ ...base, locale: 'en-US', change: 'close' })).toBe('Your case AV-2026-00123 is closed. Thank you for reporting!');
  });

  it('escapes markdown in a name and keeps it on one line', () => {
    expect(statusMessage({ ...base, change: 'receive', actorName: '**Kari**\n[x](javascript:1)' })).toBe(
      'Saken din AV-2026-00123 er mottatt av \\*\\*Kari\\*\\* \\[x\\](javascript:1).',
    );
  });
});
