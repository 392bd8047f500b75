// The SharePoint implementations of the app's ports, built over one Graph client and the two site ids.
import type { AgendaRepository, AttachmentStore, CaseReadLogStore, CaseMessageStore, CaseNumberAllocator, CommitteeRepository, ConversationReferenceStore, DashboardReader, DeviationFeed, DeviationRepository, DocumentRepository, MeasureFeed, MeasureRepository, OrganisationRepository, RiskAssessmentFeed, RiskItemFeed, RiskRepository, RiskStore } from '../../app/ports/index.js';
import type { RiskThresholds } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { SharePointAgendaRepository } from './agenda-repository.js';
import { type CommitteeStores, createCommitteeStores } from './committee-stores.js';
import { type AttachmentStoreOptions, SharePointAttachmentStore } from './attachment-store.js';
import { SharePointCaseReadLog } from './case-read-log.js';
import { SharePointCaseMessageStore } from './case-message-store.js';
import { SharePointCaseNumberAllocator } from './case-number-allocator.js';
import { SharePointDeviationFeed, SharePointMeasureFeed } from './change-feeds.js';
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
import { SharePointRiskAssessmentFeed, SharePointRiskItemFeed } from './risk-feeds.js';
import { SharePointRiskStore } from './risk-repository.js';
import { UnitSectors } from './unit-sectors.js';
import { SharePointProcedureLibrary } from './procedure-library.js';
import { SharePointReadingStore } from './reading-store.js';
import { SharePointSelfAssessmentStore } from './self-assessment-store.js';
import type { ProcedureLibrary, ReadingStore, SelfAssessmentStore } from '../../app/ports/index.js';

/** The stores of issue 8: the two libraries (files, versions, metadata), reading lists, and self-assessments. */
export interface ProcedureStores {
  library: ProcedureLibrary;
  reading: ReadingStore;
  selfAssessments: SelfAssessmentStore;
}

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
  /** Files sent with reports ('Vedlegg'; whistleblowing reports' in 'Varslingsvedlegg' in the confidential site). */
  attachments: AttachmentStore;
  /** Graph delta on 'Avvik' (ordinary cases only): what the case index is kept in step with. */
  deviationFeed: DeviationFeed;
  /** Graph delta on 'Tiltak': what the measure index (overdue counts) is kept in step with. */
  measureFeed: MeasureFeed;
  /** Committees' agenda items ('Saker'): proposals escalated from cases. */
  agenda: AgendaRepository;
  /** The read log of case details ('Innsynslogg'; whistleblowing reports' in the confidential site). */
  caseReads: CaseReadLogStore;
  /** Procedures and governing documents (issue 8): the libraries, reading lists and self-assessments. */
  procedures: ProcedureStores;
  /** Risk work (ROS): assessments, rows, yearly rounds ('Risikovurderinger', 'Risikoelementer', 'Risikorunder'). */
  riskStore: RiskStore;
  /** Graph delta on 'Risikoelementer' and 'Risikovurderinger': what the risk index (heat map) is kept in step with. */
  riskItemFeed: RiskItemFeed;
  riskAssessmentFeed: RiskAssessmentFeed;
  /** Committee work (issue 9): committees with channel and rhythm, meetings, prepared agenda items, 'Referater', known channels. */
  committeeWork: CommitteeStores;
  /**
   * Brings the columns derived on every save (SectorId, SeverityRank, StatusRank) up to date on cases written
   * before they existed, or after units moved; returns how many were patched. For start-up and maintenance runs.
   */
  backfillDerivedColumns(): Promise<number>;
  /** Writes SectorId on measures that lack it (written before the column existed): the same kind of run. Returns how many were patched. */
  backfillMeasureSectors(): Promise<number>;
  /** Resolves every list id now (one request per site), so that the first real read pays nothing extra. */
  warmUp(): Promise<void>;
}

export interface SharePointRepositoryOptions extends RecordListOptions {
  riskThresholds?: RiskThresholds;
  /** Records per section of the dashboard. Default 50. */
  dashboardPageSize?: number;
  /** Upload details of the attachment libraries (tests make fragments small). */
  attachmentUploads?: AttachmentStoreOptions;
}

export function createSharePointRepositories(client: GraphClient, sites: SiteIds, options: SharePointRepositoryOptions = {}): SharePointRepositories {
  const directory = new ListDirectory(client, sites);
  const organisation = new SharePointOrganisationRepository(client, directory, options);
  // The sector of each case's unit is written beside the case (SectorId): the tree is read once and kept.
  const sectors = new UnitSectors(() => organisation.allUnits());
  const deviations = new SharePointDeviationRepository(client, directory, options, sectors);
  const measures = new SharePointMeasureRepository(client, directory, options, sectors);
  return {
    deviations,
    measures,
    organisation,
    committees: new SharePointCommitteeRepository(client, directory, options),
    risks: new SharePointRiskRepository(client, directory, { ...options, ...(options.riskThresholds ? { thresholds: options.riskThresholds } : {}) }),
    documents: new SharePointDocumentRepository(client, directory, options),
    dashboard: new SharePointDashboardReader(deviations, measures, options.dashboardPageSize),
    caseNumbers: new SharePointCaseNumberAllocator(client, directory),
    caseMessages: new SharePointCaseMessageStore(client, directory),
    conversationReferences: new SharePointConversationReferenceStore(client, directory),
    leaderChannels: new SharePointLeaderChannelDirectory(client, directory),
    attachments: new SharePointAttachmentStore(client, directory, options.attachmentUploads),
    deviationFeed: new SharePointDeviationFeed(client, directory),
    measureFeed: new SharePointMeasureFeed(client, directory),
    agenda: new SharePointAgendaRepository(client, directory, options),
    caseReads: new SharePointCaseReadLog(client, directory, options.batch),
    procedures: {
      library: new SharePointProcedureLibrary(client, directory, options),
      reading: new SharePointReadingStore(client, directory, { batch: options.batch }),
      selfAssessments: new SharePointSelfAssessmentStore(client, directory, options),
    },
    riskStore: new SharePointRiskStore(client, directory, { ...options, ...(options.riskThresholds ? { thresholds: options.riskThresholds } : {}) }),
    riskItemFeed: new SharePointRiskItemFeed(client, directory),
    riskAssessmentFeed: new SharePointRiskAssessmentFeed(client, directory),
    committeeWork: createCommitteeStores(client, directory, options),
    backfillDerivedColumns: () => deviations.backfillDerivedColumns(),
    backfillMeasureSectors: () => measures.backfillSectorIds(),
    warmUp: async () => {
      await Promise.all([directory.resolve('deviations'), directory.resolve('whistleblowingReports'), sectors.ensure()]);
    },
  };
}
