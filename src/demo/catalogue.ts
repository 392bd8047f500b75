// The shape of the demo municipality: its eight sectors, the kinds of units in each, their sizes and reporting patterns.
//
// Sectors are Tønsberg's kommunalsjefområder with their quality coordinators (seed 001,
// "Ressurser i kvalitetsarbeidet": two for Mestring og helse and Oppvekst og læring, one for the
// others). Units and sizes are typical of a municipality of 57,000 inhabitants with ~4,000
// employees: most people work in health and care and in schools and kindergartens.

/** What kind of work a unit does: decides its deviation templates, rates, seasons and risk rows. */
export type Area = 'care' | 'school' | 'kindergarten' | 'childHealth' | 'welfare' | 'office' | 'technical' | 'fire' | 'culture';

export const AREAS: readonly Area[] = ['care', 'school', 'kindergarten', 'childHealth', 'welfare', 'office', 'technical', 'fire', 'culture'];

export interface SectorSpec {
  readonly code: string;
  readonly name: string;
  readonly coordinators: 1 | 2;
  /** Share of women among the employees, for drawing names. */
  readonly femaleShare: number;
  /** Brukerrepresentanter in the sector committee (seed 001: health and schools only). */
  readonly userRepresentatives: number;
}

export const SECTORS: readonly SectorSpec[] = [
  { code: 'mh', name: 'Mestring og helse', coordinators: 2, femaleShare: 0.85, userRepresentatives: 2 },
  { code: 'ol', name: 'Oppvekst og læring', coordinators: 2, femaleShare: 0.75, userRepresentatives: 1 },
  { code: 'ov', name: 'Økonomi og virksomhetsstyring', coordinators: 1, femaleShare: 0.6, userRepresentatives: 0 },
  { code: 'hr', name: 'HR', coordinators: 1, femaleShare: 0.75, userRepresentatives: 0 },
  // Seed 001 writes both "DKA" and "Digitalisering, kommunikasjon og adm."; the full name, with the short form.
  { code: 'dka', name: 'Digitalisering, kommunikasjon og administrasjon (DKA)', coordinators: 1, femaleShare: 0.45, userRepresentatives: 0 },
  { code: 'ett', name: 'Eiendom og tekniske tjenester', coordinators: 1, femaleShare: 0.3, userRepresentatives: 0 },
  { code: 'sn', name: 'Samfunns- og næringsutvikling', coordinators: 1, femaleShare: 0.5, userRepresentatives: 0 },
  { code: 'kni', name: 'Kultur, nærdemokrati og inkludering', coordinators: 1, femaleShare: 0.6, userRepresentatives: 0 },
];

export interface ServiceSpec {
  /** May hold `{place}`, filled with a place name distinct within the unit. */
  readonly name: string;
  readonly weight: number;
}

export interface UnitSpec {
  readonly sector: string;
  readonly kind: string;
  /** May hold `{place}`, filled with a place name distinct within the kind. */
  readonly name: string;
  readonly area: Area;
  /** Headcount in a municipality of 4,000 employees. */
  readonly size: number;
  /** How many such units at 4,000 employees; grows with the square root of the headcount. */
  readonly count?: number;
  readonly services: readonly ServiceSpec[];
  /** Brukerrepresentant in the unit committee (seed 001: all units in Mestring og helse, and Barn og unge). */
  readonly userRepresentative?: boolean;
}

const s = (name: string, weight = 1): ServiceSpec => ({ name, weight });

