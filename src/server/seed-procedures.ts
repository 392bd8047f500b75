// The demo municipality's procedures and governing documents (issue 8): real small files — procedures as .docx,
// governing documents as .pdf, both passing the upload's content check — with the workflow's metadata; approved ones
// published as major versions, with their approval in the history; and reading lists for a few recent ones, most of
// them confirmed, so the tab's reading list and coverage have something to show.
//
// Safe to run again: a file already in the library is not uploaded twice (its name is its key); each document is
// uploaded, published (approved ones) and described in one go, and a file whose description failed is removed again.
import { type ProcedureDocument, type GoverningDocument, type OrgUnit, type Person, appliesToPerson, orgUnitsById } from '../domain/index.js';
import { DuplicateFileName, type NewProcedureDocument } from '../app/ports/index.js';
import { writeDocx, writePdf } from '../app/procedures/index.js';
import { type DemoMunicipality, demoPersonas } from '../demo/index.js';
import type { SharePointRepositories } from '../sharepoint/repositories/index.js';

export interface ProcedureSeedReport {
  created: number;
  alreadyPresent: number;
  failed: number;
  readingEntries: number;
  confirmations: number;
}

const IN_FLIGHT = 8;

/** A file name SharePoint takes (the library's key for the demo document). */
export function demoFileName(d: GoverningDocument): string {
  return `${d.title.replace(/[\\/:*?"<>|#%]/g, '-')}.${d.kind === 'procedure' ? 'docx' : 'pdf'}`;
}

/** A few paragraphs a procedure of that title could have: purpose, scope, responsibility, steps. */
export function demoDocumentFile(d: GoverningDocument, unitName: string): Uint8Array {
  const paragraphs = [
    `Formål: ${d.kind === 'procedure' ? 'Prosedyren beskriver hvordan vi gjør det' : 'Dokumentet fastsetter kommunens retning og regler'} for ${d.title.toLowerCase()}, slik at alle gjør det likt og trygt.`,
    `Gjelder for: ${unitName} og alle enheter under.`,
    'Ansvar: Leder har ansvar for at prosedyren er kjent og fulgt. Alle ansatte har ansvar for å lese den og melde avvik når den ikke kan følges.',
    'Fremgangsmåte: 1) Les prosedyren før du utfører oppgaven. 2) Følg trinnene i rekkefølge. 3) Dokumenter det som er gjort. 4) Meld avvik i Varde dersom noe går galt.',
    'Revisjon: Revisjonsansvarlig vurderer prosedyren minst én gang i året.',
    'Demodokument i Varde. Innholdet er eksempeltekst.',
  ];
  return d.kind === 'procedure' ? writeDocx(d.title, paragraphs) : writePdf(d.title, paragraphs);
}

function asProcedureDocument(d: GoverningDocument, units: ReadonlyMap<string, OrgUnit>, now: Date): NewProcedureDocument {
  const owner = units.get(d.ownerUnitId);
  const submittedAt = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  return {
    id: d.id,
    kind: d.kind,
    documentType: d.kind === 'procedure' ? 'procedure' : (d.governingType ?? 'guideline'),
    title: d.title,
    description: `${d.kind === 'procedure' ? 'Prosedyre' : 'Styringsdokument'} for ${owner?.name ?? 'kommunen'}.`,
    keywords: [],
    ownerUnitId: d.ownerUnitId,
    level: owner?.level ?? 'unit',
    ownerArea: d.ownerArea,
    reviewerId: d.reviewerId,
    appliesToUnitIds: [d.ownerUnitId],
    appliesToRoles: [],
    relatedRiskItemIds: [],
    status: d.status === 'approved' ? 'draft' : d.status,
    approvedVersion: null,
    approvedAt: null,
    approvedById: null,
    readingVersion: null,
    nextReviewDate: null,
    lastReviewedOn: null,
    pending: d.status === 'awaitingApproval' ? { version: '0.1', submittedById: d.reviewerId, submittedAt, substantive: true, changeNote: null } : null,
    approvals: [],
    reviews: [],
    createdById: d.reviewerId,
  };
}

