// Templates every area shares: IT, buildings, privacy and HSE reports; findings from inspections and audits; and the handler's texts.
import type { Area } from '../catalogue.js';
import type { CauseCategory } from '../../domain/index.js';
import { CARE } from './care.js';
import { CHILD_HEALTH, KINDERGARTEN, SCHOOL } from './oppvekst.js';
import { CULTURE, FIRE, OFFICE, TECHNICAL, WELFARE } from './services.js';
import { ev, note, type AreaTemplates, type FindingTemplate } from './types.js';

const EMP = ['employee'] as const;
const ORG = ['organisation'] as const;

export const COMMON: AreaTemplates = {
  events: [
    ev('Fagsystemet var nede', 'Fagsystemet var utilgjengelig i ca. {n} timer. Dokumentasjon ble gjort på papir og ført inn etterpå.', 'equipment', ORG, { severity: [40, 45, 13, 2] }),
    ev('Ikke tilgang til e-post og Teams', 'Ansatte på avdelingen hadde ikke tilgang til e-post og Teams fra kl. {time}.', 'equipment', ORG, { severity: [60, 32, 7, 1] }),
    ev('Ansatt falt på glatt inngangsparti', 'Ansatt skled og falt på isete trapp ved inngangen. Det var ikke strødd.', 'physicalEnvironment', EMP,
      { severity: [45, 40, 13, 2], measure: 'Avtale om strøing før arbeidstid med vaktmester' }),
    ev('Dårlig inneklima', 'Flere ansatte melder om hodepine og tung luft i møterom og kontorer. Ventilasjonen ser ut til å gå på lav effekt.', 'physicalEnvironment', EMP, { severity: [60, 35, 5, 0] }),
    ev('Vannlekkasje fra taket', 'Det drypper vann fra taket i gangen etter regn. Bøtte satt ut og vaktmester varslet.', 'physicalEnvironment', ORG, { severity: [60, 35, 5, 0] }),
    ev('Innbrudd og hærverk', 'Det var innbrudd i bygget i helgen. Et vindu ble knust og utstyr stjålet.', 'externalFactors', ORG, { severity: [40, 45, 13, 2] }),
    ev('Utskrift med personopplysninger lå igjen', 'En utskrift med personopplysninger ble funnet på felles skriver.', 'routine', ORG, { severity: [40, 45, 13, 2] }),
    ev('Heisen ute av drift', 'Heisen har stått i {n} dager. Besøkende med rullestol kommer ikke til andre etasje.', 'equipment', ['organisation', 'serviceUser']),
  ],
  nearMisses: [
    ev('Nødutgang blokkert', 'Nødutgangen i {n}. etasje var blokkert av esker ved vareleveranse.', 'routine', ORG),
    ev('Ytterdør ulåst etter stengetid', 'Ytterdøren sto ulåst etter stengetid. Oppdaget av vekter.', 'routine', ORG),
  ],
  proposals: [
    note('Oversikt over kontaktpersoner ved IT-feil', 'Forslag om en oppdatert oversikt over hvem man kontakter ved IT-feil utenom arbeidstid.'),
    note('Felles sjekkliste for nyansatte', 'Forslag om felles sjekkliste for opplæring av nyansatte og vikarer i rutiner og systemer.', 'Lage sjekkliste for opplæring av nyansatte'),
  ],
  praise: [note('Rask hjelp fra vaktmester', 'Takk til vaktmester for rask hjelp med lekkasjen.')],
};

export const TEMPLATES: Readonly<Record<Area, AreaTemplates>> = {
  care: CARE,
  school: SCHOOL,
  kindergarten: KINDERGARTEN,
  childHealth: CHILD_HEALTH,
  welfare: WELFARE,
  office: OFFICE,
  technical: TECHNICAL,
  fire: FIRE,
  culture: CULTURE,
};

const finding = (areas: FindingTemplate['areas'], title: string, description: string, cause: CauseCategory, measure: string): FindingTemplate => ({
  ...ev(title, description, cause, ORG, { measure }),
  areas,
});

