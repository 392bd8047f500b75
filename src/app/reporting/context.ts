// What the reporting use cases share: their dependencies, cached look-ups, the clock, links, and sends that never throw.
import { randomUUID } from 'node:crypto';
import { type AccessContext, type Deviation, type OrgUnits, routeOf } from '../../domain/index.js';
import type { AttachmentStore, CaseMessageStore, CaseMessages, CaseNumberAllocator, DeviationRepository, MessageRef, Messenger, OrganisationRepository, PendingReportStore } from '../ports/index.js';
import type { CardJson } from '../conversation/types.js';
import type { HeldFilesLimits } from './held-files.js';
import { OrgLookups } from './org-lookups.js';
import type { RetrySchedule } from './pending-reports.js';
import type { LeaderChannelDirectory } from './ports.js';
import type { ReportingCards } from './views.js';

export interface ReportingConfig {
  /** Where the tab shows a case: `${tabBaseUrl}/cases/${caseId}` (no trailing slash needed). */
  readonly tabBaseUrl: string;
  /** The people the whistleblowing routine names as recipients (Person ids). */
  readonly whistleblowingRecipientIds: readonly string[];
  /** Ordinary case numbers reserved per block (default 10); whistleblowing numbers are taken one at a time. */
  readonly caseNumberBlockSize?: number;
  /** How long organisation look-ups are cached (default 5 minutes). */
  readonly orgCacheMs?: number;
  readonly retry?: RetrySchedule;
  /**
   * How long a submit waits for SharePoint before it answers with the waiting receipt (default 8 s:
   * Teams gives an Action.Execute invoke little more than that). The store goes on in the background
   * and updates the receipt when it lands.
   */
  readonly submitTimeoutMs?: number;
  /** How much of the files sent in the chat this process holds while their forms are open (held-files.ts). */
  readonly heldFiles?: HeldFilesLimits;
}

export interface ReportingDeps {
  readonly deviations: DeviationRepository;
  readonly organisation: OrganisationRepository;
  readonly caseNumbers: CaseNumberAllocator;
  readonly caseMessages: CaseMessageStore;
  readonly messenger: Messenger;
  readonly leaderChannels: LeaderChannelDirectory;
  /** Where files sent with a report are kept with the case. */
  readonly attachments: AttachmentStore;
  /** Where reports waiting for SharePoint are kept until stored; default: this process's memory (lost when it stops). */
  readonly pendingReports?: PendingReportStore;
  readonly cards: ReportingCards;
  readonly config: ReportingConfig;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Events for logs and metrics: codes and ids only, never what people wrote. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

export interface Reader {
  readonly personId: string;
  readonly name: string;
  readonly locale: string;
}

/** Where the form came from: its message is the one the receipt replaces (and later updates). */
export interface Origin {
  readonly conversationId: string;
  readonly activityId: string | null;
  /** The conversation's serviceUrl (opaque), kept with the receipt's MessageRef. */
  readonly serviceUrl?: string;
}

/**
 * Proactive cards to leaders (their locale is not known), and the reporter's later updates when no locale was
 * kept with the case's messages (the reporter's own is kept since it was added): bokmål.
 */
export const DEFAULT_LOCALE = 'nb-NO';

export class ReportingContext {
  readonly org: OrgLookups;
  readonly now: () => Date;
  readonly newId: () => string;

  constructor(readonly deps: ReportingDeps) {
    this.org = new OrgLookups(deps.organisation, deps.leaderChannels, { ttlMs: deps.config.orgCacheMs });
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  get cards(): ReportingCards {
    return this.deps.cards;
  }

  readonly caseUrl = (caseId: string): string => `${this.tabBase()}/cases/${encodeURIComponent(caseId)}`;

  tabBase(): string {
    return this.deps.config.tabBaseUrl.replace(/\/+$/, '');
  }

  accessContext(units: OrgUnits): AccessContext {
    return { units, whistleblowingRecipientIds: new Set(this.deps.config.whistleblowingRecipientIds) };
  }

  async messagesOf(d: Deviation): Promise<CaseMessages | null> {
    try {
      return await this.deps.caseMessages.get(d.id, routeOf(d.kind));
    } catch (err) {
      this.log('reporting.messagesUnavailable', err);
      return null;
    }
  }

  async updateCard(ref: MessageRef, card: CardJson): Promise<void> {
    try {
      await this.deps.messenger.updateCard(ref, card);
    } catch (err) {
      this.log('reporting.updateCardFailed', err);
    }
  }

  async sendText(personId: string, text: string): Promise<void> {
    try {
      await this.deps.messenger.sendToPerson(personId, { text });
    } catch (err) {
      this.log('reporting.messageFailed', err);
    }
  }

  log(event: string, detail: unknown): void {
    const details: Record<string, string | number | boolean> = {};
    if (detail instanceof Error) details.error = detail.name;
    else if (detail && typeof detail === 'object') for (const [k, v] of Object.entries(detail)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') details[k] = v;
    this.deps.log?.(event, details);
  }
}
