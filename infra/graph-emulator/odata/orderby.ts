// Parses $orderby ("fields/Due desc, fields/ID") into property paths with a direction.
import { ODataError } from './errors.js';

export interface OrderTerm {
  /** `fields/Due` is `['fields', 'Due']`. */
  path: string[];
  desc: boolean;
}

/** More sort keys than this is almost certainly a bug in the caller; SharePoint views allow far fewer useful ones. */
export const MAX_ORDER_TERMS = 8;

const TERM = /^([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:[ \t]+(asc|desc))?$/i;

export function parseOrderBy(text: string): OrderTerm[] {
  if (text.trim() === '') throw new ODataError('The $orderby option is empty; expected a property such as fields/Title.', 0);
  const terms: OrderTerm[] = [];
  const seen = new Map<string, string>();
  // $orderby has no quoted strings, so a comma always separates terms.
  let offset = 0;
  for (const raw of text.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const term = raw.trim();
    const position = offset + lead;
    offset += raw.length + 1;
    if (term === '') {
      throw new ODataError(`Expected a property in $orderby at position ${position}, but found ${position >= text.length ? 'the end' : "','"}.`, position);
    }
    const m = TERM.exec(term);
    if (!m) {
      throw new ODataError(
        `'${term}' at position ${position} is not a valid $orderby term; expected a property path optionally followed by asc or desc.`,
        position,
      );
    }
    const pathText = m[1] ?? '';
    // Column names match case-insensitively in the store, so Title and title are the same key.
    const key = pathText.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ODataError(`The $orderby lists '${pathText}' twice (also as '${earlier}'); each property may appear once.`, position);
    }
    seen.set(key, pathText);
    terms.push({ path: pathText.split('/'), desc: m[2]?.toLowerCase() === 'desc' });
    if (terms.length > MAX_ORDER_TERMS) {
      throw new ODataError(`The $orderby has more than ${MAX_ORDER_TERMS} terms; the limit is ${MAX_ORDER_TERMS}.`, position);
    }
  }
  return terms;
}
