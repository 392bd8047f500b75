// Adds the app's bearer token to requests for the configured Graph origin, and to no other.
// The SDK's AuthenticationHandler only recognises https Graph hosts, so it would send nothing to the
// emulator over http; this link keys on the configured base URL instead, which works for both.
import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainLink } from './middleware.js';
import { requestUrl, setHeader } from './request-info.js';

export class AuthMiddleware extends ChainLink {
  constructor(
    private readonly origin: string,
    private readonly getToken: () => Promise<string>,
  ) {
    super();
  }

  /** Our origin: the usual URL (built from the base URL) by its prefix, anything else parsed. */
  private isOurs(url: string): boolean {
    if (url.startsWith(`${this.origin}/`)) return true;
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  async execute(context: Context): Promise<void> {
    // Asked per attempt: a retry after a long Retry-After must not carry an expired token (msal caches, so this is cheap).
    if (this.isOurs(requestUrl(context))) setHeader(context, 'Authorization', `Bearer ${await this.getToken()}`);
    await this.forward(context);
  }
}
