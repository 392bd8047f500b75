// Wires issue 8's procedure module (src/app/procedures) from the composition's parts; kept beside compose.ts so that
// file only gains a few lines.
import { type ProcedureModule, createProcedureModule } from '../app/procedures/index.js';
import type { MessageRef, Messenger, OrganisationRepository, OutgoingMessage } from '../app/ports/index.js';
import type { OrgUnits, Person } from '../domain/index.js';
import type { SharePointRepositories } from '../sharepoint/repositories/index.js';
import type { BotLog } from '../../bot/adapter.js';
import type { VardeConfig } from './config.js';

export interface ProcedureWiring {
  readonly config: VardeConfig;
  readonly repos: SharePointRepositories;
  readonly messenger: Messenger;
  /** The bot's cached organisation look-ups (OrgLookups), asked for lazily: the handler that owns them is built after. */
  readonly org: () => { units(): Promise<OrgUnits>; person(id: string): Promise<Person | null> };
  readonly now?: () => Date;
  readonly log: BotLog;
  /** The daily digest's sends, through the app's one paced sender (compose-reminders.ts), bound once that is composed. */
  readonly digestSender?: (personId: string, message: OutgoingMessage) => Promise<MessageRef | null>;
}

export function composeProcedures(w: ProcedureWiring): ProcedureModule {
  const { repos } = w;
  const organisation: OrganisationRepository = repos.organisation;
  return createProcedureModule({
    library: repos.procedures.library,
    reading: repos.procedures.reading,
    selfAssessments: repos.procedures.selfAssessments,
    measures: repos.measures,
    organisation,
    org: { units: () => w.org().units(), person: (id) => w.org().person(id) },
    messenger: w.messenger,
    references: repos.conversationReferences,
    config: { tabBaseUrl: w.config.publicUrl ?? '', maxFileBytes: w.config.files.maxBytes },
    ...(w.now ? { now: w.now } : {}),
    ...(w.digestSender ? { digestSender: w.digestSender } : {}),
    log: w.log,
  });
}