export async function seedProcedures(repos: SharePointRepositories, m: DemoMunicipality, progress: (done: number, total: number) => void = () => {}): Promise<ProcedureSeedReport> {
  const { library, reading } = repos.procedures;
  const units = orgUnitsById(m.units);
  const report: ProcedureSeedReport = { created: 0, alreadyPresent: 0, failed: 0, readingEntries: 0, confirmations: 0 };
  const stored: ProcedureDocument[] = [];
  let next = 0;
  let done = 0;
  const one = async (d: GoverningDocument) => {
    try {
      const approved = d.status === 'approved' && d.approvedAt !== null;
      const base = asProcedureDocument(d, units, new Date(m.now));
      const approvedById = d.approvedById ?? units.get(d.ownerUnitId)?.leaderId ?? d.reviewerId;
      // An approved demo document is uploaded and published at once ('1.0'), its approval in the history.
      const doc: NewProcedureDocument = approved
        ? {
            ...base,
            status: 'approved',
            approvedVersion: '1.0',
            approvedAt: d.approvedAt,
            approvedById,
            readingVersion: '1.0',
            nextReviewDate: d.nextReviewDate,
            approvals: [
              { submittedVersion: '0.1', publishedVersion: '1.0', outcome: 'approved', byId: approvedById, at: d.approvedAt as string, comment: null, submittedById: d.reviewerId, submittedAt: d.approvedAt as string, substantive: true, changeNote: null },
            ],
          }
        : base;
      const file = {
        name: demoFileName(d),
        bytes: demoDocumentFile(d, units.get(d.ownerUnitId)?.name ?? ''),
        contentType: d.kind === 'procedure' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
      };
      try {
        stored.push((await library.create(doc, file, { publish: approved })).value);
        report.created++;
      } catch (err) {
        if (!(err instanceof DuplicateFileName)) throw err;
        // A second run (the file is there), or two demo documents with one title in one library (the first wins).
        report.alreadyPresent++;
        const existing = await library.get(d.id, d.kind);
        if (existing) stored.push(existing.value);
      }
    } catch {
      report.failed++;
    } finally {
      progress(++done, m.documents.length);
    }
  };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < m.documents.length) await one(m.documents[next++] as GoverningDocument);
    }),
  );

  // Reading lists for the most recently approved documents people would still be reading: the demo employee's first.
  const persona = demoPersonas(m).find((p) => p.key === 'employee');
  const people = m.people;
  const recent = stored
    .filter((d) => d.status === 'approved' && d.approvedAt !== null)
    .sort((a, b) => (b.approvedAt as string).localeCompare(a.approvedAt as string));
  const audience = (doc: ProcedureDocument): Person[] => people.filter((p) => appliesToPerson(doc, p, units));
  const chosen: ProcedureDocument[] = [];
  const forPersona = persona ? recent.filter((d) => appliesToPerson(d, people.find((p) => p.id === persona.personId) as Person, units)).slice(0, 2) : [];
  chosen.push(...forPersona);
  let entries = chosen.reduce((n, d) => n + audience(d).length, 0);
  for (const doc of recent) {
    if (chosen.length >= 8 || chosen.includes(doc)) continue;
    const size = audience(doc).length;
    if (size === 0 || entries + size > 1500) continue;
    chosen.push(doc);
    entries += size;
  }
  for (const [i, doc] of chosen.entries()) {
    const who = audience(doc);
    const assignedAt = doc.approvedAt as string;
    const outcome = await reading.addEntries(who.map((p) => ({ documentId: doc.id, version: doc.approvedVersion as string, personId: p.id, unitId: p.unitId, assignedAt, reason: 'approved' as const })));
    report.readingEntries += outcome.created + outcome.alreadyPresent;
    // About two in three have read it; the persona leaves the first one (the newest) for the demo to confirm.
    const readers = who.filter((p, n) => (n + i) % 3 !== 0 && !(i === 0 && p.id === persona?.personId));
    const confirmed = await reading.importConfirmations(
      readers.map((p, n) => ({
        documentId: doc.id,
        version: doc.approvedVersion as string,
        personId: p.id,
        unitId: p.unitId,
        confirmedAt: new Date(Math.min(Date.parse(m.now), Date.parse(assignedAt) + (n + 1) * 3_600_000)).toISOString(),
      })),
    );
    report.confirmations += confirmed.created + confirmed.alreadyPresent;
  }
  return report;
}
