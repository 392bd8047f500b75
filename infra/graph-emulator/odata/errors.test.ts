// Tests for ODataError: the emulator relies on instanceof, the message and the position surviving.
import { describe, expect, it } from 'vitest';
import { ODataError } from './errors.js';

describe('ODataError', () => {
  it('is an Error that keeps message and position', () => {
    const err = new ODataError("Expected ')' at position 7.", 7);
    expect(err).toBeInstanceOf(Error);
    expect(err).toBeInstanceOf(ODataError);
    expect(err.message).toBe("Expected ')' at position 7.");
    expect(err.position).toBe(7);
    expect(err.name).toBe('ODataError');
  });

  it('has no position when none is known', () => {
    expect(new ODataError('The $top option must be a positive integer.').position).toBeUndefined();
  });

  it('is caught by instanceof after being thrown', () => {
    const thrower = () => {
      throw new ODataError('bad', 0);
    };
    try {
      thrower();
      expect.unreachable();
    } catch (e) {
      expect(e instanceof ODataError && e.position === 0).toBe(true);
    }
  });
});
