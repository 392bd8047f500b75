// Report templates for NAV and integration, administration, technical services, fire and rescue, and culture: bokmål, no names.
import { ev, note, only, type AreaTemplates } from './types.js';

const SU = ['serviceUser'] as const;
const EMP = ['employee'] as const;
const ORG = ['organisation'] as const;

export const WELFARE: AreaTemplates = {
  events: [
    ev('Trusler i publikumsmottaket', 'En besøkende ble truende i publikumsmottaket etter avslag på søknad. Vekter tilkalt.', 'externalFactors', EMP,
      { severity: [30, 45, 20, 5], immediateAction: 'Vekter tilkalt; ansatte fikk gjennomgang etterpå.', measure: 'Øvelse i rutinen for vold og trusler for alle i mottaket' }),
    only(['nav'], ev('Utbetaling av sosialhjelp forsinket', 'Innvilget stønad ble utbetalt {n} dager for sent fordi vedtaket ikke var godkjent i tide.', 'routine', SU, { severity: [40, 45, 13, 2] })),
    ev('Vedtak sendt til feil mottaker', 'Et vedtak med personopplysninger ble sendt til feil mottaker i den digitale postkassen.', 'routine', ['organisation', 'serviceUser'], { severity: [25, 45, 25, 5] }),
    ev('Tolk ikke bestilt', 'Tolk var ikke bestilt til samtalen, og samtalen måtte utsettes.', 'communication', SU, { severity: [60, 32, 7, 1] }),
    ev('Bruker utagerende under samtale', 'Bruker ble utagerende under samtalen og kastet en stol. Ingen ble skadet.', 'externalFactors', EMP, { severity: [30, 45, 20, 5] }),
  ],
  nearMisses: [
    ev('Alarmknapp på samtalerom virket ikke', 'Ved test virket ikke alarmknappen på samtalerom {n}.', 'equipment', EMP, { severity: [20, 40, 30, 10] }),
    ev('Personopplysninger synlige på skjerm', 'En skjerm med personopplysninger var synlig fra venteområdet.', 'physicalEnvironment', ORG),
  ],
  proposals: [only(['nav'], note('Drop-in-tid for boligsøkere', 'Forslag om fast drop-in-tid for boligsøkere én dag i uken.')), note('Tolk på video', 'Forslag om å bruke videotolk oftere for å unngå utsatte samtaler.')],
  praise: [note('Takk for hjelp til arbeid', 'Bruker takket for god hjelp til å komme i arbeid etter lang tid.')],
};

export const OFFICE: AreaTemplates = {
  events: [
    ev('Faktura betalt etter forfall', 'Faktura ble betalt {n} dager etter forfall fordi den ble liggende uten attestant; purregebyr påløp.', 'routine', ORG,
      { severity: [55, 35, 8, 2], measure: 'Automatisk påminnelse til attestant fem dager før forfall' }),
    ev('Feil i lønnsutbetaling', 'Ansatt fikk utbetalt feil tillegg for kveldsvakter fordi timelisten ble registrert feil.', 'routine', EMP, { severity: [50, 40, 9, 1] }),
    ev('E-post med personopplysninger til feil mottaker', 'En e-post med personopplysninger ble sendt til feil mottaker på grunn av autofullføring av adressen.', 'routine', ORG,
      { severity: [25, 45, 25, 5], measure: 'Slå av autofullføring og bruke sikker sending for personopplysninger' }),
    ev('Ansatt oppga passord i phishing-e-post', 'Ansatt klikket på en lenke i en falsk e-post og oppga passordet. Kontoen ble sperret etter {minutes} minutter.', 'competence', ORG,
      { severity: [20, 40, 30, 10], immediateAction: 'Passord byttet og kontoen sperret; IT varslet.', measure: 'Obligatorisk e-læring i informasjonssikkerhet' }),
    ev('Tilgang ikke fjernet etter sluttdato', 'En ansatt som sluttet for {n} uker siden hadde fortsatt tilgang til fagsystemet.', 'routine', ORG,
      { severity: [30, 45, 20, 5], measure: 'Automatisk fjerning av tilganger på sluttdato fra HR-systemet' }),
    ev('Frist for innsyn overskredet', 'Et innsynskrav ble ikke besvart innen fristen fordi det ble liggende i feil postkasse.', 'routine', ORG),
  ],
  nearMisses: [
    ev('Personalmapper i ulåst skap', 'Skapet med personalmapper sto ulåst over natten.', 'routine', ORG),
    ev('Faktura nesten betalt to ganger', 'Samme faktura var registrert to ganger. Oppdaget ved godkjenning.', 'equipment', ORG),
  ],
  proposals: [
    note('Varsel før forfall', 'Forslag om automatisk varsel før fakturaer forfaller, så de ikke blir liggende.', 'Sette opp varsel fem dager før forfall i økonomisystemet'),
    note('Felles rutine for tilganger ved sluttdato', 'Forslag om at HR-systemet sender melding til IT når en ansatt slutter.'),
    note('Mal for svar på innsynskrav', 'Forslag om felles maler for svar på innsynskrav.'),
  ],
  praise: [note('Rask hjelp fra brukerstøtten', 'Takk til brukerstøtten for rask hjelp da fagsystemet låste seg.'), note('Godt mottak på servicetorget', 'Innbygger ga skriftlig ros for godt mottak på servicetorget.')],
};

