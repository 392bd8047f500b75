// What the procedure use cases share: their stores, the organisation, the bot's messenger, configuration, the clock.
import { randomUUID } from 'node:crypto';
import type { OrgUnits, Person } from '../../domain/index.js';
import type { ConversationReferenceStore, MeasureRepository, MessageRef, Messenger, OrganisationRepository, OutgoingMessage, ProcedureLibrary, ReadingStore, SelfAssessmentStore } from '../ports/index.js';

export interface ProcedureConfig {
  /** The tab: documents at `${tabBaseUrl}/prosedyrer/{id}`, the reading list at `/leseliste`, search at `/prosedyrer?q=`. */
  readonly tabBaseUrl: string;
  /** The largest file taken (default 25 MB, VARDE_DOCUMENT_MAX_MB). */
  readonly maxFileBytes?: number;
  /** Proactive sends a second for digests and reminders (default 20: under Teams' ~30 per app, 1 per person). */
  readonly sendsPerSecond?: number;
  /** Sends in flight at once (default 4). */
  readonly sendConcurrency?: number;
}

export interface ProcedureDeps {
  readonly library: ProcedureLibrary;
  readonly reading: ReadingStore;
  readonly selfAssessments: SelfAssessmentStore;
  readonly measures: MeasureRepository;
  /** Everyone (for reading lists), people by id. */
  readonly organisation: OrganisationRepository;
  /** Cached units and people (the bot's and the API's OrgLookups). */
  readonly org: { units(): Promise<OrgUnits>; person(id: string): Promise<Person | null> };
  readonly messenger: Messenger;
  /**
   * How the daily digest's messages go out: the app's one paced sender (src/app/sending), which the leader channels'
   * reminder digest uses too, so that together they stay within Teams' limits (30 a second for the app) instead of each
   * taking its own share. Without it (tests of this module alone) the digest paces itself at `sendsPerSecond`.
   */
  readonly digestSender?: (personId: string, message: OutgoingMessage) => Promise<MessageRef | null>;
  /** To read every person's chat reference before a digest (one paged read instead of one per person). */
  readonly references?: Pick<ConversationReferenceStore, 'preloadPeople'>;
  readonly config: ProcedureConfig;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Codes and counts only, never names or what people wrote. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

export class ProcedureContext {
  readonly now: () => Date;
  readonly newId: () => string;
  private peopleCache: { at: number; value: Promise<Person[]> } | null = null;

  constructor(readonly deps: ProcedureDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  get maxFileBytes(): number {
    return this.deps.config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  tabBase(): string {
    return this.deps.config.tabBaseUrl.replace(/\/+$/, '');
  }

  documentUrl(id: string): string {
    return `${this.tabBase()}/prosedyrer/${encodeURIComponent(id)}`;
  }

  readingListUrl(): string {
    return `${this.tabBase()}/leseliste`;
  }

  searchUrl(query: string): string {
    return `${this.tabBase()}/prosedyrer${query ? `?q=${encodeURIComponent(query)}` : ''}`;
  }

  /** Everyone, read at most once a minute per instance (thousands of people are a few paged reads). */
  people(): Promise<Person[]> {
    const t = Date.now();
    if (this.peopleCache && t - this.peopleCache.at < 60_000) return this.peopleCache.value;
    const value = this.deps.organisation.allPeople();
    const entry = { at: t, value };
    this.peopleCache = entry;
    value.catch(() => {
      if (this.peopleCache === entry) this.peopleCache = null;
    });
    return value;
  }

  log(event: string, details: Readonly<Record<string, string | number | boolean>> = {}): void {
    this.deps.log?.(event, details);
  }

  /** An error's name for the log, nothing of its content. */
  logError(event: string, err: unknown): void {
    this.log(event, { error: err instanceof Error ? err.name : typeof err });
  }
}
