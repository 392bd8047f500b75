// Checks a card as Teams will take it: the adaptivecards package's own parser and validation, version 1.5, and the 28 KB message limit.
//
// The package's ESM build (lib/) imports its modules without file extensions, which Node's ESM
// loader refuses; its prebuilt UMD bundle (dist/) is CommonJS and runs in Node as is. Neither
// touches the DOM when parsing or validating (only when rendering), so no DOM shim is needed.
import AC from 'adaptivecards/dist/adaptivecards.js';

/**
 * Teams refuses a message over about 28 KB (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages);
 * the card is measured alone, in UTF-8 bytes of its JSON, so the activity around it needs a little room too.
 */
export const TEAMS_CARD_MAX_BYTES = 28_000;

export interface CardProblem {
  /** 'adaptivecards': reported by the package; 'format': our envelope rules; 'size': the Teams limit. */
  readonly check: 'adaptivecards' | 'format' | 'size';
  readonly message: string;
}

/** UTF-8 bytes of the card's JSON: what goes over the wire. */
export function cardSizeBytes(card: unknown): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

/** Every problem found, none when the card is a valid Adaptive Card 1.5 that fits in a Teams message. */
export function validateCard(card: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  if (typeof card !== 'object' || card === null || Array.isArray(card)) {
    return [{ check: 'format', message: 'The card is not a JSON object.' }];
  }
  const json = card as Record<string, unknown>;
  if (json.type !== 'AdaptiveCard') problems.push({ check: 'format', message: `type is ${String(json.type)}, not AdaptiveCard.` });
  if (json.version !== '1.5') problems.push({ check: 'format', message: `version is ${String(json.version)}, not 1.5 (what Teams renders).` });
  if (typeof json.$schema !== 'string') problems.push({ check: 'format', message: '$schema is missing.' });
  for (const url of openUrls(json)) {
    if (!/^https:\/\//i.test(url)) problems.push({ check: 'format', message: `Action.OpenUrl to "${url}": only https links.` });
  }

  const size = cardSizeBytes(card);
  if (size > TEAMS_CARD_MAX_BYTES) problems.push({ check: 'size', message: `${size} bytes, over the Teams limit of ${TEAMS_CARD_MAX_BYTES}.` });

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push({ check: 'adaptivecards', message: `${AC.ValidationEvent[event.event]}: ${event.message}` });
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push({ check: 'adaptivecards', message: `${AC.ValidationEvent[event.event]}: ${event.message}` });
  }
  return problems;
}

/** The url of every Action.OpenUrl anywhere in the card (actions, selectActions, nested containers). */
function openUrls(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(openUrls);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'Action.OpenUrl' ? [String(record.url)] : [];
  return [...own, ...Object.values(record).flatMap(openUrls)];
}
