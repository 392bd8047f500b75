// Labels for the domain's code values in bokmål, nynorsk and English (words from shared/domain.md and the bot's cards).
// One table with the three languages side by side, so a value cannot get a label in one language and be missed in another.
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

/** A label in bokmål, nynorsk and English, in that order. */
type Words = readonly [nb: string, nn: string, en: string];
type WordTables = { [G in keyof DomainLabels]: Record<keyof DomainLabels[G], Words> };

const WORDS: WordTables = {
  kind: {
    adverseEvent: ['Avvik', 'Avvik', 'Deviation'],
    nearMiss: ['Nestenuhell', 'Nestenuhell', 'Near miss'],
    improvementProposal: ['Forbedringsforslag', 'Forbetringsforslag', 'Improvement proposal'],
    positiveFeedback: ['Positiv tilbakemelding', 'Positiv tilbakemelding', 'Positive feedback'],
    inspectionFinding: ['Funn fra tilsyn', 'Funn frå tilsyn', 'Inspection finding'],
    auditFinding: ['Funn fra revisjon', 'Funn frå revisjon', 'Audit finding'],
    whistleblowingReport: ['Varsling om kritikkverdige forhold', 'Varsling om kritikkverdige forhold', 'Whistleblowing report'],
  },
  status: {
    new: ['Ny', 'Ny', 'New'],
    received: ['Mottatt', 'Motteken', 'Received'],
    underAnalysis: ['Under analyse', 'Under analyse', 'Under analysis'],
    measuresDecided: ['Tiltak besluttet', 'Tiltak vedtekne', 'Measures decided'],
    closed: ['Lukket', 'Lukka', 'Closed'],
  },
  severity: {
    low: ['Lav', 'Låg', 'Low'],
    medium: ['Middels', 'Middels', 'Medium'],
    high: ['Høy', 'Høg', 'High'],
    critical: ['Kritisk', 'Kritisk', 'Critical'],
    none: ['Ikke satt', 'Ikkje sett', 'Not set'],
  },
  causeCategory: {
    routine: ['Rutine mangler, er uklar eller ble ikke fulgt', 'Rutine manglar, er uklar eller vart ikkje følgd', 'Routine missing, unclear or not followed'],
    competence: ['Kompetanse og opplæring', 'Kompetanse og opplæring', 'Competence and training'],
    communication: ['Kommunikasjon og informasjon', 'Kommunikasjon og informasjon', 'Communication and information'],
    staffing: ['Bemanning og organisering av arbeidet', 'Bemanning og organisering av arbeidet', 'Staffing and organisation of work'],
    equipment: ['Utstyr, teknologi og IT', 'Utstyr, teknologi og IT', 'Equipment, technology and IT'],
    physicalEnvironment: ['Bygg og fysiske omgivelser', 'Bygg og fysiske omgivnader', 'Buildings and physical surroundings'],
    externalFactors: ['Forhold utenfor kommunens kontroll', 'Forhold utanfor kontrollen til kommunen', 'Factors outside the municipality’s control'],
    other: ['Annet', 'Anna', 'Other'],
  },
  consequenceFor: {
    serviceUser: ['Tjenestemottaker (bruker, pasient, elev)', 'Tenestemottakar (brukar, pasient, elev)', 'Service user (resident, patient, pupil)'],
    employee: ['Ansatt', 'Tilsett', 'Employee'],
    organisation: ['Organisasjonen', 'Organisasjonen', 'The organisation'],
    environment: ['Miljø og omgivelser', 'Miljø og omgivnader', 'Environment and surroundings'],
  },
  measureSource: {
    deviation: ['Avvik', 'Avvik', 'Deviation'],
    riskItem: ['Risikovurdering (ROS)', 'Risikovurdering (ROS)', 'Risk assessment'],
    audit: ['Revisjon og tilsyn', 'Revisjon og tilsyn', 'Audit and inspection'],
    meetingDecision: ['Møtevedtak', 'Møtevedtak', 'Meeting decision'],
    procedureSelfAssessment: ['Egenvurdering av prosedyre', 'Eigenvurdering av prosedyre', 'Procedure self-assessment'],
  },
  measureStatus: {
    open: ['Åpent', 'Ope', 'Open'],
    inProgress: ['Pågår', 'Pågår', 'In progress'],
    done: ['Utført', 'Utført', 'Done'],
    cancelled: ['Avbrutt', 'Avbrote', 'Cancelled'],
  },
  orgLevel: {
    municipality: ['Kommune', 'Kommune', 'Municipality'],
    sector: ['Kommunalsjefområde', 'Kommunalsjefområde', 'Sector'],
    unit: ['Virksomhet', 'Verksemd', 'Unit'],
    service: ['Tjeneste', 'Teneste', 'Service'],
  },
  scope: {
    mine: ['Mine meldinger', 'Mine meldingar', 'My reports'],
    units: ['Mine enheter', 'Mine einingar', 'My units'],
    handling: ['Tildelt meg', 'Tildelt meg', 'Assigned to me'],
  },
  history: {
    report: ['Meldt', 'Meldt', 'Reported'],
    receive: ['Mottatt', 'Motteken', 'Received'],
    startAnalysis: ['Analyse startet', 'Analyse starta', 'Analysis started'],
    decideMeasures: ['Tiltak besluttet', 'Tiltak vedtekne', 'Measures decided'],
    close: ['Lukket', 'Lukka', 'Closed'],
    reopen: ['Gjenåpnet', 'Opna igjen', 'Reopened'],
    analysis: ['Analyse oppdatert', 'Analyse oppdatert', 'Analysis updated'],
    measureAdded: ['Tiltak lagt til', 'Tiltak lagt til', 'Measure added'],
    feedback: ['Tilbakemelding sendt', 'Tilbakemelding send', 'Feedback sent'],
    escalated: ['Løftet til kvalitetsutvalget', 'Løfta til kvalitetsutvalet', 'Escalated to the quality committee'],
    assigned: ['Tildelt', 'Tildelt', 'Assigned'],
  },
};

const COLUMN: Record<Locale, 0 | 1 | 2> = { nb: 0, nn: 1, en: 2 };

function inLocale(locale: Locale): DomainLabels {
  const column = COLUMN[locale];
  const pick = (table: Record<string, Words>) => Object.fromEntries(Object.entries(table).map(([code, words]) => [code, words[column]]));
  return Object.fromEntries(Object.entries(WORDS).map(([group, table]) => [group, pick(table)])) as unknown as DomainLabels;
}

export const LABELS: Record<Locale, DomainLabels> = { nb: inLocale('nb'), nn: inLocale('nn'), en: inLocale('en') };
