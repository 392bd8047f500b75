// Graph as the signed-in user: msal-node's on-behalf-of flow exchanges the tab's token (Teams SSO) for a delegated Graph token.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { type GraphTokenOptions, localIssuerConfiguration } from './graph-token.js';

/** Delegated Graph permissions the app asks for on the user's behalf: reading the user's own profile. */
export const USER_GRAPH_SCOPES = ['https://graph.microsoft.com/User.Read'] as const;

export interface OnBehalfOfTokenSource {
  /**
   * A Graph token for the user whose access token (to this app: the tab's Teams SSO token, already validated) is
   * `userToken`. msal-node caches it per user assertion until it nears expiry.
   */
  graphTokenFor(userToken: string, scopes?: readonly string[]): Promise<string>;
}

/**
 * The app registration's client credentials and authority (`https://login.microsoftonline.com/<tenant>`; locally the
 * emulator's issuer with `localIssuer`, carried over plain HTTP on the loopback interface as for app-only tokens).
 * In a tenant the registration needs the delegated Graph permission User.Read, consented for the organisation (the
 * on-behalf-of flow cannot ask the user).
 */
export function createOnBehalfOfTokenSource(options: GraphTokenOptions): OnBehalfOfTokenSource {
  const app = new ConfidentialClientApplication(
    options.localIssuer ? localIssuerConfiguration(options) : { auth: { authority: options.authority, clientId: options.clientId, clientSecret: options.clientSecret } },
  );
  return {
    async graphTokenFor(userToken, scopes = USER_GRAPH_SCOPES) {
      const result = await app.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [...scopes] });
      if (!result?.accessToken) throw new Error('msal-node returned no access token for the on-behalf-of request.');
      return result.accessToken;
    },
  };
}
