// Labels for the domain's code values in bokmål, nynorsk and English (words from shared/domain.md and the bot's cards).
import type { CaseStatus, CauseCategory, ConsequenceFor, DeviationKind, MeasureStatus, OrgLevel, Severity } from '../../../src/domain/index.js';
import type { Locale } from '../../../src/server/api/contract.js';
import type { CaseScope, MeasureSourceType } from '../domain-values';

export interface DomainLabels {
  kind: Record<DeviationKind, string>;
  status: Record<CaseStatus, string>;
  severity: Record<Severity | 'none', string>;
  causeCategory: Record<CauseCategory, string>;
  consequenceFor: Record<ConsequenceFor, string>;
  measureSource: Record<MeasureSourceType, string>;
  measureStatus: Record<MeasureStatus, string>;
  orgLevel: Record<OrgLevel, string>;
  scope: Record<CaseScope, string>;
  /** History entry types; an unknown type is shown as it comes. */
  history: Record<string, string>;
}

const nb: DomainLabels = {
  kind: {
    adverseEvent: 'Avvik',
    nearMiss: 'Nestenuhell',
    improvementProposal: 'Forbedringsforslag',
    positiveFeedback: 'Positiv tilbakemelding',
    inspectionFinding: 'Funn fra tilsyn',
    auditFinding: 'Funn fra revisjon',
    whistleblowingReport: 'Varsling om kritikkverdige forhold',
  },
  status: { new: 'Ny', received: 'Mottatt', underAnalysis: 'Under analyse', measuresDecided: 'Tiltak besluttet', closed: 'Lukket' },
  severity: { low: 'Lav', medium: 'Middels', high: 'Høy', critical: 'Kritisk', none: 'Ikke satt' },
  causeCategory: {
    routine: 'Rutine mangler, er uklar eller ble ikke fulgt',
    competence: 'Kompetanse og opplæring',
    communication: 'Kommunikasjon og informasjon',
    staffing: 'Bemanning og organisering av arbeidet',
    equipment: 'Utstyr, teknologi og IT',
    physicalEnvironment: 'Bygg og fysiske omgivelser',
    externalFactors: 'Forhold utenfor kommunens kontroll',
    other: 'Annet',
  },
  consequenceFor: { serviceUser: 'Tjenestemottaker (bruker, pasient, elev)', employee: 'Ansatt', organisation: 'Organisasjonen', environment: 'Miljø og omgivelser' },
  measureSource: { deviation: 'Avvik', riskItem: 'Risikovurdering (ROS)', audit: 'Revisjon og tilsyn', meetingDecision: 'Møtevedtak', procedureSelfAssessment: 'Egenvurdering av prosedyre' },
  measureStatus: { open: 'Åpent', inProgress: 'Pågår', done: 'Utført', cancelled: 'Avbrutt' },
  orgLevel: { municipality: 'Kommune', sector: 'Kommunalsjefområde', unit: 'Virksomhet', service: 'Tjeneste' },
  scope: { mine: 'Mine meldinger', units: 'Mine enheter', handling: 'Tildelt meg' },
  history: {
    report: 'Meldt',
    receive: 'Mottatt',
    startAnalysis: 'Analyse startet',
    decideMeasures: 'Tiltak besluttet',
    close: 'Lukket',
    reopen: 'Gjenåpnet',
    analysis: 'Analyse oppdatert',
    measureAdded: 'Tiltak lagt til',
    feedback: 'Tilbakemelding sendt',
    escalated: 'Løftet til kvalitetsutvalget',
    assigned: 'Tildelt',
  },
};

