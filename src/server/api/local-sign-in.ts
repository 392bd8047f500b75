// Local runs only: sign in as a demo persona (or, for tests, any person of the organisation) without Teams.
//
// GET /api/local/personas and POST /api/local/sign-in. The server asks the Graph emulator's Entra stand-in to mint the
// user's access token for the tab's audience, exactly as Teams SSO would hand one to the tab, and the token then goes
// through the same validation as a Teams token on every request. Outside local runs every /api/local path is 404, and
// the emulator's control that mints tokens answers only on the loopback interface.
import { Hono } from 'hono';
import { z } from 'zod';
import type { DemoPersona } from '../../demo/index.js';
import type { ApiEnv } from './context.js';
import type { LocalPersona, LocalSignIn } from './contract.js';
import { ApiProblem, apiError, jsonBody, parseOr400 } from './errors.js';
import type { ApiDeps } from './index.js';

export interface LocalUserToken {
  token: string;
  expiresAt: Date;
}

export interface LocalSignInDeps {
  /** The demo's personas (scripts/start.ts passes them); empty when the data is not the demo's. */
  readonly personas: readonly DemoPersona[];
  /** Mints a user's access token for the tab's audience at the local Entra stand-in. */
  mint(user: { oid: string; name: string; preferredUsername: string }): Promise<LocalUserToken>;
}

/** Tokens from the emulator's control `POST {origin}/_emulator/issuer/{tenant}/user-token`, for `audience`, valid one hour. */
export function emulatorTokenMinter(options: { emulatorOrigin: string; tenantId: string; audience: string; fetch?: typeof fetch }): LocalSignInDeps['mint'] {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.emulatorOrigin}/_emulator/issuer/${encodeURIComponent(options.tenantId)}/user-token`;
  return async (user) => {
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oid: user.oid, name: user.name, preferredUsername: user.preferredUsername, audience: options.audience, expiresInSeconds: 3600 }),
    });
    if (res.status !== 200) throw new Error(`The local issuer refused to mint a user token (${res.status}).`);
    const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') throw new Error('The local issuer answered without a token.');
    return { token: body.access_token, expiresAt: new Date(Date.now() + body.expires_in * 1000) };
  };
}

const signInBody = z
  .object({
    persona: z.string({ error: 'Personaen må være en tekst.' }).min(1, { error: 'Velg en persona.' }).max(50).optional(),
    personId: z.string({ error: 'Person-id-en må være en tekst.' }).min(1, { error: 'Oppgi en person-id.' }).max(100).optional(),
  })
  .refine((b) => (b.persona === undefined) !== (b.personId === undefined), { error: 'Oppgi enten «persona» eller «personId».', path: ['persona'] });

export function localSignInRoutes(deps: ApiDeps): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const local = deps.localSignIn;
  if (!local || !deps.config.local) {
    routes.all('*', (c) => apiError(c, 404, 'notFound', 'Fant ikke ressursen.'));
    return routes;
  }

  routes.get('/personas', (c) =>
    c.json(local.personas.map((p): LocalPersona => ({ key: p.key, label: p.label, name: p.name, unitName: p.unitName }))),
  );

  routes.post('/sign-in', async (c) => {
    const body = parseOr400(signInBody, await jsonBody(c));
    const personId = body.persona !== undefined ? local.personas.find((p) => p.key === body.persona)?.personId : body.personId;
    if (personId === undefined) throw new ApiProblem(400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: 'persona', message: 'Ukjent persona.' }] });
    const person = await deps.org.person(personId);
    if (!person) throw new ApiProblem(400, 'invalidRequest', 'Forespørselen er ugyldig.', { details: [{ field: body.persona !== undefined ? 'persona' : 'personId', message: 'Finner ikke personen i organisasjonen.' }] });
    const minted = await local.mint({ oid: person.id, name: person.name, preferredUsername: person.upn || person.email });
    // The same check as for a Teams token: a local sign-in that would not pass on the next request fails here.
    const checked = await deps.tokens.validate(minted.token);
    if (!checked.ok) {
      deps.log('api.localSignInRejected', { reason: checked.reason });
      throw new Error('The locally minted token does not pass validation.');
    }
    deps.log('api.localSignIn');
    const answer: LocalSignIn = { token: minted.token, expiresAt: minted.expiresAt.toISOString() };
    return c.json(answer);
  });

  routes.all('*', (c) => apiError(c, 404, 'notFound', 'Fant ikke ressursen.'));
  return routes;
}
