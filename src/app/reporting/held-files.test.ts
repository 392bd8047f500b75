// The holding area for files sent before their form: per reporter and form, handed over once, bounded in bytes, count and age.
import { describe, expect, it } from 'vitest';
import { HeldFiles, uniqueNames } from './held-files.js';

const file = (name: string, size: number) => ({ name, contentType: 'image/jpeg', bytes: new Uint8Array(size) });

describe('HeldFiles', () => {
  it('hands a form’s files to its own reporter once, and to nobody else', () => {
    const held = new HeldFiles();
    held.hold('form-1', 'kari', [file('a.jpg', 10)]);
    expect(held.take('form-1', 'per')).toBeNull();
    expect(held.take('form-1', 'kari')?.map((f) => f.name)).toEqual(['a.jpg']);
    expect(held.take('form-1', 'kari')).toBeNull();
    expect(held.bytes).toBe(0);
  });

  it('drops the oldest forms to stay within its bytes and its count', () => {
    const held = new HeldFiles({ maxBytes: 100, maxEntries: 3 });
    held.hold('f1', 'kari', [file('1', 40)]);
    held.hold('f2', 'kari', [file('2', 40)]);
    held.hold('f3', 'kari', [file('3', 40)]);
    expect(held.bytes).toBeLessThanOrEqual(100);
    expect(held.take('f1', 'kari')).toBeNull();
    expect(held.take('f3', 'kari')).not.toBeNull();
    for (const id of ['a', 'b', 'c', 'd']) held.hold(id, 'per', [file(id, 1)]);
    expect(held.size).toBe(3);
    expect(held.take('a', 'per')).toBeNull();
  });

  it('refuses files larger than the whole area, keeping what it holds', () => {
    const held = new HeldFiles({ maxBytes: 100 });
    held.hold('f1', 'kari', [file('1', 50)]);
    expect(held.hold('f2', 'kari', [file('2', 101)])).toBe(false);
    expect(held.take('f1', 'kari')).not.toBeNull();
  });

  it('forgets files older than the age limit', () => {
    let now = 0;
    const held = new HeldFiles({ maxAgeMs: 1000 }, () => now);
    held.hold('f1', 'kari', [file('1', 5)]);
    now = 500;
    held.hold('f2', 'kari', [file('2', 5)]);
    now = 1200;
    expect(held.take('f1', 'kari')).toBeNull();
    expect(held.take('f2', 'kari')).not.toBeNull();
  });

  it('holding a form again replaces its files', () => {
    const held = new HeldFiles();
    held.hold('f1', 'kari', [file('1', 5)]);
    held.hold('f1', 'kari', [file('2', 7)]);
    expect(held.bytes).toBe(7);
    expect(held.take('f1', 'kari')?.map((f) => f.name)).toEqual(['2']);
  });
});

describe('uniqueNames', () => {
  it('numbers repeated names (case-insensitively), keeping the extension', () => {
    expect(uniqueNames([file('bilde.png', 1), file('bilde.png', 1), file('Bilde.png', 1), file('notat', 1), file('notat', 1)]).map((f) => f.name)).toEqual([
      'bilde.png',
      'bilde (2).png',
      'Bilde (3).png',
      'notat',
      'notat (2)',
    ]);
  });
});
