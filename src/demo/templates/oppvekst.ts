// Report templates for schools, kindergartens, and health station, PPT and child welfare: bokmål, no names.
import { ev, note, only, type AreaTemplates } from './types.js';

const SU = ['serviceUser'] as const;
const EMP = ['employee'] as const;
const ORG = ['organisation'] as const;

export const SCHOOL: AreaTemplates = {
  events: [
    only(['primarySchool'], ev('Elev skadet i friminuttet', 'Elev på {grade}. trinn falt fra klatrestativet og slo hodet. Foresatte ble kontaktet og eleven hentet.', 'physicalEnvironment', SU,
      { health: true, severity: [50, 38, 10, 2], immediateAction: 'Førstehjelp gitt; foresatte kontaktet.' })),
    only(['primarySchool', 'lowerSecondary'], ev('Vold mot ansatt', 'Elev på {grade}. trinn sparket og slo en ansatt under en konflikt i garderoben.', 'staffing', EMP,
      { severity: [35, 45, 17, 3], immediateAction: 'Eleven skjermet; ansatt fikk oppfølging av leder samme dag.', measure: 'Oppdatere elevens tiltaksplan og gjennomgå rutinen for vold og trusler' })),
    ev('Trusler i klasserommet', 'Elev kom med trusler mot medelev og ansatt i timen. Eleven ble fulgt ut og foresatte kontaktet.', 'communication', ['employee', 'serviceUser'],
      { severity: [40, 45, 13, 2] }),
    ev('Melding om krenkelser mellom elever', 'Melding om at en elev over tid er holdt utenfor og kalt stygge ting. Aktivitetsplikten etter opplæringsloven er satt i gang.', 'communication', SU,
      { severity: [30, 50, 17, 3], measure: 'Aktivitetsplan med tiltak, ansvar og evaluering' }),
    only(['primarySchool', 'lowerSecondary'], ev('Elev forlot skolen uten beskjed', 'Elev på {grade}. trinn var borte etter storefri og ble funnet hjemme etter {minutes} minutter. Foresatte varslet.', 'routine', SU,
      { severity: [35, 45, 17, 3] })),
    only(['primarySchool'], ev('Allergisk reaksjon på SFO', 'Elev med nøtteallergi fikk en reaksjon etter mellommåltid på SFO. Adrenalinpenn ble brukt og AMK kontaktet.', 'communication', SU,
      { health: true, severity: [15, 45, 30, 10], measure: 'Oversikt over allergier tilgjengelig på kjøkkenet og i vikarpermen' })),
    only(['primarySchool', 'lowerSecondary'], ev('Personopplysninger sendt til feil foresatt', 'En melding om en elevs oppfølging ble sendt til feil foresatt i skole–hjem-løsningen.', 'routine', ['organisation', 'serviceUser'],
      { severity: [35, 45, 17, 3] })),
    ev('Elever ikke registrert ved brannøvelse', 'Ved brannøvelse ble {n} elever ikke registrert på oppmøteplassen. De ble funnet inne i bygget.', 'routine', SU),
    only(['primarySchool', 'lowerSecondary'], ev('Klasse uten voksen', 'Klassen var uten voksen i {minutes} minutter fordi vikar ikke var satt opp.', 'staffing', SU, { severity: [55, 35, 8, 2] })),
    only(['primarySchool', 'lowerSecondary'], ev('For få voksne i svømmeopplæringen', 'Svømmeundervisningen ble gjennomført med én voksen for hele gruppen, mot to etter rutinen.', 'staffing', SU,
      { severity: [30, 45, 20, 5], measure: 'Fast bemanningsplan for svømmeopplæringen' })),
  ],
  nearMisses: [
    only(['primarySchool'], ev('Porten mot veien sto åpen', 'Porten fra skolegården mot trafikkert vei sto åpen i friminuttet.', 'physicalEnvironment', SU)),
    ev('Kjemikalier ulåst på naturfagrommet', 'Skapet med kjemikalier på naturfagrommet var ulåst mens elever var alene i rommet.', 'routine', SU),
    only(['primarySchool'], ev('Ukjent voksen ville hente elev', 'En voksen som ikke sto på hentelisten ville hente en elev på SFO. Foresatte bekreftet at det var en misforståelse.', 'communication', SU)),
    only(['primarySchool', 'lowerSecondary'], ev('Elev nær ved å bli påkjørt', 'Elev sprang ut mellom bussene i busslommen og var nær ved å bli påkjørt.', 'physicalEnvironment', SU, { severity: [10, 40, 35, 15] })),
  ],
  proposals: [
    only(['primarySchool'], note('Digital henteliste på SFO', 'Forslag om digital henteliste, så alle ansatte ser hvem som kan hente hvem.', 'Prøve ut digital henteliste på SFO')),
    only(['primarySchool', 'lowerSecondary'], note('Faste voksne på utsatte steder i friminuttet', 'Forslag om fast friminuttsvakt ved klatrestativet og porten mot veien.')),
    note('Felles opplegg for trafikksikkerhet', 'Forslag om felles opplegg for trafikksikkerhet ved skolestart for alle trinn.'),
  ],
  praise: [
    only(['primarySchool', 'lowerSecondary'], note('Takk etter skoletur', 'Foresatte takket for en godt planlagt og trygg skoletur.')),
    note('God oppfølging av ny elev', 'Foresatte ga tilbakemelding om svært god oppfølging av en ny elev i klassen.'),
  ],
};

