// Governing documents (Tønsberg's self-assessment list, seed 000) and typical procedures per sector and unit, with reviewers and review dates.
import type { Area } from './catalogue.js';
import { nextReviewDateAfter, toOsloDate, type GoverningDocument, type GoverningDocumentType } from '../domain/index.js';
import { workingHours } from './measures.js';
import type { Organisation } from './organisation.js';
import { int, pick, sample, weighted, type Random } from './random.js';

/** The overarching documents and their owner areas, as listed in seed 000 (ØV: økonomi og virksomhetsstyring; OU: organisasjon/HR). */
export const TONSBERG_GOVERNING_DOCUMENTS: readonly (readonly [area: 'ØV' | 'OU', title: string, type: GoverningDocumentType])[] = [
  ['ØV', 'Finansreglement', 'regulation'],
  ['ØV', 'Anskaffelsesstrategi 2021–2024', 'strategy'],
  ['ØV', 'Økonomireglement', 'regulation'],
  ['ØV', 'Kvalitetsstrategi', 'strategy'],
  ['ØV', 'Eierskapsmelding 2021–2024', 'report'],
  ['OU', 'Etiske retningslinjer', 'guideline'],
  ['OU', 'Heltidsstrategi', 'strategy'],
  ['OU', 'Rekrutteringsstrategi Tønsberg kommune', 'strategy'],
  ['OU', 'Arbeidsgiverstrategi', 'strategy'],
  ['OU', 'Arbeidsreglement', 'regulation'],
  ['OU', 'Trafikksikkerhet for ansatte i tjeneste', 'guideline'],
  ['OU', 'Reglement for nedbemanning og overtallighet', 'regulation'],
  ['OU', 'Lønnspolitisk plan', 'plan'],
  ['OU', 'Varsling om kritikkverdige forhold', 'routine'],
  ['OU', 'Politisk reglement Tønsberg kommune 2024–2027', 'regulation'],
];

const OWNER_SECTOR: Readonly<Record<'ØV' | 'OU', string>> = { ØV: 'ov', OU: 'hr' };

/** Procedures approved by the kommunalsjef for the whole sector (seed 001, appendix 3). */
export const SECTOR_PROCEDURES: Readonly<Record<string, readonly string[]>> = {
  mh: ['Legemiddelhåndtering', 'Fallforebygging', 'Forebygging av trykksår', 'Smittevern og hygiene', 'Bruk av tvang og makt', 'Ernæring og måltider',
    'Dokumentasjon i pasientjournal', 'Nøkkelhåndtering i hjemmetjenesten', 'Håndtering av dødsfall', 'Varsel om alvorlige hendelser til Statens helsetilsyn'],
  ol: ['Trygt og godt skolemiljø – aktivitetsplikten', 'Beredskap ved alvorlige hendelser i skole og barnehage', 'Svømmeopplæring',
    'Turer og aktiviteter utenfor skole og barnehage', 'Henting og bringing', 'Allergi og spesialkost', 'Bekymringsmelding til barneverntjenesten', 'Oppfølging av elevfravær'],
  ov: ['Avvikshåndtering', 'Overordnet risikovurdering', 'Internrevisjon', 'Attestasjon og anvisning', 'Innkjøp og bestilling', 'Budsjettoppfølging'],
  hr: ['Rekruttering og ansettelse', 'Oppfølging av sykefravær', 'Vold og trusler mot ansatte', 'Permisjoner', 'Varsling – saksbehandling for mottakere'],
  dka: ['Informasjonssikkerhet og personvern', 'Tilgangsstyring', 'Arkiv og journalføring', 'Behandling av innsynskrav', 'Personopplysninger på avveie'],
  ett: ['Brannvern i kommunale bygg', 'Arbeidsvarsling ved arbeid på vei', 'Kjemikaliehåndtering', 'Beredskap for drikkevann', 'Alenearbeid', 'Røykdykking'],
  sn: ['Byggesaksbehandling', 'Klagebehandling', 'Habilitet i saksbehandling'],
  kni: ['Arrangementssikkerhet', 'Utlån av instrumenter og utstyr', 'Sikkerhet ved alenearbeid i åpne lokaler', 'Mottak og bosetting av flyktninger'],
};