export const INSPECTION_FINDINGS: readonly FindingTemplate[] = [
  finding(['care'], 'Tilsyn fra Statsforvalteren: legemiddelhåndtering', 'Statsforvalteren fant at opplæring i legemiddelhåndtering ikke var dokumentert for alle ansatte som deler ut legemidler.', 'competence', 'Dokumentert opplæring og kompetanseoversikt for legemiddelhåndtering'),
  finding(['care', 'welfare', 'school'], 'Tilsyn fra Arbeidstilsynet: vold og trusler', 'Arbeidstilsynet påpekte at risikoen for vold og trusler ikke var kartlagt, og at ansatte ikke hadde fått opplæring.', 'routine', 'Kartlegge risiko for vold og trusler og gi opplæring'),
  finding(['school'], 'Tilsyn fra Statsforvalteren: skolemiljø', 'Skolen hadde ikke laget aktivitetsplan innen rimelig tid i to saker om skolemiljø.', 'routine', 'Rutine og mal for aktivitetsplan, med frister'),
  finding(['kindergarten'], 'Tilsyn fra barnehagemyndigheten: pedagogisk bemanning', 'Barnehagen oppfylte ikke normen for pedagogisk bemanning i perioder.', 'staffing', 'Bemanningsplan som oppfyller pedagognormen'),
  finding(['childHealth'], 'Tilsyn fra Statsforvalteren: barnevernets undersøkelser', 'Undersøkelser ble ikke avsluttet innen fristen i flere saker.', 'staffing', 'Ukentlig fristoversikt og prioritering i ledermøtet'),
  finding(['technical'], 'Tilsyn fra Mattilsynet: drikkevann', 'Mattilsynet påpekte mangler i beredskapsplanen for drikkevannsforsyningen.', 'routine', 'Revidere beredskapsplanen for drikkevann'),
  finding(['fire'], 'Tilsyn fra DSB: beredskap', 'DSB påpekte at øvelsesplanen ikke dekket alle scenarioene i risikoanalysen.', 'routine', 'Revidere øvelsesplanen etter risikoanalysen'),
  finding('all', 'Branntilsyn: branndokumentasjon', 'Branntilsynet fant at branndokumentasjonen for bygget ikke var oppdatert etter ombygging.', 'routine', 'Oppdatere branndokumentasjonen'),
];

export const AUDIT_FINDINGS: readonly FindingTemplate[] = [
  // The two internal audits Tønsberg ran in 2024 (seed 000).
  finding(['care'], 'Internrevisjon: årsturnus', 'Internrevisjonen fant at innføringen av årsturnus ikke har gitt forventet reduksjon i innleie og merarbeid.', 'staffing', 'Evaluere årsturnusen og justere bemanningsplanen'),
  finding(['school'], 'Internrevisjon: svømmeopplæring', 'Internrevisjonen fant at ikke alle elever får svømmeopplæring i tråd med læreplan og forskrift.', 'routine', 'Plan for svømmeopplæring for alle trinn'),
  finding('all', 'Internrevisjon: oppfølging av avvik', 'Internrevisjonen fant at mange avvik blir liggende lenge uten behandling, og at melder ofte ikke får tilbakemelding.', 'routine', 'Fast gjennomgang av åpne avvik i driftsmøtet'),
  finding(['office'], 'Forvaltningsrevisjon: informasjonssikkerhet', 'Revisjonen fant mangler i tilgangsstyring og i oversikten over behandlinger av personopplysninger.', 'routine', 'Oppdatere behandlingsoversikten og rutinen for tilganger'),
];

interface CauseTexts {
  readonly whys: readonly string[];
  readonly rootCause: string;
  readonly measures: readonly string[];
}

