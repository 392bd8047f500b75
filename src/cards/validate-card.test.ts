// The card check itself: it must fail on broken cards, or the "every card is valid" tests prove nothing.
import { describe, expect, it } from 'vitest';
import { cardSizeBytes, TEAMS_CARD_MAX_BYTES, validateCard } from './validate-card.js';

const card = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Hei', wrap: true }],
  ...patch,
});
const messages = (c: unknown): string[] => validateCard(c).map((p) => `${p.check}: ${p.message}`);

describe('validateCard', () => {
  it('accepts a valid card', () => {
    expect(validateCard(card())).toEqual([]);
  });

  it('reports what the adaptivecards package finds', () => {
    expect(messages(card({ body: [{ type: 'TextBlock', text: 'x', color: 'purple' }] }))).toEqual([
      'adaptivecards: InvalidPropertyValue: Invalid value "purple" for property "color".',
    ]);
    expect(messages(card({ body: [{ type: 'Marquee' }] })).join()).toContain('Unknown element type "Marquee"');
    const duplicate = { type: 'Input.Text', id: 'a', label: 'A' };
    expect(messages(card({ body: [duplicate, duplicate] })).join()).toContain('Duplicate Id "a"');
    expect(messages(card({ body: [{ type: 'Input.Text', id: 'a', isRequired: true }] })).join()).toContain('should have a label');
    expect(messages(card({ body: [{ type: 'Input.ChoiceSet', id: 'c', choices: [] }] })).join()).toContain('at least one choice');
  });

  it('insists on version 1.5, the type and a $schema', () => {
    expect(messages(card({ version: '1.6' })).join()).toContain('version is 1.6, not 1.5');
    expect(messages(card({ type: 'Card' })).join()).toContain('type is Card');
    expect(messages(card({ $schema: undefined })).join()).toContain('$schema is missing');
    expect(messages('not a card')).toEqual(['format: The card is not a JSON object.']);
  });

  it('allows only https links', () => {
    const action = { type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' };
    expect(messages(card({ actions: [action] }))).toEqual(['format: Action.OpenUrl to "javascript:alert(1)": only https links.']);
    const nested = { type: 'Container', items: [{ type: 'TextBlock', text: 'x' }], selectAction: { ...action, url: 'http://x' } };
    expect(messages(card({ body: [nested] })).join()).toContain('only https links');
  });

  it('measures size in UTF-8 bytes, not characters', () => {
    const ascii = card({ body: [{ type: 'TextBlock', text: 'a'.repeat(100) }] });
    const norwegian = card({ body: [{ type: 'TextBlock', text: 'æ'.repeat(100) }] });
    expect(cardSizeBytes(norwegian) - cardSizeBytes(ascii)).toBe(100);
  });

  it('reports a card over the Teams limit', () => {
    const text = 'ø'.repeat(TEAMS_CARD_MAX_BYTES / 2);
    expect(JSON.stringify(card({ body: [{ type: 'TextBlock', text }] })).length).toBeLessThan(TEAMS_CARD_MAX_BYTES);
    expect(validateCard(card({ body: [{ type: 'TextBlock', text }] })).map((p) => p.check)).toEqual(['size']);
  });
});