const nn: DomainLabels = {
  kind: {
    adverseEvent: 'Avvik',
    nearMiss: 'Nestenuhell',
    improvementProposal: 'Forbetringsforslag',
    positiveFeedback: 'Positiv tilbakemelding',
    inspectionFinding: 'Funn frå tilsyn',
    auditFinding: 'Funn frå revisjon',
    whistleblowingReport: 'Varsling om kritikkverdige forhold',
  },
  status: { new: 'Ny', received: 'Motteken', underAnalysis: 'Under analyse', measuresDecided: 'Tiltak vedtekne', closed: 'Lukka' },
  severity: { low: 'Låg', medium: 'Middels', high: 'Høg', critical: 'Kritisk', none: 'Ikkje sett' },
  causeCategory: {
    routine: 'Rutine manglar, er uklar eller vart ikkje følgd',
    competence: 'Kompetanse og opplæring',
    communication: 'Kommunikasjon og informasjon',
    staffing: 'Bemanning og organisering av arbeidet',
    equipment: 'Utstyr, teknologi og IT',
    physicalEnvironment: 'Bygg og fysiske omgivnader',
    externalFactors: 'Forhold utanfor kontrollen til kommunen',
    other: 'Anna',
  },
  consequenceFor: { serviceUser: 'Tenestemottakar (brukar, pasient, elev)', employee: 'Tilsett', organisation: 'Organisasjonen', environment: 'Miljø og omgivnader' },
  measureSource: { deviation: 'Avvik', riskItem: 'Risikovurdering (ROS)', audit: 'Revisjon og tilsyn', meetingDecision: 'Møtevedtak', procedureSelfAssessment: 'Eigenvurdering av prosedyre' },
  measureStatus: { open: 'Ope', inProgress: 'Pågår', done: 'Utført', cancelled: 'Avbrote' },
  orgLevel: { municipality: 'Kommune', sector: 'Kommunalsjefområde', unit: 'Verksemd', service: 'Teneste' },
  scope: { mine: 'Mine meldingar', units: 'Mine einingar', handling: 'Tildelt meg' },
  history: {
    report: 'Meldt',
    receive: 'Motteken',
    startAnalysis: 'Analyse starta',
    decideMeasures: 'Tiltak vedtekne',
    close: 'Lukka',
    reopen: 'Opna igjen',
    analysis: 'Analyse oppdatert',
    measureAdded: 'Tiltak lagt til',
    feedback: 'Tilbakemelding send',
    escalated: 'Løfta til kvalitetsutvalet',
    assigned: 'Tildelt',
  },
};

const en: DomainLabels = {
  kind: {
    adverseEvent: 'Deviation',
    nearMiss: 'Near miss',
    improvementProposal: 'Improvement proposal',
    positiveFeedback: 'Positive feedback',
    inspectionFinding: 'Inspection finding',
    auditFinding: 'Audit finding',
    whistleblowingReport: 'Whistleblowing report',
  },
  status: { new: 'New', received: 'Received', underAnalysis: 'Under analysis', measuresDecided: 'Measures decided', closed: 'Closed' },
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical', none: 'Not set' },
  causeCategory: {
    routine: 'Routine missing, unclear or not followed',
    competence: 'Competence and training',
    communication: 'Communication and information',
    staffing: 'Staffing and organisation of work',
    equipment: 'Equipment, technology and IT',
    physicalEnvironment: 'Buildings and physical surroundings',
    externalFactors: 'Factors outside the municipality’s control',
    other: 'Other',
  },
  consequenceFor: { serviceUser: 'Service user (resident, patient, pupil)', employee: 'Employee', organisation: 'The organisation', environment: 'Environment and surroundings' },
  measureSource: { deviation: 'Deviation', riskItem: 'Risk assessment', audit: 'Audit and inspection', meetingDecision: 'Meeting decision', procedureSelfAssessment: 'Procedure self-assessment' },
  measureStatus: { open: 'Open', inProgress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
  orgLevel: { municipality: 'Municipality', sector: 'Sector', unit: 'Unit', service: 'Service' },
  scope: { mine: 'My reports', units: 'My units', handling: 'Assigned to me' },
  history: {
    report: 'Reported',
    receive: 'Received',
    startAnalysis: 'Analysis started',
    decideMeasures: 'Measures decided',
    close: 'Closed',
    reopen: 'Reopened',
    analysis: 'Analysis updated',
    measureAdded: 'Measure added',
    feedback: 'Feedback sent',
    escalated: 'Escalated to the quality committee',
    assigned: 'Assigned',
  },
};

export const LABELS: Record<Locale, DomainLabels> = { nb, nn, en };