export const UNIT_SPECS: readonly UnitSpec[] = [
  // Mestring og helse
  { sector: 'mh', kind: 'nursingHome', name: '{place} sykehjem', area: 'care', size: 140, count: 4, userRepresentative: true,
    services: [s('Avdeling 1. etasje', 25), s('Avdeling 2. etasje', 25), s('Skjermet avdeling', 18), s('Korttidsavdeling', 20), s('Nattjenesten', 12)] },
  { sector: 'mh', kind: 'homeCare', name: 'Hjemmetjenesten {place}', area: 'care', size: 200, count: 2, userRepresentative: true,
    services: [s('Team {place}', 30), s('Team {place}', 30), s('Praktisk bistand', 15), s('Natt- og kveldspatruljen', 20)] },
  { sector: 'mh', kind: 'disability', name: 'Bo- og avlastningstjenester', area: 'care', size: 260, userRepresentative: true,
    services: [s('{place} bofellesskap'), s('{place} bofellesskap'), s('{place} bofellesskap'), s('{place} bofellesskap'), s('Avlastning for barn og unge'), s('Dagtilbud og arbeidssenter')] },
  { sector: 'mh', kind: 'mentalHealth', name: 'Psykisk helse og rus', area: 'care', size: 130, userRepresentative: true,
    services: [s('Oppfølgingstjenesten', 3), s('Bofellesskap psykisk helse', 3), s('Rusteam', 2), s('Lavterskeltilbud og FACT', 2)] },
  { sector: 'mh', kind: 'emergency', name: 'Legevakt og KAD', area: 'care', size: 60, userRepresentative: true,
    services: [s('Legevakt', 3), s('Kommunal akutt døgnenhet (KAD)', 2)] },
  { sector: 'mh', kind: 'allocation', name: 'Tildeling og koordinering', area: 'office', size: 25, userRepresentative: true,
    services: [s('Tildelingskontoret', 2), s('Koordinerende enhet', 1)] },
  { sector: 'mh', kind: 'rehabilitation', name: 'Rehabilitering og hjelpemidler', area: 'care', size: 55, userRepresentative: true,
    services: [s('Fysioterapi'), s('Ergoterapi'), s('Hjelpemiddellageret')] },
  { sector: 'mh', kind: 'nav', name: 'NAV Tønsberg', area: 'welfare', size: 90, userRepresentative: true,
    services: [s('Mottak og veiledning'), s('Oppfølging'), s('Sosiale tjenester'), s('Boligkontoret')] },
  // Oppvekst og læring
  { sector: 'ol', kind: 'primarySchool', name: '{place} skole', area: 'school', size: 75, count: 5,
    services: [s('1.–4. trinn', 4), s('5.–7. trinn', 4), s('SFO', 2)] },
  { sector: 'ol', kind: 'lowerSecondary', name: '{place} ungdomsskole', area: 'school', size: 80, count: 2,
    services: [s('8. trinn'), s('9. trinn'), s('10. trinn')] },
  { sector: 'ol', kind: 'kindergartens', name: 'Barnehageområde {place}', area: 'kindergarten', size: 110, count: 2,
    services: [s('{place} barnehage'), s('{place} barnehage'), s('{place} barnehage'), s('{place} barnehage')] },
  { sector: 'ol', kind: 'childrenAndYouth', name: 'Barn og unge', area: 'childHealth', size: 110, userRepresentative: true,
    services: [s('Helsestasjon og skolehelsetjeneste', 4), s('PPT', 2), s('Familieteamet', 2), s('Helsestasjon for ungdom', 1)] },
  { sector: 'ol', kind: 'childWelfare', name: 'Barneverntjenesten', area: 'childHealth', size: 70,
    services: [s('Mottak og undersøkelse'), s('Tiltak'), s('Omsorg og oppfølging')] },
  { sector: 'ol', kind: 'adultEducation', name: 'Voksenopplæringen', area: 'school', size: 45,
    services: [s('Norsk og samfunnskunnskap', 2), s('Grunnskole for voksne', 1)] },
  // Økonomi og virksomhetsstyring
  { sector: 'ov', kind: 'finance', name: 'Økonomi', area: 'office', size: 40, services: [s('Regnskap'), s('Budsjett og analyse'), s('Fakturamottak')] },
  { sector: 'ov', kind: 'procurement', name: 'Innkjøp', area: 'office', size: 15, services: [] },
  { sector: 'ov', kind: 'governance', name: 'Virksomhetsstyring og analyse', area: 'office', size: 14, services: [] },
  // HR
  { sector: 'hr', kind: 'hr', name: 'HR og organisasjonsutvikling', area: 'office', size: 25, services: [s('HR-rådgivning'), s('Rekruttering og heltid')] },
  { sector: 'hr', kind: 'payroll', name: 'Lønn', area: 'office', size: 18, services: [] },
  { sector: 'hr', kind: 'ohs', name: 'HMS og bedriftshelsetjeneste', area: 'office', size: 10, services: [] },
  // DKA
  { sector: 'dka', kind: 'it', name: 'Digitalisering og IKT', area: 'office', size: 45, services: [s('Brukerstøtte'), s('Drift og infrastruktur'), s('Informasjonssikkerhet')] },
  { sector: 'dka', kind: 'communication', name: 'Kommunikasjon', area: 'office', size: 12, services: [] },
  { sector: 'dka', kind: 'serviceDesk', name: 'Servicetorget og dokumentsenteret', area: 'office', size: 38, services: [s('Servicetorget'), s('Arkiv og dokumentsenter'), s('Politisk sekretariat')] },
  // Eiendom og tekniske tjenester
  { sector: 'ett', kind: 'property', name: 'Eiendom', area: 'technical', size: 160, services: [s('Drift og vedlikehold', 3), s('Renhold', 4), s('Prosjekt og utbygging', 1)] },
  { sector: 'ett', kind: 'water', name: 'Vann og avløp', area: 'technical', size: 65, services: [s('Vannverk'), s('Avløpsrenseanlegg'), s('Ledningsnett')] },
  { sector: 'ett', kind: 'roads', name: 'Vei, park og idrett', area: 'technical', size: 60, services: [s('Vei'), s('Park og friområder'), s('Idrettsanlegg')] },
  { sector: 'ett', kind: 'fire', name: 'Brann og redning', area: 'fire', size: 85, services: [s('Vaktlag 1'), s('Vaktlag 2'), s('Vaktlag 3'), s('Vaktlag 4'), s('Forebyggende avdeling')] },
  // Samfunns- og næringsutvikling
  { sector: 'sn', kind: 'planning', name: 'Plan og bygg', area: 'office', size: 35, services: [s('Byggesak'), s('Arealplan')] },
  { sector: 'sn', kind: 'geodata', name: 'Oppmåling og geodata', area: 'technical', size: 18, services: [] },
  { sector: 'sn', kind: 'agriculture', name: 'Landbruk, miljø og næring', area: 'office', size: 14, services: [] },
  // Kultur, nærdemokrati og inkludering
  { sector: 'kni', kind: 'library', name: 'Biblioteket', area: 'culture', size: 35, services: [s('Hovedbiblioteket', 3), s('Filial {place}', 1)] },
  { sector: 'kni', kind: 'cultureSchool', name: 'Kulturskolen', area: 'culture', size: 50, services: [s('Musikk', 3), s('Dans og teater', 2), s('Visuell kunst', 1)] },
  { sector: 'kni', kind: 'youth', name: 'Ung fritid', area: 'culture', size: 40, services: [s('{place} fritidsklubb'), s('{place} fritidsklubb'), s('Ungdomsteamet')] },
  { sector: 'kni', kind: 'integration', name: 'Integrering og flyktningtjenesten', area: 'welfare', size: 35, services: [s('Bosetting'), s('Introduksjonsprogrammet')] },
  { sector: 'kni', kind: 'culture', name: 'Kultur, arrangement og frivillighet', area: 'culture', size: 15, services: [] },
];