export const TECHNICAL: AreaTemplates = {
  events: [
    only(['roads', 'property'], ev('Kuttskade ved vedlikehold', 'Ansatt fikk kuttskade i hånden ved bytte av kniv på gressklipper. Hansker ble ikke brukt.', 'routine', EMP,
      { severity: [45, 40, 13, 2], measure: 'Gjennomgang av sikker jobbanalyse og påbudt verneutstyr' })),
    only(['property'], ev('Kjemikaliesøl i renholdsbod', 'En kanne med rengjøringsmiddel lakk ut på gulvet i renholdsboden. Ansatt fikk sprut på huden.', 'equipment', ['employee', 'environment'])),
    only(['water'], ev('Stikkskade ved arbeid på avløp', 'Ansatt fikk stikkskade av en kanyle ved rensk av avløpsledning.', 'externalFactors', EMP,
      { severity: [25, 45, 25, 5], immediateAction: 'Ansatt sendt til legevakt for prøver og vurdering.' })),
    only(['water'], ev('Overløp fra pumpestasjon', 'Kloakk gikk i overløp ved pumpestasjonen etter strømbrudd; utslipp til bekk i ca. {n} timer.', 'equipment', ['environment', 'organisation'],
      { severity: [20, 40, 30, 10], measure: 'Reservestrøm og fjernvarsling på pumpestasjonen' })),
    only(['water'], ev('Avvik i vannprøve', 'Rutineprøve av drikkevann viste koliforme bakterier. Ny prøve tatt og Mattilsynet varslet.', 'externalFactors', ['serviceUser', 'environment'],
      { severity: [20, 40, 30, 10] })),
    only(['roads', 'water'], ev('Mangelfull arbeidsvarsling ved veiarbeid', 'Arbeidsvarslingen ved gravearbeid manglet skilt, og biler kjørte tett inntil arbeidsområdet.', 'routine', ['employee', 'serviceUser'])),
    ev('Skade på kommunal bil', 'Kommunal bil ble skadet ved rygging på anleggsplass. Ingen personskader.', 'other', ORG, { severity: [60, 32, 7, 1] }),
    only(['property'], ev('Vannlekkasje i kommunalt bygg', 'Vannlekkasje fra taket i {n}. etasje etter kraftig regn. Rommet måtte stenges.', 'physicalEnvironment', ORG)),
  ],
  nearMisses: [
    only(['roads', 'water'], ev('Nesten påkjørt ved veiarbeid', 'En bil kjørte inn i arbeidsområdet og var nær ved å treffe en ansatt.', 'routine', EMP, { severity: [10, 35, 40, 15] })),
    only(['roads', 'water'], ev('Gravemaskin nær høyspentkabel', 'Ved graving ble en høyspentkabel funnet nærmere enn kartet viste.', 'communication', EMP, { severity: [10, 35, 40, 15] })),
  ],
  proposals: [
    only(['property'], note('Miljøvennlige renholdsmidler', 'Forslag om å bytte til svanemerkede renholdsmidler og doseringsanlegg.')),
    only(['water'], note('Sensorer på pumpestasjoner', 'Forslag om sensorer som varsler før overløp på alle pumpestasjoner.', 'Kartlegge kostnad for sensorer på pumpestasjonene')),
  ],
  praise: [only(['roads'], note('Ros for rask brøyting', 'Flere innbyggere ga ros for rask brøyting og strøing etter snøfallet.'))],
};

