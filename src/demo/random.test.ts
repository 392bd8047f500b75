// Tests for the seeded generator and its draws: reproducible, independent streams, right shapes.
import { describe, expect, it } from 'vitest';
import { chance, createRandom, int, logNormal, normal, pick, poisson, sample, shuffle, uuid, weighted, weightedPicker } from './random.js';

const draws = (n: number, f: () => number) => Array.from({ length: n }, f);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('createRandom', () => {
  it('repeats the sequence for the same seed and stream', () => {
    const a = createRandom(2026, 'x');
    const b = createRandom(2026, 'x');
    expect(draws(100, a)).toEqual(draws(100, b));
  });

  it('differs between seeds and between streams', () => {
    const first = (r: () => number) => draws(5, r);
    expect(first(createRandom(2026, 'x'))).not.toEqual(first(createRandom(2027, 'x')));
    expect(first(createRandom(2026, 'x'))).not.toEqual(first(createRandom(2026, 'y')));
    expect(first(createRandom('2026'))).toEqual(first(createRandom(2026)));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const xs = draws(20_000, createRandom(1));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    const buckets = new Array(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]++;
    for (const b of buckets) expect(b).toBeGreaterThan(1_800);
  });
});

describe('draws', () => {
  const r = createRandom(7, 'draws');

  it('int includes both ends and nothing outside', () => {
    const xs = draws(2_000, () => int(r, 1, 5));
    expect(new Set(xs)).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('chance and pick', () => {
    expect(mean(draws(10_000, () => (chance(r, 0.3) ? 1 : 0)))).toBeCloseTo(0.3, 1);
    expect(['a', 'b']).toContain(pick(r, ['a', 'b']));
    expect(() => pick(r, [])).toThrow(RangeError);
  });

  it('weighted and weightedPicker follow the weights', () => {
    const entries = [['a', 1], ['b', 3], ['c', 0]] as const;
    const picker = weightedPicker(entries);
    for (const draw of [() => weighted(r, entries), () => picker(r)]) {
      const xs = draws(8_000, () => (draw() === 'b' ? 1 : 0));
      expect(mean(xs)).toBeCloseTo(0.75, 1);
    }
    expect(Array.from({ length: 1_000 }, () => picker(r))).not.toContain('c');
  });

  it('normal and logNormal have the right centre', () => {
    const xs = draws(20_000, () => normal(r, 10, 2));
    expect(mean(xs)).toBeCloseTo(10, 1);
    const sd = Math.sqrt(mean(xs.map((x) => (x - 10) ** 2)));
    expect(sd).toBeCloseTo(2, 1);
    const ys = draws(20_001, () => logNormal(r, 5, 1)).sort((a, b) => a - b);
    expect(ys[10_000]).toBeGreaterThan(4.5);
    expect(ys[10_000]).toBeLessThan(5.5);
  });

  it.each([0.5, 8, 45, 160])('poisson(%d) has mean and variance λ', (lambda) => {
    const xs = draws(20_000, () => poisson(r, lambda));
    const m = mean(xs);
    const variance = mean(xs.map((x) => (x - m) ** 2));
    expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.05);
    expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.1);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('poisson of zero is zero', () => {
    expect(poisson(r, 0)).toBe(0);
  });

  it('shuffle and sample keep the items', () => {
    const items = [1, 2, 3, 4, 5, 6];
    expect([...shuffle(r, items)].sort()).toEqual(items);
    const s = sample(r, items, 3);
    expect(new Set(s).size).toBe(3);
    expect(sample(r, items, 10)).toHaveLength(6);
  });

  it('uuid looks like an Entra object id and does not repeat', () => {
    const ids = draws(5_000, () => 0).map(() => uuid(r));
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
