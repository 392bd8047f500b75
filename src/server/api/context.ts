// What every /api/* handler knows about the request: who is asking, established by the auth middleware.
import type { Context } from 'hono';
import type { Person } from '../../domain/index.js';

export interface Viewer {
  /** The person in the organisation the token's `oid` names. */
  readonly person: Person;
  readonly tenantId: string;
  /** Signed in through the local persona page (local runs only). */
  readonly localSession: boolean;
  /** The raw bearer token, for on-behalf-of calls to Graph as the user. Never log it. */
  readonly token: string;
}

export type ApiEnv = { Variables: { viewer: Viewer } };

export function viewerOf(c: Context<ApiEnv>): Viewer {
  return c.get('viewer');
}