/** Local procedures a unit leader approves for the unit. */
const UNIT_PROCEDURES: Readonly<Record<Area, readonly string[]>> = {
  care: ['Rapport ved vaktskifte', 'Lokal brannvernrutine', 'Bruk av alarmer og varslingssystem'],
  school: ['Beredskapsplan', 'Ordensreglement', 'Friminuttsvakt'],
  kindergarten: ['Beredskapsplan', 'Levering og henting', 'Soving ute'],
  childHealth: ['Postmottak og registrering', 'Bruk av tolk'],
  welfare: ['Publikumsmottak', 'Bruk av tolk'],
  office: ['Fravær og stedfortreder', 'Lokal arkivrutine'],
  technical: ['Sikker jobbanalyse', 'Lokal HMS-rutine', 'Vakt og beredskap'],
  fire: ['Vaktordning', 'Kontroll av utstyr'],
  culture: ['Lokal brannvernrutine', 'Åpning og stenging'],
};

const DAY = 86_400_000;

/**
 * Documents with a reviewer (revisjonsansvarlig) from the owner's area. Approved ones were approved
 * between three weeks and sixteen months before `now`, so about a quarter are past their yearly
 * review (seed 001: reviewed at least once a year); a few wait for approval or are drafts.
 */
export function generateDocuments(random: Random, org: Organisation, now: Date): GoverningDocument[] {
  const { directory: dir } = org;
  const docs: GoverningDocument[] = [];
  const unitById = new Map(org.units.map((u) => [u.id, u]));
  const reviewersInSector = (sectorId: string) => [
    ...(dir.reviewerIds.get(sectorId) ?? []),
    ...org.units.filter((u) => u.parentId === sectorId).flatMap((u) => dir.reviewerIds.get(u.id) ?? []),
  ];

  const add = (title: string, ownerUnitId: string, reviewerId: string, governing: { type: GoverningDocumentType; area: string } | null) => {
    const owner = unitById.get(ownerUnitId);
    if (!owner) throw new Error(`Unknown owner unit ${ownerUnitId}`);
    const status = weighted(random, [['approved', 92], ['awaitingApproval', 5], ['draft', 3]] as const);
    const approvedAt = status === 'approved' ? new Date(Math.min(now.getTime(), workingHours(random, now.getTime() - int(random, 20, 480) * DAY))) : null;
    docs.push({
      id: `document-${String(docs.length + 1).padStart(4, '0')}`,
      kind: governing ? 'governingDocument' : 'procedure',
      governingType: governing?.type ?? null,
      title,
      ownerUnitId,
      ownerArea: governing?.area ?? null,
      reviewerId,
      version: status === 'draft' ? 1 : int(random, 1, 5),
      status,
      approvedById: approvedAt ? owner.leaderId : null,
      approvedAt: approvedAt?.toISOString() ?? null,
      nextReviewDate: approvedAt ? nextReviewDateAfter(toOsloDate(approvedAt)) : null,
    });
  };

  const municipalityName = org.units.find((u) => u.level === 'municipality')?.name ?? 'Tønsberg kommune';
  for (const [area, title, type] of TONSBERG_GOVERNING_DOCUMENTS) {
    const sectorId = OWNER_SECTOR[area];
    add(title.replace('Tønsberg kommune', municipalityName), sectorId, pick(random, reviewersInSector(sectorId)), { type, area });
  }
  for (const sector of org.units.filter((u) => u.level === 'sector')) {
    const own = dir.reviewerIds.get(sector.id) ?? [];
    const all = reviewersInSector(sector.id);
    for (const title of SECTOR_PROCEDURES[sector.id] ?? []) add(title, sector.id, pick(random, own.length > 0 && random() < 0.6 ? own : all), null);
  }
  for (const node of org.plan) {
    const reviewer = dir.reviewerIds.get(node.id)?.[0];
    if (node.level !== 'unit' || reviewer === undefined) continue;
    const titles = UNIT_PROCEDURES[node.area];
    for (const title of sample(random, titles, int(random, 1, titles.length))) add(`${title} – ${node.name}`, node.id, reviewer, null);
  }
  return docs;
}
