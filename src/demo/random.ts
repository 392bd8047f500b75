// Seeded pseudo-random numbers for the demo generator (sfc32 seeded by a string hash) and the draws it needs.
//
// Never the platform's random source: the same seed must give the same municipality on every machine, so a demo,
// a screenshot or a benchmark can be reproduced. Each part of the generator draws from its own
// named stream (`createRandom(seed, 'deviations')`), so adding a risk template does not shift
// every deviation.

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

// cyrb128: a fast 128-bit string hash, good enough to spread seeds over sfc32's state.
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, passes PractRand.
function sfc32(a: number, b: number, c: number, d: number): Random {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A generator for the seed and a named stream; equal inputs give equal sequences. */
export function createRandom(seed: number | string, stream = ''): Random {
  const [a, b, c, d] = cyrb128(`${seed}\u0000${stream}`);
  const random = sfc32(a, b, c, d);
  for (let i = 0; i < 15; i++) random(); // warm up: the first outputs still echo the seed
  return random;
}

/** An integer in [min, max], both included. */
export function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function chance(random: Random, p: number): boolean {
  return random() < p;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}

/** One of the entries, with probability proportional to its weight (linear: for short lists). */
export function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of entries) total += w;
  let x = random() * total;
  for (const [item, w] of entries) {
    x -= w;
    if (x < 0) return item;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new RangeError('weighted pick from an empty list');
  return last[0];
}

/** A reusable weighted picker (cumulative weights and binary search): O(log n) per draw, for hot loops. */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const items = entries.filter(([, w]) => w > 0);
  if (items.length === 0) throw new RangeError('weighted picker needs a positive weight');
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) cumulative.push((total += w));
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return (items[lo] as readonly [T, number])[0];
  };
}

/** Normal (Gaussian) draw by Box–Muller. */
export function normal(random: Random, mean = 0, sd = 1): number {
  const u = 1 - random(); // (0, 1]: log(0) is -Infinity
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median: right-skewed durations (most cases quick, a long tail). */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(normal(random, 0, sigma));
}

/**
 * Poisson draw: Knuth's product method for small means, and the rounded normal approximation
 * above 30, where mean and variance stay right and each draw is O(1).
 */
export function poisson(random: Random, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 30) return Math.max(0, Math.round(normal(random, lambda, Math.sqrt(lambda))));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Up to `count` distinct items, in random order. */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  return shuffle(random, items).slice(0, Math.max(0, count));
}

const HEX = '0123456789abcdef';

/** A version-4-shaped UUID from the generator: the form Entra ID object ids take. */
export function uuid(random: Random): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let digit = Math.floor(random() * 16);
    if (i === 12) digit = 4; // version
    if (i === 16) digit = 8 + (digit & 3); // variant 10xx
    out += HEX[digit];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}
