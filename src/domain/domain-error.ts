// Typed domain errors with bokmål messages, and the Result type every domain operation returns.
//
// One way everywhere: domain functions never throw for a broken rule. An operation returns
// Result<T>; a validator returns DomainError[] (empty means valid). The code is stable for
// programs and tests; the message is bokmål for people (nynorsk/English come from i18n by code).

export type DomainErrorCode =
  | 'date.invalid'
  | 'org.idMismatch'
  | 'org.unknownUnit'
  | 'org.missingParent'
  | 'org.rootCount'
  | 'org.rootHasParent'
  | 'org.rootLevel'
  | 'org.levelOrder'
  | 'org.cycle'
  | 'caseNumber.invalid'
  | 'caseNumber.sequenceOutOfRange'
  | 'case.titleMissing'
  | 'case.titleTooLong'
  | 'case.severityMissing'
  | 'case.occurredInFuture'
  | 'case.invalidTransition'
  | 'case.analysisMissing'
  | 'case.measureDecisionMissing'
  | 'case.closingNoteMissing'
  | 'case.reopenReasonMissing'
  | 'case.forbidden'
  | 'case.analysisNotOpen'
  | 'case.closed'
  | 'case.tooManyWhys'
  | 'case.feedbackMissing'
  | 'case.escalationNoteMissing'
  | 'measure.titleMissing'
  | 'measure.invalidStatusChange'
  | 'measure.evaluationMissing'
  | 'measure.cancelReasonMissing'
  | 'risk.levelOutOfRange'
  | 'risk.thresholdsInvalid'
  | 'risk.measureMissing'
  | 'risk.residualMissing'
  | 'risk.redResidualAcceptable'
  | 'risk.processMissing'
  | 'risk.hazardMissing'
  | 'risk.acceptanceMissing'
  | 'risk.invalidTransition'
  | 'risk.noItems'
  | 'risk.itemsIncomplete'
  | 'risk.returnNoteMissing'
  | 'risk.roundDatesOrder'
  | 'risk.roundYear'
  | 'risk.roundUnitsMissing'
  | 'risk.taskDatesOrder'
  | 'risk.taskTitleMissing'
  | 'risk.percentOutOfRange'
  | 'risk.committeeMissing'
  | 'agenda.titleMissing'
  | 'committee.levelMismatch'
  | 'committee.leaderMismatch';

export type ErrorDetails = Readonly<Record<string, string | number>>;

export interface DomainError {
  readonly code: DomainErrorCode;
  /** Bokmål, ready to show to a person. */
  readonly message: string;
  readonly details: ErrorDetails;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: DomainErrorCode, details: ErrorDetails = {}): Result<T> {
  return { ok: false, error: domainError(code, details) };
}

// Status and action words used inside messages; the code names are the keys.
const CASE_STATUS_NB: Readonly<Record<string, string>> = {
  new: 'ny',
  received: 'mottatt',
  underAnalysis: 'under analyse',
  measuresDecided: 'tiltak besluttet',
  closed: 'lukket',
};
const CASE_ACTION_NB: Readonly<Record<string, string>> = {
  receive: 'mottas',
  startAnalysis: 'settes under analyse',
  decideMeasures: 'få besluttet tiltak',
  close: 'lukkes',
  reopen: 'gjenåpnes',
};
const MEASURE_STATUS_NB: Readonly<Record<string, string>> = {
  open: 'åpen',
  inProgress: 'pågår',
  done: 'utført',
  cancelled: 'avlyst',
};

const RISK_STATUS_NB: Readonly<Record<string, string>> = {
  draft: 'kladd',
  submitted: 'sendt kommunalsjef',
  compiled: 'sammenstilt',
  forwarded: 'sendt videre',
};
const RISK_ACTION_NB: Readonly<Record<string, string>> = {
  submit: 'sendes til kommunalsjef',
  return: 'sendes tilbake',
  compile: 'sammenstilles',
  forward: 'sendes videre',
  edit: 'endres',
};

const s = (d: ErrorDetails, key: string): string => String(d[key] ?? '');
const word = (map: Readonly<Record<string, string>>, d: ErrorDetails, key: string): string => map[s(d, key)] ?? s(d, key);

