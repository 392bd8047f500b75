// Procedures and governing documents (issue 8): the use cases behind the tab's API and the chat, built from their deps.
import { ProcedureChat } from './chat.js';
import { ProcedureContext, type ProcedureDeps } from './context.js';
import { ProcedureIndex } from './procedure-index.js';
import { Procedures } from './procedures.js';
import { type DigestOutcome, ReadingLists } from './reading-lists.js';
import { SelfAssessments } from './self-assessments.js';

export { ProcedureChat, PROCEDURE_CHAT_VERBS, procedureQueryOf, type ChatOrigin, type ChatReader } from './chat.js';
export { DEFAULT_MAX_FILE_BYTES, ProcedureContext, type ProcedureConfig, type ProcedureDeps } from './context.js';
export * from './document-files.js';
export { ProcedureFailure, type ProcedureFailureKind } from './errors.js';
export { ProcedureIndex, type SearchHit, searchWords } from './procedure-index.js';
export { Procedures, appliesToUnit, ownedWithin, type Decision, type DocumentListQuery, type DocumentMetadata, type IncomingFile } from './procedures.js';
export { ReadingLists, withReadingListOnboarding, type DigestOutcome, type DocumentCoverageResult, type ReadingItem } from './reading-lists.js';
export { SelfAssessments, type SelfAssessmentInput } from './self-assessments.js';
export { paced } from './pacing.js';

export interface ProcedureModule {
  readonly procedures: Procedures;
  readonly reading: ReadingLists;
  readonly selfAssessments: SelfAssessments;
  readonly chat: ProcedureChat;
  readonly index: ProcedureIndex;
  readonly context: ProcedureContext;
  /** One digest a day per person; run daily as a job on the reminders' send queue (src/server/compose-reminders.ts). */
  sendReadingDigests(now: Date): Promise<DigestOutcome>;
  /** Starts the index's first read and its 30-second delta rounds. */
  start(): void;
  stop(): void;
  /** Resolves once background work (reading lists after approvals, notices) has ended: for tests and shutdown. */
  idle(): Promise<void>;
}

export function createProcedureModule(deps: ProcedureDeps, options: { indexIntervalMs?: number } = {}): ProcedureModule {
  const context = new ProcedureContext(deps);
  const index = new ProcedureIndex(deps.library.feed, {
    intervalMs: options.indexIntervalMs ?? 30_000,
    // Search reads the version people see: the approved one, or the newest draft before any approval.
    readText: async (doc) => (await deps.library.content(doc, doc.approvedVersion ?? 'latest'))?.bytes ?? null,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const procedures = new Procedures(context, index);
  const reading = new ReadingLists(context, index);
  procedures.onApproved = (doc) => reading.assignOnApproval(doc);
  const selfAssessments = new SelfAssessments(context, index);
  const chat = new ProcedureChat(context, procedures, reading);
  return {
    procedures,
    reading,
    selfAssessments,
    chat,
    index,
    context,
    sendReadingDigests: (now) => reading.sendReadingDigests(now),
    start: () => index.start(),
    stop: () => index.stop(),
    idle: () => procedures.idle().then(() => index.textsRead()),
  };
}