export const KINDERGARTEN: AreaTemplates = {
  events: [
    ev('Barn skadet på lekeplassen', 'Barn falt fra sklia og fikk et kutt i pannen. Foresatte kontaktet; barnet ble sjekket på legevakten.', 'physicalEnvironment', SU,
      { health: true, severity: [45, 40, 13, 2] }),
    ev('Barn bitt av annet barn', 'Barn ble bitt i armen av et annet barn under frilek. Foresatte til begge barna er informert.', 'staffing', SU, { health: true, severity: [60, 32, 7, 1] }),
    ev('Barn gikk ut av porten', 'Et barn gikk ut av porten ved henting og ble funnet på fortauet utenfor etter få minutter.', 'physicalEnvironment', SU,
      { severity: [20, 40, 30, 10], measure: 'Ny lås på porten og fast rutine for porten ved henting' }),
    ev('Barn hentet av person som ikke sto på hentelisten', 'Barnet ble hentet av en voksen som ikke sto på hentelisten. Foresatte ble ringt etterpå og bekreftet avtalen.', 'routine', SU),
    ev('Allergisk reaksjon etter måltid', 'Barn med melkeallergi fikk utslett etter lunsj. Maten var ikke merket.', 'communication', SU, { health: true, severity: [25, 45, 25, 5] }),
    ev('Ansatt fikk vondt i ryggen ved løft', 'Ansatt fikk vondt i ryggen etter å ha løftet et barn opp på stellebordet, som ikke kan heves.', 'equipment', EMP,
      { measure: 'Bytte til stellebord med heve- og senkefunksjon' }),
    ev('Bemanningsnormen ikke oppfylt', 'Avdelingen hadde {n} barn per voksen store deler av dagen på grunn av fravær.', 'staffing', ['organisation', 'serviceUser']),
  ],
  nearMisses: [
    ev('Barn manglet ved opptelling på tur', 'Ved opptelling etter tur manglet ett barn. Barnet ble funnet ved bussen etter kort tid.', 'routine', SU, { severity: [20, 40, 30, 10] }),
    ev('Rengjøringsmidler innen rekkevidde', 'Rengjøringsmidler sto på gulvet i garderoben, innen rekkevidde for barna.', 'routine', SU),
  ],
  proposals: [
    note('Digital oppmøteliste', 'Forslag om digital oppmøteliste som oppdateres ved levering og henting.'),
    note('Bedre merking av porter', 'Forslag om skilt og selvlukkende porter ved alle utganger.'),
  ],
  praise: [
    note('Takk fra foreldre ved avslutning', 'Foreldre takket for trygge og gode barnehageår ved avslutningen for skolestarterne.'),
  ],
};

export const CHILD_HEALTH: AreaTemplates = {
  events: [
    only(['childrenAndYouth'], ev('Vaksine satt med feil intervall', 'Barn fikk andre dose vaksine før anbefalt minsteintervall. Oppdaget ved kontroll i journalen.', 'routine', SU,
      { health: true, severity: [40, 45, 13, 2] })),
    ev('Brev med taushetsbelagte opplysninger til feil adresse', 'Et brev med taushetsbelagte opplysninger ble sendt til en tidligere adresse.', 'routine', ['organisation', 'serviceUser'],
      { severity: [25, 45, 25, 5], measure: 'Kontroll av adresse mot folkeregisteret før utsending' }),
    only(['childWelfare'], ev('Frist for undersøkelse overskredet', 'Undersøkelsen ble ikke avsluttet innen lovens frist på grunn av høy saksmengde.', 'staffing', SU, { severity: [30, 45, 20, 5] })),
    only(['childWelfare'], ev('Bekymringsmelding ikke registrert', 'En bekymringsmelding mottatt på e-post ble ikke registrert i fagsystemet før {n} dager senere.', 'routine', SU,
      { severity: [25, 45, 25, 5], measure: 'Felles postmottak med daglig ansvarlig for registrering' })),
    ev('Trusler mot saksbehandler', 'Saksbehandler ble truet av en pårørende i telefonen etter et vedtak.', 'externalFactors', EMP, { severity: [35, 45, 17, 3] }),
    ev('Journalnotat i feil journal', 'Et journalnotat ble lagret i feil barns journal og oppdaget ved neste konsultasjon.', 'routine', SU, { health: true }),
  ],
  nearMisses: [
    only(['childrenAndYouth'], ev('Feil vaksine nesten gitt', 'Feil vaksine var tatt frem til konsultasjonen. Oppdaget ved kontroll av vaksinasjonsplanen.', 'routine', SU, { health: true })),
    ev('Taushetsbelagt dokument på skriveren', 'Et dokument med taushetsbelagte opplysninger lå igjen på felles skriver.', 'routine', ORG),
  ],
  proposals: [
    only(['childrenAndYouth'], note('SMS-påminnelse om time', 'Forslag om SMS-påminnelse dagen før time på helsestasjonen for å redusere uteblivelser.')),
    note('Felles mal for samarbeidsmøter', 'Forslag om en felles mal for referat fra samarbeidsmøter med skole og barnehage.'),
  ],
  praise: [
    note('Takk for god oppfølging', 'Foresatte takket for god og trygg oppfølging gjennom en vanskelig periode.'),
  ],
};
