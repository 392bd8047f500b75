// Every list and library Varde keeps in SharePoint, declared once: provisioning makes a tenant match this.
import {
  CASE_STATUSES,
  CAUSE_CATEGORIES,
  CONSEQUENCE_FOR,
  DEVIATION_KINDS,
  MEASURE_SOURCES,
  MEASURE_STATUSES,
  SEVERITIES,
} from '../../domain/index.js';
import type { ColumnSpec, ListSpec } from './schema-types.js';

const text = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: 'text', ...extra });
const note = (name: string, displayName: string): ColumnSpec => ({ name, displayName, type: 'note' });
const num = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: 'number', ...extra });
const when = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: 'dateTime', ...extra });
const day = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, displayName, type: 'date', ...extra });
const flag = (name: string, displayName: string): ColumnSpec => ({ name, displayName, type: 'boolean' });
const choice = (name: string, displayName: string, choices: readonly string[], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  displayName,
  type: 'choice',
  choices,
  ...extra,
});
/** Ids of people and units are kept as text keys (Entra object ids, unit ids): stable across tenants and filterable. */
const key = (name: string, displayName: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => text(name, displayName, { maxLength: 64, ...extra });
const importKey = key('ImportKey', 'Importnøkkel', { unique: true });

/** Columns shared by deviations in the quality site and whistleblowing reports in the confidential site. */
const caseColumns: readonly ColumnSpec[] = [
  text('CaseNumber', 'Saksnummer', { required: true, unique: true, maxLength: 20 }),
  choice('Kind', 'Type', DEVIATION_KINDS, { required: true, indexed: true }),
  choice('Status', 'Status', CASE_STATUSES, { required: true, indexed: true }),
  choice('Severity', 'Alvorlighetsgrad', SEVERITIES, { indexed: true }),
  key('UnitId', 'Enhet', { required: true, indexed: true }),
  key('SectorId', 'Kommunalsjefområde', { indexed: true }),
  key('ReporterId', 'Meldt av', { required: true, indexed: true }),
  key('HandlerId', 'Saksbehandler', { indexed: true }),
  when('OccurredAt', 'Tidspunkt for hendelsen', { indexed: true }),
  when('ReportedAt', 'Meldt', { required: true, indexed: true }),
  when('ClosedAt', 'Lukket', { indexed: true }),
  text('Location', 'Sted'),
  note('Description', 'Hva skjedde'),
  note('ImmediateAction', 'Strakstiltak'),
  choice('ConsequenceFor', 'Konsekvens for', CONSEQUENCE_FOR),
  flag('HealthRelated', 'Helseopplysninger'),
  note('Analysis', 'Analyse (5 hvorfor)'),
  choice('CauseCategory', 'Årsakskategori', CAUSE_CATEGORIES),
  note('ClosingNote', 'Avslutning'),
  note('History', 'Historikk'),
  importKey,
];

export const LISTS: readonly ListSpec[] = [
  {
    key: 'orgUnits',
    displayName: 'Enheter',
    description: 'Organisasjonen: kommune, kommunalsjefområder, virksomheter og tjenester med ledere.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('UnitId', 'Enhets-id', { required: true, unique: true }),
      choice('Level', 'Nivå', ['municipality', 'sector', 'unit', 'service'], { required: true, indexed: true }),
      key('ParentId', 'Overordnet enhet', { indexed: true }),
      key('LeaderId', 'Leder', { indexed: true }),
      key('DeputyLeaderId', 'Stedfortreder'),
      key('LeaderChannelId', 'Lederkanal'),
    ],
  },
  {
    key: 'people',
    displayName: 'Personer',
    description: 'Ansatte og roller i kvalitetssystemet (roller utover linjeledelsen).',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('PersonId', 'Person-id', { required: true, unique: true }),
      text('Email', 'E-post', { indexed: true }),
      key('UnitId', 'Enhet', { required: true, indexed: true }),
      text('Roles', 'Roller'),
      importKey,
    ],
  },
  {
    key: 'deviations',
    displayName: 'Avvik',
    description: 'Avvik, nestenuhell, forbedringsforslag, positive tilbakemeldinger og funn fra tilsyn og revisjon.',
    template: 'genericList',
    site: 'quality',
    columns: caseColumns,
  },
  {
    key: 'measures',
    displayName: 'Tiltak',
    description: 'Aksjonsliste: tiltak fra avvik, risiko, revisjon, møter og egenvurderinger.',
    template: 'genericList',
    site: 'quality',
    columns: [
      choice('Source', 'Kilde', MEASURE_SOURCES, { required: true, indexed: true }),
      key('SourceId', 'Kilde-id', { indexed: true }),
      key('UnitId', 'Enhet', { required: true, indexed: true }),
      key('OwnerId', 'Ansvarlig', { required: true, indexed: true }),
      day('Deadline', 'Frist', { required: true, indexed: true }),
      choice('Status', 'Status', MEASURE_STATUSES, { required: true, indexed: true }),
      note('Description', 'Beskrivelse'),
      note('Evaluation', 'Evaluering'),
      when('DoneAt', 'Utført'),
      importKey,
    ],
  },
  {
    key: 'riskAssessments',
    displayName: 'Risikovurderinger',
    description: 'ROS-analyser per enhet og år eller anledning.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('UnitId', 'Enhet', { required: true, indexed: true }),
      num('Year', 'År', { indexed: true }),
      choice('Area', 'Område', ['mainTasks', 'emergencyPreparedness', 'informationSecurity', 'project', 'hse', 'plan', 'municipalPlanGoals'], { indexed: true }),
      choice('Status', 'Status', ['draft', 'submitted', 'compiled', 'forwarded'], { indexed: true }),
      importKey,
    ],
  },
  {
    key: 'riskItems',
    displayName: 'Risikoelementer',
    description: 'Rader i ROS-skjemaet: hva kan gå galt, sannsynlighet, konsekvens, tiltak og restrisiko.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('AssessmentId', 'Risikovurdering', { required: true, indexed: true }),
      key('UnitId', 'Enhet', { required: true, indexed: true }),
      text('Process', 'Hva skal vurderes'),
      note('Hazard', 'Hva kan gå galt'),
      text('ConsequenceTypes', 'Konsekvenstyper'),
      num('Likelihood', 'Sannsynlighet', { required: true }),
      num('Consequence', 'Konsekvens', { required: true }),
      num('Score', 'Risiko', { indexed: true }),
      note('ExistingMeasures', 'Eksisterende tiltak'),
      num('ResidualLikelihood', 'Sannsynlighet etter tiltak'),
      num('ResidualConsequence', 'Konsekvens etter tiltak'),
      flag('ResidualAcceptable', 'Restrisiko akseptabel'),
      flag('BreachOfLaw', 'Lovbrudd'),
      flag('EscalateToKlg', 'Meldes til KLG'),
      importKey,
    ],
  },
  {
    key: 'committees',
    displayName: 'Kvalitetsutvalg',
    description: 'Kvalitetsutvalg på alle nivå, med leder, tilrettelegger, medlemmer og lederkanal.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('UnitId', 'Enhet', { required: true, indexed: true }),
      text('Kind', 'Type utvalg', { indexed: true }),
      key('LeaderId', 'Leder'),
      key('FacilitatorId', 'Tilrettelegger'),
      note('Members', 'Medlemmer'),
      key('ChannelId', 'Kanal'),
      text('Rhythm', 'Møterytme'),
    ],
  },
  {
    key: 'meetings',
    displayName: 'Møter',
    description: 'Møter i kvalitetsutvalgene.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('CommitteeId', 'Utvalg', { required: true, indexed: true }),
      when('StartsAt', 'Tidspunkt', { required: true, indexed: true }),
      choice('Status', 'Status', ['planned', 'agendaDraft', 'agendaApproved', 'held', 'minutesPublished'], { indexed: true }),
    ],
  },
  {
    key: 'agendaItems',
    displayName: 'Saker',
    description: 'Saker på sakliste, med vedtak.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('MeetingId', 'Møte', { indexed: true }),
      key('CommitteeId', 'Utvalg', { required: true, indexed: true }),
      text('Number', 'Saksnummer'),
      num('Order', 'Rekkefølge'),
      choice('Source', 'Kilde', ['standing', 'escalated', 'risk', 'deviation', 'overdueMeasures', 'audit', 'procedure', 'other'], { indexed: true }),
      key('SourceId', 'Kilde-id', { indexed: true }),
      key('OwnerId', 'Saksansvarlig'),
      note('Decision', 'Vedtak'),
    ],
  },
  {
    key: 'channelLinks',
    displayName: 'Kanalkoblinger',
    description: 'Samtalereferanser for bot-meldinger til kanaler og personer.',
    template: 'genericList',
    site: 'quality',
    columns: [key('TargetId', 'Mål', { required: true, unique: true }), choice('TargetKind', 'Type', ['channel', 'person'], { indexed: true }), note('Reference', 'Samtalereferanse')],
  },
  {
    key: 'readingConfirmations',
    displayName: 'Lesebekreftelser',
    description: 'Hvem har lest og forstått hvilken versjon av en prosedyre.',
    template: 'genericList',
    site: 'quality',
    columns: [
      key('DocumentId', 'Dokument', { required: true, indexed: true }),
      text('Version', 'Versjon', { required: true }),
      key('PersonId', 'Person', { required: true, indexed: true }),
      key('UnitId', 'Enhet', { indexed: true }),
      when('ConfirmedAt', 'Bekreftet', { indexed: true }),
    ],
  },
  {
    key: 'caseReads',
    displayName: 'Innsynslogg',
    description: 'Hvem har lest opplysningene i hvilken sak, og når (Normen).',
    template: 'genericList',
    site: 'quality',
    columns: [key('CaseId', 'Sak', { required: true, indexed: true }), key('ReaderId', 'Lest av', { required: true, indexed: true }), when('ReadAt', 'Lest', { required: true, indexed: true })],
  },
  { key: 'procedures', displayName: 'Prosedyrer', description: 'Prosedyrer og rutiner.', template: 'documentLibrary', site: 'quality', columns: documentColumns() },
  { key: 'governingDocuments', displayName: 'Styringsdokumenter', description: 'Reglementer, strategier, planer og etiske retningslinjer.', template: 'documentLibrary', site: 'quality', columns: documentColumns() },
  { key: 'minutes', displayName: 'Referater', description: 'Referater fra kvalitetsutvalgene.', template: 'documentLibrary', site: 'quality', columns: [key('MeetingId', 'Møte', { indexed: true })] },
  { key: 'attachments', displayName: 'Vedlegg', description: 'Bilder og filer sendt med avviksmeldinger.', template: 'documentLibrary', site: 'quality', columns: [key('CaseId', 'Sak', { indexed: true })] },
  {
    key: 'whistleblowingReports',
    displayName: 'Varsler',
    description: 'Varsling om kritikkverdige forhold. Fortrolig: bare mottakerne rutinen navngir.',
    template: 'genericList',
    site: 'confidential',
    columns: [...caseColumns, note('Recipients', 'Mottakere')],
  },
  {
    key: 'whistleblowingReads',
    displayName: 'Innsynslogg',
    description: 'Hvem har lest hvilket varsel, og når.',
    template: 'genericList',
    site: 'confidential',
    columns: [key('CaseId', 'Sak', { required: true, indexed: true }), key('ReaderId', 'Lest av', { required: true, indexed: true }), when('ReadAt', 'Lest', { required: true, indexed: true })],
  },
];

function documentColumns(): ColumnSpec[] {
  return [
    key('OwnerUnitId', 'Eierenhet', { indexed: true }),
    choice('Level', 'Nivå', ['municipality', 'sector', 'unit', 'service'], { indexed: true }),
    key('ApproverId', 'Godkjenner', { indexed: true }),
    key('ReviewerId', 'Revisjonsansvarlig', { indexed: true }),
    choice('DocumentType', 'Dokumenttype', ['procedure', 'routine', 'regulation', 'strategy', 'plan', 'ethicalGuideline', 'other'], { indexed: true }),
    choice('Status', 'Status', ['draft', 'forApproval', 'approved', 'archived'], { indexed: true }),
    text('ApprovedVersion', 'Godkjent versjon'),
    day('NextReviewDate', 'Neste revisjon', { indexed: true }),
    text('Areas', 'Gjelder områder'),
    text('Roles', 'Gjelder roller'),
  ];
}

export function listSpec(key: string): ListSpec {
  const spec = LISTS.find((l) => l.key === key);
  if (!spec) throw new Error(`No list is declared with key '${key}'.`);
  return spec;
}
