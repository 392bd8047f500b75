// Graph-style JSON errors for /api/*, with Norwegian messages, and request validation with zod that turns into them.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { DomainError, DomainErrorCode, Result } from '../../domain/index.js';
import type { ApiError } from './contract.js';

export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, extra: Omit<ApiError['error'], 'code' | 'message'> = {}) {
  const body: ApiError = { error: { code, message, ...extra } };
  return c.json(body, status);
}

/** A request that does not pass its schema: 400 with each field's problem (zod messages are set in Norwegian by the schemas). */
export class InvalidRequest extends Error {
  constructor(readonly details: { field: string; message: string }[]) {
    super('Invalid request');
    this.name = 'InvalidRequest';
  }
}

/** Parses `input` with `schema`, or throws InvalidRequest (the API's onError answers it with 400). */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
}

/** The JSON body, or InvalidRequest when it is not JSON at all. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new InvalidRequest([{ field: '(body)', message: 'Forespørselen må ha en JSON-kropp.' }]);
  }
}

/**
 * A failure a route decides on itself (403 forbidden, 404 notFound …): thrown anywhere below a route, answered by the
 * API's onError as `{error:{code,message}}` with `status`. `message` is Norwegian bokmål, for people.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Omit<ApiError['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

/** A broken domain rule (a `Result`'s error): onError answers 403 for `case.forbidden`, 409 `invalidState` for a step the record's state does not allow, 400 `invalidRequest` otherwise. */
export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainFailure';
  }
}

/** The value of a domain Result, or DomainFailure. */
export function valueOr4xx<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new DomainFailure(result.error);
}

const STATE_CONFLICTS: ReadonlySet<DomainErrorCode> = new Set(['case.invalidTransition', 'case.closed', 'case.analysisNotOpen', 'measure.invalidStatusChange']);

/** The status and code a domain error is answered with. */
export function statusOfDomainError(code: DomainErrorCode): { status: 400 | 403 | 409; code: 'invalidRequest' | 'forbidden' | 'invalidState' } {
  if (code === 'case.forbidden') return { status: 403, code: 'forbidden' };
  if (STATE_CONFLICTS.has(code)) return { status: 409, code: 'invalidState' };
  return { status: 400, code: 'invalidRequest' };
}
