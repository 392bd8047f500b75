// Tests for domain errors: every code has a bokmål message, and details fill it in.
import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES, domainError, fail, ok } from './domain-error.js';

describe('domain errors', () => {
  it.each(ALL_ERROR_CODES)('%s has a bokmål sentence even without details', (code) => {
    const e = domainError(code);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^[A-ZÆØÅ«0-9]/);
    expect(e.message).toMatch(/[.?]$/);
    expect(e.message).not.toMatch(/undefined|\$\{/);
  });

  it('fills in details and translates statuses into bokmål words', () => {
    expect(domainError('case.invalidTransition', { status: 'underAnalysis', action: 'close' }).message).toBe(
      'Saken har status «under analyse» og kan ikke lukkes nå.',
    );
    expect(domainError('measure.invalidStatusChange', { from: 'done', to: 'cancelled' }).message).toBe(
      'Tiltaket har status «utført» og kan ikke endres til «avlyst».',
    );
  });

  it('wraps values and errors as results', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    const r = fail('case.titleMissing');
    expect(r).toEqual({ ok: false, error: { code: 'case.titleMissing', message: 'Meldingen må ha en tittel.', details: {} } });
  });
});
