// Small pieces the card builders share: the card envelope, text that is safe for user input, fact rows, actions.
import type {
  AdaptiveCard,
  CardAction,
  CardElement,
  ColumnSet,
  ExecuteAction,
  OpenUrlAction,
  RichTextBlock,
  Spacing,
  TextBlock,
  TextRun,
} from './card-types.js';

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * The card envelope: schema, type, version 1.5. No `lang`: the adaptivecards package checks it
 * with a global (/g) regular expression whose lastIndex carries over between cards, so a valid
 * 'nn' fails after an 'nb'; Teams takes the language from the user's client anyway.
 */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = { $schema: ADAPTIVE_CARD_SCHEMA, type: 'AdaptiveCard', version: '1.5', body };
  if (actions.length > 0) card.actions = actions;
  return card;
}

/** A heading from our catalogue (style heading: read as a heading by screen readers). */
export function heading(text: string, size: 'medium' | 'large' = 'medium'): TextBlock {
  return { type: 'TextBlock', text, size, weight: 'bolder', style: 'heading', wrap: true };
}

/** A paragraph from our catalogue. Never pass text from people here: a TextBlock renders markdown. */
export function paragraph(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** Text shown exactly as given (a TextRun renders no markdown): for anything that holds data or user input. */
export function plain(text: string, style: Omit<TextRun, 'type' | 'text'> = {}, spacing?: Spacing): RichTextBlock {
  const block: RichTextBlock = { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
  if (spacing !== undefined) block.spacing = spacing;
  return block;
}

/** A message in the attention colour (errors), shown as plain text. */
export function attention(text: string, spacing: Spacing = 'small'): RichTextBlock {
  return plain(text, { color: 'attention' }, spacing);
}

/**
 * Label–value rows. Not a FactSet: fact values render markdown, and values here hold unit and
 * person names; a ColumnSet of a label and a TextRun keeps them plain.
 */
export function facts(rows: readonly (readonly [label: string, value: string])[]): ColumnSet[] {
  return rows.map(([label, value], i) => ({
    type: 'ColumnSet',
    spacing: i === 0 ? 'medium' : 'small',
    columns: [
      { type: 'Column', width: 2, items: [paragraph(label, { weight: 'bolder' })] },
      { type: 'Column', width: 3, items: [plain(value)] },
    ],
  }));
}

export function execute(title: string, verb: string, data?: Record<string, string>, style?: ExecuteAction['style']): ExecuteAction {
  const action: ExecuteAction = { type: 'Action.Execute', title, verb };
  if (data !== undefined) action.data = data;
  if (style !== undefined) action.style = style;
  return action;
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}
