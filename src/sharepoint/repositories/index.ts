// The SharePoint implementations of the app's ports, built over one Graph client and the two site ids.
import type { CaseMessageStore, CaseNumberAllocator, CommitteeRepository, ConversationReferenceStore, DashboardReader, DeviationRepository, DocumentRepository, MeasureRepository, OrganisationRepository, RiskRepository } from '../../app/ports/index.js';
import type { RiskThresholds } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { SharePointCaseMessageStore } from './case-message-store.js';
import { SharePointCaseNumberAllocator } from './case-number-allocator.js';
import { SharePointConversationReferenceStore } from './conversation-reference-store.js';
import { SharePointLeaderChannelDirectory } from './leader-channel-directory.js';
import { SharePointDashboardReader } from './dashboard-reader.js';
import { SharePointDeviationRepository } from './deviation-repository.js';
import { SharePointDocumentRepository } from './document-repository.js';
import { ListDirectory, type SiteIds } from './list-directory.js';
import { SharePointMeasureRepository } from './measure-repository.js';
import { SharePointOrganisationRepository } from './organisation-repository.js';
import type { RecordListOptions } from './record-list.js';
import { SharePointCommitteeRepository, SharePointRiskRepository } from './seed-repositories.js';

export { ListDirectory, ListMissingError, type SiteIds } from './list-directory.js';
export { InvalidContinuationError } from './list-query.js';
export { CorruptRowError } from '../mapping/fields.js';

export interface SharePointRepositories {
  deviations: DeviationRepository;
  measures: MeasureRepository;
  organisation: OrganisationRepository;
  committees: CommitteeRepository;
  risks: RiskRepository;
  documents: DocumentRepository;
  dashboard: DashboardReader;
  caseNumbers: CaseNumberAllocator;
  /** The bot messages of each case ('Saksmeldinger'; whistleblowing reports' in the confidential site). */
  caseMessages: CaseMessageStore;
  /** Bot Framework conversation references ('Kanalkoblinger'), cached per instance. */
  conversationReferences: ConversationReferenceStore;
  /** Each unit's leader channel ('Enheter'.LeaderChannelId), and linking one. */
  leaderChannels: SharePointLeaderChannelDirectory;
  /** Resolves every list id now (one request per site), so that the first real read pays nothing extra. */
  warmUp(): Promise<void>;
}

export interface SharePointRepositoryOptions extends RecordListOptions {
  riskThresholds?: RiskThresholds;
  /** Records per section of the dashboard. Default 50. */
  dashboardPageSize?: number;
}

export function createSharePointRepositories(client: GraphClient, sites: SiteIds, options: SharePointRepositoryOptions = {}): SharePointRepositories {
  const directory = new ListDirectory(client, sites);
  const deviations = new SharePointDeviationRepository(client, directory, options);
  const measures = new SharePointMeasureRepository(client, directory, options);
  return {
    deviations,
    measures,
    organisation: new SharePointOrganisationRepository(client, directory, options),
    committees: new SharePointCommitteeRepository(client, directory, options),
    risks: new SharePointRiskRepository(client, directory, { ...options, ...(options.riskThresholds ? { thresholds: options.riskThresholds } : {}) }),
    documents: new SharePointDocumentRepository(client, directory, options),
    dashboard: new SharePointDashboardReader(deviations, measures, options.dashboardPageSize),
    caseNumbers: new SharePointCaseNumberAllocator(client, directory),
    caseMessages: new SharePointCaseMessageStore(client, directory),
    conversationReferences: new SharePointConversationReferenceStore(client, directory),
    leaderChannels: new SharePointLeaderChannelDirectory(client, directory),
    warmUp: async () => {
      await Promise.all([directory.resolve('deviations'), directory.resolve('whistleblowingReports')]);
    },
  };
}
