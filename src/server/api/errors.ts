// Graph-style JSON errors for /api/*, with Norwegian messages, and request validation with zod that turns into them.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
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
