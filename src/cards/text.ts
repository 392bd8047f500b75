// Makes text from people safe to put in a card or a chat message: no control characters, bounded length, no markup.
//
// In cards, user text goes into RichTextBlock TextRuns, where Adaptive Cards render no markdown
// ("Markdown is not supported", TextRun in the 1.5 schema), so nothing needs escaping there.
// escapeMarkdown is for the places that do render markdown: plain-text bot messages.

// C0/C1 controls except tab and newline, and the bidi overrides that can make a case number or a
// name read backwards ("Trojan Source").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control and bidi-override characters, normalises line ends; keeps letters, emoji and newlines. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/**
 * At most `max` characters (code points, so an emoji or æ/ø/å is never cut in half), ending with
 * '…' when cut; surrounding whitespace trimmed.
 */
export function truncateText(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed; // UTF-16 length ≥ code points: nothing to cut
  const points = Array.from(trimmed);
  if (points.length <= max) return trimmed;
  return `${points.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** cleanText, then truncateText: the one call for user text shown in a card. */
export function safeText(text: string, max: number): string {
  return truncateText(cleanText(text), max);
}

/** One line: newlines and runs of whitespace become single spaces (titles, names, places). */
export function oneLine(text: string, max: number): string {
  return truncateText(cleanText(text).replace(/\s+/g, ' '), max);
}

// Emphasis, code, links, tables, HTML: markup wherever they stand (CommonMark backslash escapes).
const INLINE = /[\\`*_[\]<>~|]/g;
// Headings, quotes and lists: markup only at the start of a line ("1. ", "- ", "# ").
const LINE_START = /^([ \t]*)(?:([#>+-])|(\d+)([.)]))/gm;

/**
 * Backslash-escapes markdown and HTML, for text in a markdown context (a bot message). Escapes
 * only what is markup, so an ordinary name or sentence reads the same. In cards use a TextRun.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_m, indent: string, mark?: string, digits?: string, dot?: string) =>
      mark !== undefined ? `${indent}\\${mark}` : `${indent}${digits ?? ''}\\${dot ?? ''}`,
    );
}
