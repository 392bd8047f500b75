// Small text helpers for the demo: ids from Norwegian names, e-mail local parts, and template slots.
import { int, pick, type Random } from './random.js';

const FOLD: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a', é: 'e', è: 'e', ü: 'u', ö: 'o', ä: 'a', ś: 's', ł: 'l' };

/** Lower case, Norwegian letters folded as municipalities do in addresses (ø → o, æ → ae, å → a). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåéèüöäśł]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** An id-friendly slug: 'Træleborg sykehjem' → 'traeleborg-sykehjem'. */
export function slug(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** 'Per Olav', 'Sæbø' → 'per.olav.saebo'; hyphens in double names stay. */
export function emailLocalPart(givenName: string, surname: string): string {
  const part = (text: string) =>
    fold(text)
      .replace(/[^a-z0-9\s-]+/g, '')
      .trim()
      .replace(/\s+/g, '.');
  return `${part(givenName)}.${part(surname)}`;
}

const WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Fills `{slot}`s in a template with plausible values. The slots name no one: rooms, times,
 * counts and weekdays only, so generated text never holds personal data.
 */
export function fill(random: Random, template: string): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'room':
        return String(int(random, 1, 3) * 100 + int(random, 1, 40));
      case 'time':
        return `${pad2(int(random, 7, 22))}.${pad2(5 * int(random, 0, 11))}`;
      case 'n':
        return String(int(random, 2, 6));
      case 'minutes':
        return String(5 * int(random, 3, 18));
      case 'weekday':
        return pick(random, WEEKDAYS);
      case 'grade':
        return String(int(random, 1, 10));
      default:
        return whole;
    }
  });
}
