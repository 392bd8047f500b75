// The continuation of a query read in windows (query-plan.ts): the window of its sort column (the inbox's ReportedAt,
// the action list's Deadline) being read and the store's own token within it, as one opaque string of the alphabet the
// API accepts ([A-Za-z0-9_-]).
import type { ReportWindow } from './query-plan.js';

export interface WindowToken {
  readonly window: ReportWindow;
  /** The store's continuation within the window; null: the window from its start. */
  readonly inner: string | null;
}

const PREFIX = 'w';

export function encodeWindowToken(t: WindowToken): string {
  return PREFIX + Buffer.from(JSON.stringify({ f: t.window.from, b: t.window.before, c: t.inner }), 'utf8').toString('base64url');
}

const bound = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v % 1000 === 0);

/**
 * The token if `continuation` is one (null otherwise: the store's own, or none). A store token that happens to start
 * with the prefix does not decode to this shape, so it is passed on as it is.
 */
export function decodeWindowToken(continuation: string | null | undefined): WindowToken | null {
  if (!continuation?.startsWith(PREFIX)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(continuation.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { f, b, c, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !bound(f) || !bound(b) || !(c === null || (typeof c === 'string' && /^[A-Za-z0-9_-]{1,8000}$/.test(c)))) return null;
  if (f !== null && b !== null && f >= b) return null;
  return { window: { from: f, before: b }, inner: c };
}
