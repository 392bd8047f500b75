// The access policy's context (src/domain/access.ts) for the tab's use cases: the unit tree as cached, and who receives whistleblowing.
import type { AccessContext, OrgUnits } from '../../domain/index.js';

export interface AccessContexts {
  /** The named recipients of whistleblowing reports under the routine (Person ids), from configuration. */
  readonly whistleblowingRecipientIds: ReadonlySet<string>;
  /**
   * The context to decide with: the organisation's units, and the recipients less `concerned` (the people a
   * whistleblowing report is about: the routine leaves them out of its handling).
   */
  context(options?: { concerned?: readonly string[] }): Promise<AccessContext>;
}

export function createAccessContexts(units: () => Promise<OrgUnits>, whistleblowingRecipientIds: readonly string[]): AccessContexts {
  const recipients: ReadonlySet<string> = new Set(whistleblowingRecipientIds);
  return {
    whistleblowingRecipientIds: recipients,
    async context(options = {}) {
      const concerned = new Set(options.concerned ?? []);
      return { units: await units(), whistleblowingRecipientIds: concerned.size === 0 ? recipients : new Set([...recipients].filter((id) => !concerned.has(id))) };
    },
  };
}
