// Small readers and writers over the graph client's middleware Context: URL, method, headers, idempotency.
import type { Context } from '@microsoft/microsoft-graph-client';

export function requestUrl(context: Context): string {
  const r = context.request as unknown;
  return typeof r === 'string' ? r : (r as { url: string }).url;
}

export function requestMethod(context: Context): string {
  return (context.options?.method ?? 'GET').toUpperCase();
}

// GraphRequest hands middleware a plain object of headers; RetryHandler may turn it into Headers. Read both.
export function getHeader(context: Context, name: string): string | undefined {
  const headers = context.options?.headers as unknown;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return (headers as [string, string][]).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

export function setHeader(context: Context, name: string, value: string): void {
  const options = (context.options ??= {});
  const headers = options.headers as unknown;
  if (headers instanceof Headers) return headers.set(name, value);
  if (Array.isArray(headers)) {
    const list = headers as [string, string][];
    const at = list.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (at >= 0) list.splice(at, 1);
    list.push([name, value]);
    return;
  }
  const record = { ...((headers as Record<string, string> | undefined) ?? {}) };
  for (const k of Object.keys(record)) if (k.toLowerCase() === name.toLowerCase()) delete record[k];
  record[name] = value;
  options.headers = record;
}

/**
 * Whether repeating the request cannot apply it twice: GET, HEAD, PUT, DELETE, OPTIONS by HTTP's
 * definition (RFC 9110 §9.2.2), and a PATCH that carries If-Match, since a second copy meets a
 * changed eTag and is refused with 412 instead of being applied again.
 */
export function isIdempotent(method: string, ifMatch: string | undefined): boolean {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'PUT' || m === 'DELETE' || m === 'OPTIONS') return true;
  return m === 'PATCH' && ifMatch !== undefined && ifMatch !== '' && ifMatch !== '*';
}

export function contextIsIdempotent(context: Context): boolean {
  return isIdempotent(requestMethod(context), getHeader(context, 'If-Match'));
}
