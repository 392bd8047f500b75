// The subset of Adaptive Card 1.5 JSON our builders emit, typed so a misspelt property fails to compile.
//
// Type aliases, not interfaces: an alias is assignable to Record<string, unknown> (the app's CardJson).
// Property names and values follow the 1.5 schema (src/cards/schema/adaptive-card-1.5.json, a copy of Microsoft's).

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

type Layout = { id?: string; spacing?: Spacing; separator?: boolean; isVisible?: boolean };

type TextStyle = { color?: TextColor; size?: TextSize; weight?: TextWeight; isSubtle?: boolean };

/** Renders markdown: only for our own catalogue texts, never for text from people. */
export type TextBlock = Layout &
  TextStyle & { type: 'TextBlock'; text: string; wrap?: boolean; style?: 'default' | 'heading'; maxLines?: number };

/** Plain text: "Markdown is not supported" in a TextRun (1.5 schema), so user text goes here. */
export type TextRun = TextStyle & { type: 'TextRun'; text: string; italic?: boolean; highlight?: boolean };

export type RichTextBlock = Layout & { type: 'RichTextBlock'; inlines: TextRun[] };

export type Column = {
  type: 'Column';
  width?: 'auto' | 'stretch' | number | `${number}px`;
  items: CardElement[];
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  spacing?: Spacing;
};

export type ColumnSet = Layout & { type: 'ColumnSet'; columns: Column[] };

export type Container = Layout & {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
  selectAction?: OpenUrlAction | ExecuteAction;
};

type InputBase = Layout & { id: string; label?: string; isRequired?: boolean; errorMessage?: string };

export type TextInput = InputBase & {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
};

export type DateInput = InputBase & { type: 'Input.Date'; value?: string; min?: string; max?: string };

export type TimeInput = InputBase & { type: 'Input.Time'; value?: string; min?: string; max?: string };

export type Choice = { title: string; value: string };

export type ChoiceSetInput = InputBase & {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  /** Multi-select: the values joined by commas. */
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded';
  placeholder?: string;
  wrap?: boolean;
};

export type CardInput = TextInput | DateInput | TimeInput | ChoiceSetInput;

/** Buttons inside the body (issue 8: one "Jeg har lest og forstått" per document on the reading digest). */
export type ActionSet = Layout & { type: 'ActionSet'; actions: CardAction[] };

export type CardElement = TextBlock | RichTextBlock | ColumnSet | Container | CardInput | ActionSet;

export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, string>;
  style?: 'default' | 'positive' | 'destructive';
};

export type OpenUrlAction = { type: 'Action.OpenUrl'; title: string; url: string };

/** A button that opens a card of inputs below it (the reminder digest: "Utført" asks for the evaluation first). */
export type ShowCardAction = { type: 'Action.ShowCard'; title: string; card: { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] } };

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

export type AdaptiveCard = {
  $schema: string;
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
};
