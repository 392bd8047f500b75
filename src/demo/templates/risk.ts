// Rows for the yearly overall risk assessment (ROS, seed 000) by area: main task, what can go wrong, typical numbers, measures.
import type { Area } from '../catalogue.js';
import type { RiskConsequenceType, RiskLevel } from '../../domain/index.js';
import type { RiskTemplate } from './types.js';

const row = (
  process: string,
  whatCanGoWrong: string,
  consequenceTypes: readonly RiskConsequenceType[],
  likelihood: RiskLevel,
  consequence: RiskLevel,
  existingMeasures: string,
  measure: string,
): RiskTemplate => ({ process, whatCanGoWrong, consequenceTypes, likelihood, consequence, existingMeasures, measure });

const SHARED: readonly RiskTemplate[] = [
  row('Informasjonssikkerhet og personvern', 'Personopplysninger kommer på avveie, for eksempel e-post til feil mottaker', ['privacy', 'reputation'], 3, 3,
    'Rutine for informasjonssikkerhet; e-læring for nyansatte', 'Sikker sending av personopplysninger og årlig e-læring for alle'),
  row('Rekruttering og bemanning', 'Vi får ikke rekruttert fagfolk, og vakter blir stående ubemannet', ['humanInjury', 'economicLoss'], 4, 3,
    'Heltidsstrategi; vikarpool', 'Plan for rekruttering og kompetanse for virksomheten'),
  row('HMS og arbeidsmiljø', 'Høyt sykefravær og slitasje over tid', ['humanInjury', 'economicLoss'], 3, 3,
    'Oppfølging av sykefravær etter rutinen; vernerunder', 'Tiltaksplan etter medarbeiderundersøkelsen'),
];

