// Remembers which bot messages belong to a case (the reporter's receipt, the leaders' notifications), to update them in place.
import type { CaseRoute } from '../../domain/index.js';
import type { MessageRef } from './messenger.js';

export interface CaseMessages {
  readonly caseId: string;
  /**
   * Which store the case lives in; default 'ordinary'. The messages of a whistleblowing report are kept
   * beside it in the confidential site: who received one, and when, is itself confidential.
   */
  readonly route?: CaseRoute;
  readonly receipt: MessageRef | null;
  /** The notification cards sent to people: the unit's leader and deputy (whistleblowing: the named recipients). */
  readonly notifications: readonly MessageRef[];
  /** The card posted in the unit's leader channel (serious cases only): it carries less, so it is rebuilt apart. */
  readonly channelNotifications?: readonly MessageRef[];
  /** The reporter's Teams locale when they reported ('nb-NO', 'nn-NO', 'en-US' …): their later updates are in it. */
  readonly reporterLocale?: string;
}

export interface CaseMessageStore {
  /** One write per report: everything sent for a new case, saved together. Replaces what was stored for the case. */
  save(messages: CaseMessages): Promise<void>;
  get(caseId: string, route?: CaseRoute): Promise<CaseMessages | null>;
}