export interface AreaProfile {
  /** Deviations per employee and year, relative to the other areas (the total is scaled to the target rate). */
  readonly rate: number;
  /** January … December: fewer reports in July (holidays, closed schools), more in winter. */
  readonly months: readonly number[];
  /** Weekend days relative to weekdays. */
  readonly weekend: number;
  /** Weights for the hour of reporting, 0–22 (23 hours fit every Oslo day, also the DST days). */
  readonly hours: readonly number[];
}

const DAYTIME = [0, 0, 0, 0, 0, 0, 0.1, 0.6, 1.4, 1.6, 1.5, 1.3, 1.3, 1.5, 1.4, 1.0, 0.4, 0.2, 0.1, 0.1, 0.05, 0.05, 0];
const AROUND_THE_CLOCK = [0.3, 0.3, 0.25, 0.2, 0.2, 0.3, 0.6, 1.2, 1.6, 1.5, 1.3, 1.2, 1.2, 1.3, 1.6, 1.5, 1.0, 0.9, 1.0, 1.1, 1.3, 1.4, 1.2];
const EVENINGS = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.5, 0.8, 1.0, 1.0, 1.0, 1.0, 1.1, 1.2, 1.3, 1.4, 1.4, 1.2, 0.9, 0.5, 0.2];
const OFFICE_MONTHS = [1.1, 1.05, 1.05, 1.0, 1.0, 0.9, 0.4, 0.85, 1.05, 1.05, 1.05, 0.9];

export const AREA_PROFILES: Readonly<Record<Area, AreaProfile>> = {
  care: { rate: 1.2, months: [1.2, 1.15, 1.06, 1.0, 0.98, 0.95, 0.75, 0.92, 1.0, 1.02, 1.05, 1.1], weekend: 0.85, hours: AROUND_THE_CLOCK },
  school: { rate: 0.8, months: [1.1, 1.1, 1.05, 0.95, 1.0, 0.7, 0.02, 0.6, 1.15, 1.05, 1.1, 0.85], weekend: 0.03, hours: DAYTIME },
  kindergarten: { rate: 0.6, months: [1.1, 1.05, 1.0, 0.95, 1.0, 0.85, 0.2, 0.8, 1.05, 1.0, 1.05, 0.85], weekend: 0.02, hours: DAYTIME },
  childHealth: { rate: 0.6, months: [1.1, 1.05, 1.05, 1.0, 1.0, 0.9, 0.45, 0.85, 1.05, 1.05, 1.05, 0.9], weekend: 0.05, hours: DAYTIME },
  welfare: { rate: 0.55, months: OFFICE_MONTHS, weekend: 0.05, hours: DAYTIME },
  office: { rate: 0.2, months: OFFICE_MONTHS, weekend: 0.08, hours: DAYTIME },
  technical: { rate: 0.5, months: [1.3, 1.25, 1.1, 0.95, 0.95, 0.9, 0.7, 0.9, 0.95, 1.0, 1.1, 1.2], weekend: 0.3, hours: DAYTIME },
  fire: { rate: 0.6, months: [1.25, 1.15, 1.05, 1.0, 1.0, 0.95, 0.85, 0.9, 0.95, 1.0, 1.05, 1.2], weekend: 0.95, hours: AROUND_THE_CLOCK },
  culture: { rate: 0.35, months: [1.05, 1.05, 1.05, 1.0, 1.0, 0.85, 0.5, 0.85, 1.05, 1.05, 1.05, 0.95], weekend: 0.6, hours: EVENINGS },
};
