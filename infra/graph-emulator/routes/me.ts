// GET /v1.0/me: the signed-in user of a delegated token (on-behalf-of), with the few properties the app reads.
import { GraphError } from '../errors.js';
import { json } from '../request.js';
import type { Router } from '../router.js';
import type { EmulatorContext } from '../server.js';

/** The properties emulated; others are not part of the local directory. */
const PROPERTIES = ['id', 'displayName', 'mail', 'userPrincipalName', 'preferredLanguage'] as const;

export function registerMeRoutes(r: Router, ctx: EmulatorContext): void {
  r.add('GET', '/me', 1, (req) => {
    const user = req.caller.user;
    // Graph's answer to an app-only token on /me.
    if (!user) throw new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    // The directory knows what an administrator set (preferredLanguage); otherwise the token's claims speak for the user.
    const known = ctx.issuer.users.get(user.oid);
    const full = {
      id: user.oid,
      displayName: known?.displayName ?? user.name ?? null,
      mail: known?.mail ?? user.preferredUsername ?? null,
      userPrincipalName: known?.userPrincipalName ?? user.preferredUsername ?? null,
      preferredLanguage: known?.preferredLanguage ?? null,
    };
    const select = (req.query.get('$select') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s): s is (typeof PROPERTIES)[number] => (PROPERTIES as readonly string[]).includes(s));
    const shown = select.length > 0 ? Object.fromEntries(select.map((k) => [k, full[k]])) : full;
    const context = select.length > 0 ? `${req.baseUrl}/$metadata#users(${select.join(',')})/$entity` : `${req.baseUrl}/$metadata#users/$entity`;
    return json(200, { '@odata.context': context, ...shown });
  });
}
