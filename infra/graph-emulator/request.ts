// The emulator's own request and response values: what handlers see, whether the call came over HTTP or inside a $batch.
import { badRequest, unsupportedMediaType } from './errors.js';

export interface EmulatorRequest {
  method: string;
  /** Path below /v1.0, percent-decoded, e.g. `/sites/root/lists`. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
  requestId: string;
  /** Absolute base of this emulator's Graph API, e.g. `http://127.0.0.1:5099/v1.0`; used for links. */
  baseUrl: string;
  /** The calling app (from the token), for resource-unit budgets and createdBy. */
  caller: Caller;
  /** The peer's address (controls that mint tokens answer only on this machine); absent inside a $batch. */
  remoteAddress?: string;
}

export interface Caller {
  appId: string;
  displayName: string;
  /** The signed-in user of a delegated token (`scp` and `oid`); absent for app-only tokens. */
  user?: { oid: string; name?: string; preferredUsername?: string; scopes: string[] };
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; a Buffer is sent as is (file content). */
  body?: unknown;
}

/**
 * Parses the JSON body of a write; Graph answers 400 for anything that is not a JSON object.
 * The emulator's own controls pass `anyType` so that `curl -d` works without a Content-Type.
 */
export function jsonBody(req: EmulatorRequest, anyType = false): Record<string, unknown> {
  const type = req.headers['content-type'];
  if (!anyType && type !== undefined && !/^application\/json\b/i.test(type) && !/\+json\b/i.test(type)) throw unsupportedMediaType();
  if (req.body.length === 0) throw badRequest('Empty Payload, JSON content expected');
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse => ({
  status,
  body,
  headers: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', ...headers },
});

export const noContent = (): EmulatorResponse => ({ status: 204 });
