// Decorates every Graph request as SharePoint asks: a `NONISV|<publisher>|<app>/<version>` User-Agent and a client-request-id.
// https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online#how-to-decorate-your-http-traffic
import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainLink, traceOf } from './middleware.js';
import { hasControlCharacter } from './odata.js';
import { getHeader, setHeader } from './request-info.js';

export interface UserAgentParts {
  /** The company or municipality that publishes this installation. */
  publisher: string;
  /** The app's version, e.g. package.json's. */
  version: string;
  /** Defaults to Varde. */
  app?: string;
}

/** `NONISV|Publisher|Varde/1.2.3`; refuses parts that would break the format or the header. */
export function userAgentString(parts: UserAgentParts): string {
  const check = (label: string, value: string) => {
    if (value.trim() === '' || value.includes('|') || hasControlCharacter(value)) throw new Error(`User-Agent ${label} must be non-empty without '|' or control characters.`);
    return value.trim();
  };
  return `NONISV|${check('publisher', parts.publisher)}|${check('app', parts.app ?? 'Varde')}/${check('version', parts.version)}`;
}

export class DecorateMiddleware extends ChainLink {
  constructor(private readonly userAgent: string) {
    super();
  }

  async execute(context: Context): Promise<void> {
    setHeader(context, 'User-Agent', this.userAgent);
    if (getHeader(context, 'client-request-id') === undefined) {
      setHeader(context, 'client-request-id', traceOf(context)?.clientRequestId ?? crypto.randomUUID());
    }
    await this.forward(context);
  }
}
