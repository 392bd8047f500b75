// Every card, in every language: valid Adaptive Card 1.5 (the adaptivecards package and the published schema), under 28 KB, and user text never markup.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardSizeBytes, TEAMS_CARD_MAX_BYTES, validateCard } from './validate-card.js';
import { everyCard, HOSTILE, HOSTILE_TEXT, HUGE_TEXT } from './test-fixtures.js';
import { LANGUAGES } from './strings.js';

// The published 1.5 schema (draft-06) lists every property of every type, inherited ones
// included, with additionalProperties false. The adaptivecards package ignores properties it does
// not know, so this catches a misspelt or newer-than-1.5 property the package would let through.
const schemaPath = resolve(import.meta.dirname, 'schema/adaptive-card-1.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { definitions: Record<string, SchemaDefinition> };
interface SchemaDefinition {
  properties?: Record<string, unknown>;
  anyOf?: SchemaDefinition[];
}

function propertiesOf(type: string): Set<string> | null {
  const definition = schema.definitions[type];
  const properties = definition?.properties ?? definition?.anyOf?.find((d) => d.properties)?.properties; // TextRun: string | object
  return properties ? new Set(Object.keys(properties)) : null;
}

/** Objects whose type the 1.5 schema does not know, or that carry properties it does not list. */
function schemaProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => schemaProblems(n, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const out: string[] = [];
  if (typeof record.type === 'string') {
    const known = propertiesOf(record.type);
    if (known === null) out.push(`${path}: unknown type ${record.type}`);
    else for (const key of Object.keys(record)) if (!known.has(key)) out.push(`${path}: ${record.type} has no property ${key}`);
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'data') out.push(...schemaProblems(value, `${path}.${key}`));
  return out;
}

/** The text of every TextBlock: the element that renders markdown. */
function textBlockTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textBlockTexts);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'TextBlock' && typeof record.text === 'string' ? [record.text] : [];
  return [...own, ...Object.values(record).flatMap(textBlockTexts)];
}

const LOCALES = ['nb-NO', 'nn-NO', 'en-US'] as const;

describe.each(LOCALES)('every card in %s', (locale) => {
  const cases = Object.entries(everyCard(locale));

  it.each(cases)('%s is valid per the adaptivecards package and fits in a Teams message', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it.each(cases)('%s uses only types and properties of the 1.5 schema', (_name, card) => {
    expect(schemaProblems(card)).toEqual([]);
  });
});

describe('user text never becomes markup', () => {
  it('covers all three catalogues', () => {
    expect(LANGUAGES).toEqual(['nb', 'nn', 'en']);
  });

  describe.each(LOCALES)('in %s', (locale) => {
    const cases = Object.entries(everyCard(locale, HOSTILE_TEXT));

    it.each(cases)('%s stays valid and keeps markdown, HTML and links out of TextBlocks', (_name, card) => {
      expect(validateCard(card)).toEqual([]);
      expect(schemaProblems(card)).toEqual([]);
      const rendered = textBlockTexts(card).join('\n');
      for (const marker of ['**bold**', '<script>', '<img', '](javascript:', '${secret}', '# heading']) {
        expect(rendered).not.toContain(marker);
      }
    });

    it.each(cases)('%s carries no control or bidi-override characters', (_name, card) => {
      expect(JSON.stringify(card)).not.toMatch(/\\u0000|\u202E/);
    });
  });

  it('shows user text literally, in TextRuns (no markdown in a TextRun: 1.5 schema)', () => {
    const json = JSON.stringify(everyCard('nb-NO', HOSTILE.link).leaderNotification);
    expect(json).toContain('"type":"TextRun","text":"[click me](javascript:alert(1))"');
  });

  describe.each(LOCALES)('with 100,000 characters of emoji and æ in every text field, in %s', (locale) => {
    it.each(Object.entries(everyCard(locale, HUGE_TEXT)))('%s is still valid and under 28 KB', (_name, card) => {
      expect(validateCard(card)).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    });
  });
});