export const RISK_TEMPLATES: Readonly<Record<Area, readonly RiskTemplate[]>> = {
  care: [
    row('Legemiddelhåndtering', 'Feil legemiddel eller dose gis til pasient', ['humanInjury', 'reputation'], 4, 4,
      'Rutine for legemiddelhåndtering; dobbeltkontroll av risikolegemidler', 'Dokumentert opplæring i legemiddelhåndtering for alle som deler ut'),
    row('Fallforebygging', 'Beboere faller og får bruddskader', ['humanInjury'], 4, 4, 'Fallrisikovurdering ved innkomst', 'Sensormatter og fast fallrisikovurdering hver tredje måned'),
    row('Ferieavvikling og bemanning', 'For lite fagkompetanse på vakt i sommerferien', ['humanInjury', 'reputation'], 4, 3, 'Ferieplan og sommervikarer', 'Tidlig rekruttering av sommervikarer og opplæringsdager'),
    row('Smittevern', 'Utbrudd av smittsom sykdom sprer seg i institusjonen', ['humanInjury', 'economicLoss'], 3, 4, 'Smittevernplan og hygienekontakt', 'Øvelse i utbruddshåndtering og lager av smittevernutstyr'),
    row('Vold og trusler mot ansatte', 'Ansatte blir skadet av utagerende brukere', ['humanInjury'], 3, 4, 'Tiltaksplaner for enkeltbrukere; alarmer', 'Opplæring i forebygging og håndtering av utfordrende atferd'),
    row('Bruk av tvang', 'Tvang brukes uten vedtak etter helse- og omsorgstjenesteloven', ['humanInjury', 'ethicsAndCorruption'], 2, 5, 'Rutine for vedtak om tvang', 'Gjennomgang av alle tiltak som kan være tvang'),
  ],
  school: [
    row('Skolemiljø', 'Elever blir mobbet uten at aktivitetsplikten følges', ['humanInjury', 'reputation'], 3, 4, 'Plan for trygt skolemiljø; elevundersøkelsen', 'Felles rutine og mal for aktivitetsplan'),
    row('Vold og trusler mot ansatte', 'Ansatte blir skadet av elever i utfordrende situasjoner', ['humanInjury'], 4, 3, 'Rutine for vold og trusler; elevens tiltaksplan', 'Opplæring i håndtering av utfordrende atferd'),
    row('Svømmeopplæring', 'Elever får ikke svømmeopplæring etter læreplanen', ['humanInjury'], 3, 4, 'Plan for svømmeopplæring', 'Transport og bassengtid avtalt for alle trinn'),
    row('Turer og aktiviteter utenfor skolen', 'Elev kommer bort eller blir skadet på tur', ['humanInjury'], 2, 5, 'Rutine for turer med opptelling', 'Sjekkliste for tur med ansvarsfordeling'),
    row('Spesialundervisning', 'Vedtak om spesialundervisning blir ikke oppfylt', ['reputation', 'economicLoss'], 3, 3, 'Oversikt over vedtak og timer', 'Månedlig kontroll av gitte timer mot vedtak'),
  ],
  kindergarten: [
    row('Tilsyn med barn', 'Et barn forsvinner fra barnehagen eller på tur', ['humanInjury'], 2, 5, 'Opptelling ved overganger; låste porter', 'Selvlukkende porter og fast opptellingsrutine'),
    row('Allergi og mat', 'Barn får mat det ikke tåler', ['humanInjury'], 3, 4, 'Allergiliste på kjøkkenet', 'Merking av all mat og opplæring av vikarer'),
    row('Bemanning og pedagognorm', 'Normen for bemanning og pedagoger blir ikke oppfylt', ['reputation', 'economicLoss'], 3, 3, 'Bemanningsplan', 'Vikarpool for barnehagene'),
  ],
  childHealth: [
    row('Frister i barnevernet', 'Undersøkelser og tiltak blir ikke gjennomført innen fristene', ['humanInjury', 'reputation'], 4, 4, 'Fristoversikt i fagsystemet', 'Ukentlig gjennomgang av frister i ledermøtet'),
    row('Vaksinasjon', 'Feil vaksine eller feil intervall', ['humanInjury'], 2, 4, 'Vaksinasjonsplan og dobbeltkontroll', 'Kontroll av vaksinasjonsstatus i journalen før hver vaksine'),
    row('Taushetsplikt', 'Taushetsbelagte opplysninger kommer på avveie', ['privacy', 'reputation'], 3, 4, 'Rutine for post og e-post', 'Kontroll av adresse før utsending og sikker e-post'),
  ],
  welfare: [
    row('Publikumsmottak', 'Ansatte blir utsatt for vold og trusler', ['humanInjury'], 3, 4, 'Alarmer og vekter', 'Øvelse i rutinen for vold og trusler to ganger i året'),
    row('Utbetaling av stønad', 'Stønad blir utbetalt for sent eller feil', ['economicLoss', 'reputation'], 3, 3, 'Attestasjon og kontroll', 'Daglig kontroll av vedtak som venter på godkjenning'),
    row('Saksbehandling', 'Vedtak mangler begrunnelse eller klageadgang', ['reputation', 'ethicsAndCorruption'], 2, 3, 'Maler for vedtak', 'Internkontroll av et utvalg vedtak hvert kvartal'),
  ],
  office: [
    row('Fakturabehandling', 'Fakturaer blir betalt for sent eller dobbelt', ['economicLoss', 'reputation'], 3, 2, 'Attestasjon og anvisning', 'Påminnelse før forfall i økonomisystemet'),
    row('Tilgangsstyring', 'Ansatte har tilganger de ikke skal ha', ['privacy', 'ethicsAndCorruption'], 3, 4, 'Rutine for tilganger', 'Automatisk fjerning av tilganger på sluttdato'),
    row('Offentlige anskaffelser', 'Anskaffelser gjøres i strid med regelverket', ['economicLoss', 'ethicsAndCorruption', 'reputation'], 2, 4, 'Anskaffelsesstrategi og innkjøpsrutine', 'Opplæring i anskaffelsesregelverket for alle som bestiller'),
    row('Digitale systemer', 'Løsepengevirus stopper kritiske systemer', ['economicLoss', 'privacy', 'reputation'], 2, 5, 'Sikkerhetskopier og tofaktor', 'Øvelse i gjenoppretting fra sikkerhetskopi'),
  ],
  technical: [
    row('Drikkevannsforsyning', 'Forurenset drikkevann når innbyggerne', ['humanInjury', 'reputation'], 2, 5, 'Prøvetaking og beredskapsplan', 'Revidert beredskapsplan og reservevann'),
    row('Avløp', 'Overløp og utslipp til vassdrag', ['environment', 'reputation'], 3, 4, 'Overvåking av pumpestasjoner', 'Reservestrøm og fjernvarsling på alle pumpestasjoner'),
    row('Arbeid langs vei', 'Ansatte blir påkjørt under arbeid', ['humanInjury'], 2, 5, 'Arbeidsvarslingsplaner', 'Kurs i arbeidsvarsling for alle som arbeider langs vei'),
    row('Vedlikehold av bygg', 'Etterslep gir lekkasjer og dårlig inneklima', ['materialDamage', 'economicLoss'], 4, 3, 'Vedlikeholdsplan', 'Prioritert vedlikeholdsplan i budsjettet'),
  ],
  fire: [
    row('Utrykning', 'Innsatstiden blir for lang', ['humanInjury', 'materialDamage'], 3, 5, 'Vaktordning og responstidsmål', 'Analyse av innsatstid og plassering av mannskap'),
    row('Røykdykking', 'Røykdykker blir skadet', ['humanInjury'], 2, 5, 'Øvelser og kontroll av utstyr', 'Sjekkliste for utstyr etter hver øvelse'),
  ],
  culture: [
    row('Arrangementer', 'Publikum blir skadet ved trengsel eller brann', ['humanInjury', 'reputation'], 2, 5, 'Kapasitetsgrenser og vakter', 'Sjekkliste for arrangementssikkerhet'),
    row('Åpne lokaler', 'Ansatte blir utsatt for trusler når de arbeider alene', ['humanInjury'], 3, 3, 'Rutine for alenearbeid', 'Alarm for ansatte som arbeider alene på kveldstid'),
  ],
};

/** The area's rows and the shared ones. */
export function riskTemplatesFor(area: Area): readonly RiskTemplate[] {
  return [...RISK_TEMPLATES[area], ...SHARED];
}
