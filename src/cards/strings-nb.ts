// Bokmål: the reference catalogue. Its keys define every text the bot and its cards show; nn and en must have them all.
//
// Placeholders are `{name}`; t() fills them. Keys for kinds, severities, statuses and consequence-for
// are the domain's code values, so a label is `kind.${kind}`.

export const nb = {
  // Kinds, severities, statuses, consequence-for (the domain's code values)
  'kind.adverseEvent': 'Avvik',
  'kind.nearMiss': 'Nestenuhell',
  'kind.improvementProposal': 'Forbedringsforslag',
  // Asker's "positive tiltak" (seed 004); shown as feedback so it is not read as a measure (tiltak).
  'kind.positiveFeedback': 'Positiv tilbakemelding',
  'kind.inspectionFinding': 'Funn fra tilsyn',
  'kind.auditFinding': 'Funn fra revisjon',
  'kind.whistleblowingReport': 'Varsling om kritikkverdige forhold',
  'severity.low': 'Lav',
  'severity.medium': 'Middels',
  'severity.high': 'Høy',
  'severity.critical': 'Kritisk',
  'status.new': 'Ny',
  'status.received': 'Mottatt',
  'status.underAnalysis': 'Under analyse',
  'status.measuresDecided': 'Tiltak besluttet',
  'status.closed': 'Lukket',
  'consequenceFor.serviceUser': 'Tjenestemottaker (bruker, pasient, elev)',
  'consequenceFor.employee': 'Ansatt',
  'consequenceFor.organisation': 'Organisasjonen',
  'consequenceFor.environment': 'Miljø og omgivelser',

  // Dates: Språkrådet's abbreviations; 23. nov. 2026 kl. 14:05
  'date.monthsShort': 'jan.|feb.|mar.|apr.|mai|jun.|jul.|aug.|sep.|okt.|nov.|des.',
  'date.date': '{day}. {month} {year}',
  'date.dateTime': '{date} kl. {time}',

  // Shared card texts
  'card.caseNumber': 'Saksnummer',
  'card.kind': 'Type',
  'card.unit': 'Enhet',
  'card.status': 'Status',
  'card.severity': 'Alvorlighetsgrad',
  'card.reportedAt': 'Meldt',
  'card.title': 'Tittel',
  'card.openCase': 'Åpne saken',

  // Welcome
  'welcome.greeting': 'Hei, {name}!',
  'welcome.greetingNoName': 'Hei!',
  'welcome.intro':
    'Jeg er Varde, kommunens kvalitetssystem i Teams. Her melder du avvik, nestenuhell og forbedringsforslag på under ett minutt, og du ser hva som skjer med meldingene dine.',
  'welcome.culture': 'Vi melder for å lære, ikke for å finne syndebukker. Ingen gjør feil med vilje.',
  'welcome.reportDeviation': 'Meld avvik',
  'welcome.newProposal': 'Nytt forbedringsforslag',
  'welcome.myReports': 'Mine meldinger',
  'welcome.whistleblowing': 'Varsle om kritikkverdige forhold',

  // Report form
  'form.title': 'Ny melding',
  'form.intro': 'Skriv det du vet nå. Lederen din kan spørre om mer senere.',
  'form.privacy': 'Ikke skriv navn, fødselsnummer eller andre personopplysninger om tjenestemottakere.',
  'form.kind': 'Hva vil du melde?',
  'form.description.event': 'Hva skjedde?',
  'form.description.proposal': 'Hva er forslaget ditt?',
  'form.description.feedback': 'Hva vil du fremheve?',
  'form.description.placeholder': 'Beskriv kort hva det gjelder.',
  'form.location': 'Hvor skjedde det?',
  'form.location.placeholder': 'For eksempel avdeling, rom eller adresse',
  'form.date': 'Dato',
  'form.time': 'Klokkeslett',
  'form.unit': 'Hvilken enhet gjelder det?',
  'form.consequenceFor': 'Hvem ble rammet, eller kunne blitt det?',
  'form.immediateAction': 'Hva gjorde du med en gang?',
  'form.immediateAction.placeholder': 'Strakstiltak, for eksempel at du varslet sykepleier',
  'form.severity': 'Hvor alvorlig var det, eller kunne det blitt?',
  'form.severity.hint': 'Gjelder avvik og nestenuhell.',
  'form.submit': 'Send',
  'form.errorSummary': 'Meldingen er ikke sendt ennå. Rett dette og send på nytt:',
  'form.error.kindMissing': 'Velg hva du vil melde.',
  'form.error.descriptionMissing': 'Skriv kort hva det gjelder.',
  'form.error.descriptionTooLong': 'Teksten kan ha høyst {max} tegn.',
  'form.error.unitMissing': 'Velg hvilken enhet det gjelder.',
  'form.error.severityMissing': 'Velg alvorlighetsgrad for avviket eller nestenuhellet.',
  'form.error.occurredInFuture': 'Tidspunktet kan ikke være fram i tid.',
  'form.error.dateInvalid': 'Skriv datoen som dd.mm.åååå.',
  'form.error.timeInvalid': 'Skriv klokkeslettet som tt:mm.',
  'form.whistleblowing.title': 'Varsling om kritikkverdige forhold',
  'form.whistleblowing.notice':
    'Varselet behandles fortrolig: bare de som skal behandle varsler etter kommunens varslingsrutine, ser det. Du er vernet mot gjengjeldelse (arbeidsmiljøloven § 2 A-2).',
  'form.whistleblowing.ordinaryHint': 'Gjelder det en feil eller en uønsket hendelse i arbeidet, bruk «Meld avvik» i stedet.',
  'form.whistleblowing.description': 'Hva vil du varsle om?',
  'form.whistleblowing.placeholder': 'Hva skjer eller har skjedd, hvem er involvert, og pågår det fortsatt?',
  'form.whistleblowing.submit': 'Send varselet',

  // Receipt
  'receipt.title': 'Takk! Meldingen er registrert.',
  'receipt.title.whistleblowing': 'Takk! Varselet ditt er mottatt.',
  'receipt.pending.title': 'Meldingen er lagret, men ikke sendt videre ennå',
  'receipt.pending.body':
    'Meldingen er lagret, men kvalitetssystemet har mye å gjøre akkurat nå. Vi prøver igjen automatisk og gir deg beskjed når den er registrert. Du trenger ikke melde på nytt.',
  'receipt.trail': 'Saksgang',
  'receipt.next': 'Hva skjer nå?',
  'receipt.next.new': 'Nærmeste leder har fått beskjed og tar imot saken.',
  'receipt.next.received': 'Lederen har tatt imot saken og ser på hva som skjedde.',
  'receipt.next.underAnalysis': 'Lederen finner årsaken, for eksempel med «5 hvorfor», og vurderer tiltak.',
  'receipt.next.measuresDecided': 'Tiltak er besluttet. Du kan følge dem i Varde.',
  'receipt.next.closed': 'Saken er lukket. Takk for at du meldte – det gjør tjenestene våre bedre.',
  'receipt.next.whistleblowing': 'Varselet behandles fortrolig etter kommunens varslingsrutine. Du får tilbakemelding innen rimelig tid.',

  // Leader notification
  'leader.heading': 'Ny melding til deg som leder',
  'leader.takeCase': 'Ta saken',
  'leader.open': 'Åpne',
  'leader.takenBy': 'Tatt av {name} {time}',

  // Channel alert: no free text from the case, ever (GDPR art. 9, Normen)
  'channel.heading': 'Alvorlig sak meldt',
  'channel.body': 'Detaljene står i saken i Varde, for dem som har tilgang.',

  // My reports
  'myReports.title': 'Mine meldinger',
  'myReports.empty': 'Du har ingen meldinger ennå. Når du melder avvik eller forbedringsforslag, kan du følge dem her.',
  'myReports.count': 'Viser {shown} av {total}',
  'myReports.showMore': 'Vis flere i Varde',

  // Status messages to the reporter (plain text)
  'message.receive': 'Saken din {caseNumber} er mottatt av {actor}.',
  'message.receive.noActor': 'Saken din {caseNumber} er mottatt.',
  'message.startAnalysis': 'Saken din {caseNumber} er under analyse: {actor} ser på hva som skjedde og hvorfor.',
  'message.startAnalysis.noActor': 'Saken din {caseNumber} er under analyse.',
  'message.decideMeasures': 'Det er besluttet tiltak i saken din {caseNumber}.',
  'message.close': 'Saken din {caseNumber} er lukket. Takk for at du meldte!',
  'message.reopen': 'Saken din {caseNumber} er åpnet igjen.',
  'message.measureAdded': 'Det er lagt til et nytt tiltak i saken din {caseNumber}.',
  'message.delivered': 'Meldingen din er nå registrert som {caseNumber}.',
  'message.feedback': 'Tilbakemelding på saken din {caseNumber}:',

  // Bot replies
  'bot.help': 'Skriv «meld avvik», «forbedringsforslag» eller «mine meldinger», eller trykk på en knapp.',
  'bot.didNotUnderstand': 'Det forsto jeg ikke.',
  'bot.error': 'Noe gikk galt hos oss. Prøv igjen om litt.',
  'bot.busy': 'Varde har mye å gjøre akkurat nå. Prøv igjen om et minutt.',
  'bot.caseNotFound': 'Fant ingen sak {caseNumber} som du har tilgang til.',
  'bot.caseAlreadyTaken': 'Saken er allerede tatt av {name}.',
  'bot.forbidden': 'Du har ikke tilgang til å gjøre dette.',
  'bot.alreadySubmitted': 'Denne meldingen er allerede sendt ({caseNumber}).',
  'bot.attachmentsOnSubmit': 'Filene legges ved saken når du sender meldingen.',
  'bot.fileTooLarge': 'Filen «{name}» ble ikke tatt med fordi den er større enn {maxMb} MB. Meldingen kan sendes uten den.',
  'bot.fileNotAllowed': 'Filen «{name}» ble ikke tatt med: Varde tar imot bilder, PDF, Office-dokumenter og tekstfiler. Meldingen kan sendes uten den.',
  'bot.fileUnavailable': 'Filen «{name}» kunne ikke hentes fra Teams. Meldingen kan sendes uten den, og filen kan legges til i saken i Varde etterpå.',
  'bot.tooManyFiles': 'Du kan sende med høyst {max} filer; «{name}» ble ikke tatt med.',
  'bot.filesMissing': 'Filene ({names}) kom ikke med meldingen. Legg dem til i saken i Varde.',
  'bot.fileNotStored': 'Filen «{name}» kunne ikke lagres i saken {caseNumber}. Legg den til i saken i Varde.',
  'bot.personalOnly': 'Meld avvik i en personlig chat med Varde, ikke i en kanal.',
} as const satisfies Record<string, string>;

export type StringKey = keyof typeof nb;
export type Catalogue = Readonly<Record<StringKey, string>>;