/** Generic "5 hvorfor" answers, root causes and measures by cause category (seeds 000, 001). */
export const CAUSE_TEXTS: Readonly<Record<CauseCategory, CauseTexts>> = {
  routine: {
    whys: ['Rutinen ble ikke fulgt.', 'Den som var på vakt kjente ikke rutinen godt nok.', 'Rutinen er ikke gjennomgått med vikarer og nyansatte.', 'Opplæringen har ingen fast plass i introduksjonen.'],
    rootCause: 'Rutinen er ikke godt nok kjent blant vikarer og nyansatte.',
    measures: ['Gjennomgå rutinen på personalmøte og legge den på leselisten', 'Legge rutinen inn i introduksjonsprogrammet for nyansatte og vikarer'],
  },
  competence: {
    whys: ['Den ansatte visste ikke hvordan situasjonen skulle håndteres.', 'Opplæringen var ikke gjennomført.', 'Det finnes ingen oversikt over hvem som har fått opplæring.'],
    rootCause: 'Mangelfull opplæring og ingen oversikt over kompetanse.',
    measures: ['Opplæring for alle ansatte, med oversikt over hvem som har gjennomført', 'Fagdag om temaet for avdelingen'],
  },
  communication: {
    whys: ['Informasjonen nådde ikke frem til den som trengte den.', 'Muntlig rapport ved vaktskiftet var for kort.', 'Det finnes ingen fast struktur for rapporten.'],
    rootCause: 'Mangler fast struktur for overføring av informasjon.',
    measures: ['Innføre fast struktur for rapport ved vaktskifte', 'Tydeliggjøre hvem som informerer hvem i rutinen'],
  },
  staffing: {
    whys: ['Det var for få ansatte på vakt.', 'Fravær ble ikke erstattet.', 'Det finnes ingen ringeliste for korttidsfravær.'],
    rootCause: 'Bemanningen tåler ikke fravær, og det finnes ingen plan for korttidsfravær.',
    measures: ['Lage ringeliste og plan for korttidsfravær', 'Vurdere bemanningsplanen i budsjettet for neste år'],
  },
  equipment: {
    whys: ['Utstyret sviktet.', 'Utstyret var ikke kontrollert etter planen.', 'Ingen har ansvar for å følge opp vedlikeholdet.'],
    rootCause: 'Vedlikehold og kontroll av utstyret har ingen ansvarlig.',
    measures: ['Utpeke ansvarlig for fast kontroll av utstyret', 'Melde behov for utskifting av utstyret'],
  },
  physicalEnvironment: {
    whys: ['Forholdene i bygget eller uteområdet gjorde det utrygt.', 'Feilen var kjent, men ikke meldt til eiendom.', 'Det er uklart hvem som melder feil på bygget.'],
    rootCause: 'Kjente feil på bygg og uteområder blir ikke meldt og fulgt opp.',
    measures: ['Melde feilen til eiendom og følge opp utbedring', 'Fast vernerunde med sjekkliste for bygg og uteområder'],
  },
  externalFactors: {
    whys: ['Hendelsen skyldtes forhold utenfor avdelingen.', 'Risikoen var kjent, men ikke vurdert.'],
    rootCause: 'Risikoen fra forhold utenfor er ikke vurdert i risikovurderingen.',
    measures: ['Ta risikoen inn i neste risikovurdering', 'Avklare samarbeid og varsling med eksterne aktører'],
  },
  other: {
    whys: ['Hendelsen hadde flere sammensatte årsaker.'],
    rootCause: 'Sammensatte årsaker; ingen enkelt rotårsak.',
    measures: ['Drøfte hendelsen i driftsmøtet og dele læringspunkter'],
  },
};

export const NO_MEASURE_REASONS: readonly string[] = [
  'Enkeltstående hendelse; rutinen er god og ble fulgt opp med de involverte.',
  'Forholdet er allerede rettet, og risikoen er vurdert som lav.',
  'Dekkes av tiltak som allerede er besluttet i en tidligere sak.',
];

export const PROPOSAL_NO_MEASURE_REASONS: readonly string[] = [
  'Forslaget er drøftet i driftsmøtet og tas med i budsjettarbeidet for neste år.',
  'Takk for forslaget. Det er allerede løst på en annen måte.',
];

export const CLOSING_NOTES: readonly string[] = [
  'Saken er gjennomgått med de involverte og i driftsmøtet. Lukkes.',
  'Tiltak er besluttet og ligger på aksjonslisten. Melder er orientert.',
  'Læringspunkter er delt i personalmøtet. Saken lukkes.',
];

export const PRAISE_CLOSING_NOTES: readonly string[] = [
  'Takk! Tilbakemeldingen er delt med alle på avdelingen.',
  'Delt i personalmøtet. Flott arbeid!',
];

export const REOPEN_REASONS: readonly string[] = [
  'En lignende hendelse har skjedd igjen; tiltakene må vurderes på nytt.',
  'Melder mener saken ikke er tilstrekkelig fulgt opp.',
];

export const EVALUATIONS: readonly string[] = [
  'Tiltaket er gjennomført og fungerer; ingen nye hendelser av samme type siden.',
  'Gjennomført. Evaluert i driftsmøtet; rutinen er tatt inn i opplæringen.',
  'Gjennomført, men bør følges med på; tas opp igjen ved neste risikovurdering.',
];

export const CANCEL_REASONS: readonly string[] = [
  'Erstattet av et bredere tiltak i virksomhetens handlingsplan.',
  'Ikke lenger aktuelt etter omorganisering.',
];