export const FIRE: AreaTemplates = {
  events: [
    ev('Forsinket utrykning', 'Utrykningen ble forsinket {minutes} minutter fordi mannskapsbilen ikke startet.', 'equipment', ['serviceUser', 'organisation'], { severity: [25, 45, 25, 5] }),
    ev('Feil på røykdykkerutstyr', 'Ved sjekk etter øvelse lakk én røykdykkermaske. Masken tatt ut av bruk.', 'equipment', EMP, { severity: [20, 45, 25, 10] }),
    ev('Ansatt eksponert for brannrøyk', 'Ansatt var eksponert for brannrøyk uten åndedrettsvern under etterslukking.', 'routine', EMP, { severity: [30, 45, 20, 5] }),
    ev('Feil adresse fra alarmsentralen', 'Mannskapet fikk feil adresse fra alarmsentralen; rettet etter {minutes} minutter.', 'communication', SU),
  ],
  nearMisses: [ev('Nesten kollisjon under utrykning', 'Under utrykning var det nesten kollisjon i rundkjøring da en bil ikke ga plass.', 'externalFactors', EMP, { severity: [10, 35, 40, 15] })],
  proposals: [note('Sjekkliste for utstyr etter øvelse', 'Forslag om fast sjekkliste for alt personlig verneutstyr etter hver øvelse.')],
  praise: [note('Takk etter redningsaksjon', 'En innbygger takket mannskapet for innsatsen ved en trafikkulykke.')],
};

export const CULTURE: AreaTemplates = {
  events: [
    ev('Publikum skadet under arrangement', 'En publikummer falt i trappen ved scenen under arrangementet. Førstehjelp gitt.', 'physicalEnvironment', SU, { severity: [45, 40, 13, 2] }),
    only(['library'], ev('Truende adferd på biblioteket', 'En besøkende var truende overfor ansatte og andre besøkende. Politiet ble tilkalt.', 'externalFactors', EMP, { severity: [35, 45, 17, 3] })),
    only(['cultureSchool'], ev('Elev skadet i dansetimen', 'Elev vrikket ankelen i dansetimen. Foresatte hentet eleven.', 'physicalEnvironment', SU, { health: true, severity: [60, 32, 7, 1] })),
    only(['cultureSchool'], ev('Instrument skadet ved utlån', 'Et utlånt instrument kom tilbake med sprekk. Utlånsavtalen manglet.', 'routine', ORG, { severity: [70, 25, 5, 0] })),
    only(['youth'], ev('Ruspåvirket ungdom på fritidsklubben', 'Ungdom kom ruspåvirket til fritidsklubben. Foresatte kontaktet og eleven fulgt hjem.', 'externalFactors', SU)),
    ev('Rømningsvei sperret under konsert', 'En rømningsvei var sperret av utstyr under konserten.', 'routine', ['serviceUser', 'organisation'], { severity: [20, 45, 25, 10] }),
  ],
  nearMisses: [ev('For mange i salen', 'Antall publikummere i salen var nær over godkjent kapasitet.', 'routine', SU)],
  proposals: [
    only(['library'], note('Meråpent bibliotek på søndager', 'Forslag om meråpent bibliotek med selvbetjent utlån på søndager.')),
    note('Sjekkliste for arrangementssikkerhet', 'Forslag om felles sjekkliste for sikkerhet ved alle arrangementer.', 'Utarbeide sjekkliste for arrangementssikkerhet'),
  ],
  praise: [note('Ros etter kulturnatt', 'Mange positive tilbakemeldinger etter kulturnatten.')],
};