const MESSAGES: Readonly<Record<DomainErrorCode, (d: ErrorDetails) => string>> = {
  'date.invalid': (d) => `«${s(d, 'value')}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD).`,
  'org.idMismatch': (d) => `Enheten er lagret under id «${s(d, 'key')}», men har id «${s(d, 'unitId')}».`,
  'org.unknownUnit': (d) => `Finner ikke enheten «${s(d, 'unitId')}» i organisasjonskartet.`,
  'org.missingParent': (d) => `Enheten «${s(d, 'unitId')}» peker på en overordnet enhet som ikke finnes («${s(d, 'parentId')}»).`,
  'org.rootCount': (d) => `Organisasjonskartet må ha nøyaktig én kommune på toppen, men har ${s(d, 'count')}.`,
  'org.rootHasParent': (d) => `Kommunen «${s(d, 'unitId')}» kan ikke ha en overordnet enhet.`,
  'org.rootLevel': (d) => `Enheten «${s(d, 'unitId')}» står øverst uten å være kommunen.`,
  'org.levelOrder': (d) =>
    `Enheten «${s(d, 'unitId')}» kan ikke ligge under «${s(d, 'parentId')}»: nivåene må gå nedover fra kommune til kommunalsjefområde, virksomhet og tjeneste/avdeling.`,
  'org.cycle': (d) => `Enheten «${s(d, 'unitId')}» ligger under seg selv (sirkel i organisasjonskartet).`,
  'caseNumber.invalid': (d) => `«${s(d, 'value')}» er ikke et gyldig saksnummer. Eksempel: AV-2026-00123.`,
  'caseNumber.sequenceOutOfRange': (d) => `Løpenummeret ${s(d, 'sequence')} er utenfor gyldig område (1–9999999).`,
  'case.titleMissing': () => 'Meldingen må ha en tittel.',
  'case.titleTooLong': (d) => `Tittelen kan ha høyst ${s(d, 'max')} tegn.`,
  'case.severityMissing': () => 'Velg alvorlighetsgrad for avviket eller nestenuhellet.',
  'case.occurredInFuture': () => 'Tidspunktet for hendelsen kan ikke være fram i tid.',
  'case.invalidTransition': (d) =>
    `Saken har status «${word(CASE_STATUS_NB, d, 'status')}» og kan ikke ${word(CASE_ACTION_NB, d, 'action')} nå.`,
  'case.analysisMissing': () => 'Skriv årsaksanalysen (for eksempel «5 hvorfor») før tiltak besluttes.',
  'case.measureDecisionMissing': () => 'Knytt minst ett tiltak til saken, eller begrunn hvorfor tiltak ikke trengs.',
  'case.closingNoteMissing': () => 'Skriv en avslutningskommentar før saken lukkes.',
  'case.reopenReasonMissing': () => 'Begrunn hvorfor saken gjenåpnes.',
  'case.forbidden': () => 'Du har ikke tilgang til å behandle denne saken.',
  'case.analysisNotOpen': (d) =>
    `Årsaksanalysen kan bare endres mens saken er under analyse (nå: «${word(CASE_STATUS_NB, d, 'status')}»).`,
  'case.closed': () => 'Saken er lukket. Gjenåpne den først.',
  'case.tooManyWhys': (d) => `Skriv høyst ${s(d, 'max')} svar i «5 hvorfor».`,
  'case.feedbackMissing': () => 'Skriv tilbakemeldingen til melderen.',
  'case.escalationNoteMissing': () => 'Skriv hva utvalget skal se på.',
  'measure.titleMissing': () => 'Tiltaket må ha en beskrivelse av hva som skal gjøres.',
  'measure.invalidStatusChange': (d) =>
    `Tiltaket har status «${word(MEASURE_STATUS_NB, d, 'from')}» og kan ikke endres til «${word(MEASURE_STATUS_NB, d, 'to')}».`,
  'measure.evaluationMissing': () => 'Skriv en evaluering av tiltaket før det settes som utført.',
  'measure.cancelReasonMissing': () => 'Begrunn hvorfor tiltaket avlyses.',
  'risk.levelOutOfRange': (d) => `${s(d, 'field') || 'Verdien'} må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «${s(d, 'value')}».`,
  'risk.thresholdsInvalid': () => 'Grensene for risikofarger må oppfylle 0 ≤ gul < rød < 25.',
  'risk.measureMissing': () => 'Risikoen krever tiltak (rød risiko eller lovbrudd), men ingen tiltak er registrert.',
  'risk.residualMissing': () => 'Vurder restrisikoen (sannsynlighet og konsekvens etter tiltak).',
  'risk.redResidualAcceptable': () => 'Rød restrisiko kan ikke være akseptabel: den må håndteres. Legg inn flere tiltak eller svar «nei».',
  'risk.processMissing': () => 'Fyll ut «Hva skal vurderes?» (hovedprosess eller oppgave).',
  'risk.hazardMissing': () => 'Fyll ut «Hva kan gå galt?».',
  'risk.acceptanceMissing': () => 'Svar på «Er restrisikoen akseptabel?».',
  'risk.invalidTransition': (d) => `Risikovurderingen har status «${word(RISK_STATUS_NB, d, 'status')}» og kan ikke ${word(RISK_ACTION_NB, d, 'action')} nå.`,
  'risk.noItems': () => 'Risikovurderingen har ingen rader. Legg inn minst én hovedoppgave før den sendes.',
  'risk.itemsIncomplete': (d) => `${s(d, 'count') === '' ? 'Noen rader' : `${s(d, 'count')} rad(er)`} er ikke ferdig utfylt. Rett dem før risikovurderingen sendes.`,
  'risk.returnNoteMissing': () => 'Skriv hvorfor risikovurderingen sendes tilbake.',
  'risk.roundDatesOrder': () => 'Datoene må komme i rekkefølge: oppstart, frist for virksomhetene, frist for kommunalsjefene, planlagt ferdig.',
  'risk.roundYear': (d) => `Året må være mellom 2000 og 2100, ikke «${s(d, 'value')}».`,
  'risk.roundUnitsMissing': () => 'Velg minst én virksomhet som skal gjøre risikovurdering.',
  'risk.taskDatesOrder': () => 'Oppgavens frist kan ikke være før oppstart.',
  'risk.taskTitleMissing': () => 'Oppgaven må ha en tittel.',
  'risk.percentOutOfRange': (d) => `Prosent ferdig må være et helt tall fra 0 til 100, ikke «${s(d, 'value')}».`,
  'risk.committeeMissing': () => 'Kommunen har ikke registrert KLG eller KUL: opprett utvalget før risiko kan meldes videre.',
  'agenda.titleMissing': () => 'Saken til utvalget må ha en tittel.',
  'committee.levelMismatch': (d) => `Utvalget «${s(d, 'committeeId')}» hører ikke hjemme på nivået til enheten «${s(d, 'unitId')}».`,
  'committee.leaderMismatch': (d) =>
    `Utvalget «${s(d, 'committeeId')}» skal ledes av lederen for enheten «${s(d, 'unitId')}».`,
};

export function domainError(code: DomainErrorCode, details: ErrorDetails = {}): DomainError {
  return { code, message: MESSAGES[code](details), details };
}

export const ALL_ERROR_CODES = Object.keys(MESSAGES) as readonly DomainErrorCode[];
