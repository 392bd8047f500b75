// The yearly self-assessment of the overarching (governing) documents per owner area (issue 8, item 6; seed 000:
// Tønsberg sends out "egenvurdering" of its regulations, strategies and plans per owner area ØV/OU each year).
//
// One assessment per document and year, by the owner (leader or deputy of the owner unit), the reviewer or a quality
// adviser: a checklist, an overall judgement, a comment, and follow-up measures that go onto the common action list
// (source 'procedureSelfAssessment', the owner unit's list). 'needsRevision' also opens the document for revision, as
// the yearly review's 'revise' does.
import {
  type ChecklistAnswer,
  type ChecklistQuestionId,
  type DocumentSelfAssessment,
  type Measure,
  type Person,
  type ProcedureDocument,
  SELF_ASSESSMENT_CHECKLIST,
  changeMeasureStatus,
  createMeasure,
  hasRole,
  isInForce,
  mayAssess,
  mayView,
  osloYear,
  reviewDocument,
  toOsloDate,
  unitsLedBy,
} from '../../domain/index.js';
import { DuplicateRecord } from '../ports/index.js';
import type { ProcedureContext } from './context.js';
import { ProcedureFailure, forbidden, notFound } from './errors.js';
import type { ProcedureIndex } from './procedure-index.js';

export interface SelfAssessmentInput {
  readonly year?: number;
  readonly answers: Readonly<Partial<Record<ChecklistQuestionId, ChecklistAnswer>>>;
  readonly outcome: DocumentSelfAssessment['outcome'];
  readonly comment: string;
  readonly measures: readonly { readonly title: string; readonly description?: string; readonly ownerId: string; readonly deadline: string }[];
}

export interface SelfAssessmentRow {
  readonly doc: ProcedureDocument;
  readonly assessment: DocumentSelfAssessment | null;
  readonly canAssess: boolean;
}

export class SelfAssessments {
  constructor(
    private readonly ctx: ProcedureContext,
    private readonly index: ProcedureIndex,
  ) {}

  readonly checklist = SELF_ASSESSMENT_CHECKLIST;

  /** Leaders, quality advisers and coordinators see the year's list; others are refused. */
  async overview(viewer: Person, year: number, ownerArea?: string): Promise<SelfAssessmentRow[]> {
    const units = await this.ctx.deps.org.units();
    const leads = unitsLedBy(viewer.id, units).length > 0;
    if (!leads && !hasRole(viewer, 'qualityAdviser') && !hasRole(viewer, 'qualityCoordinator')) throw forbidden('Egenvurderingen er for ledere og kvalitetsrådgivere.');
    await this.index.fresh();
    const assessments = new Map((await this.ctx.deps.selfAssessments.forYear(year)).map((a) => [a.documentId, a]));
    return this.index
      .all()
      .filter((d) => d.kind === 'governingDocument' && isInForce(d) && (ownerArea === undefined || d.ownerArea === ownerArea))
      .sort((a, b) => (a.ownerArea ?? '').localeCompare(b.ownerArea ?? '', 'nb') || a.title.localeCompare(b.title, 'nb'))
      .map((doc) => ({ doc, assessment: assessments.get(doc.id) ?? null, canAssess: mayAssess(viewer, doc, units) }));
  }

  async forDocument(viewer: Person, documentId: string): Promise<DocumentSelfAssessment[]> {
    const [stored, units] = await Promise.all([this.ctx.deps.library.get(documentId), this.ctx.deps.org.units()]);
    if (!stored || !mayView(viewer, stored.value, units)) throw notFound();
    return (await this.ctx.deps.selfAssessments.forDocument(documentId)).sort((a, b) => b.year - a.year);
  }

  /** The measures' owners must be people of the organisation; their deadlines are checked by the domain. */
  async create(viewer: Person, documentId: string, input: SelfAssessmentInput): Promise<{ assessment: DocumentSelfAssessment; measures: Measure[] }> {
    const [stored, units] = await Promise.all([this.ctx.deps.library.get(documentId), this.ctx.deps.org.units()]);
    if (!stored || !mayView(viewer, stored.value, units)) throw notFound();
    const doc = stored.value;
    if (!mayAssess(viewer, doc, units)) throw forbidden('Egenvurderingen gjøres av eieren av dokumentet, revisjonsansvarlig eller kvalitetsrådgiveren.');
    const now = this.ctx.now();
    const year = input.year ?? osloYear(now);
    const existing = await this.ctx.deps.selfAssessments.forDocument(documentId);
    if (existing.some((a) => a.year === year)) throw new ProcedureFailure('conflict', `Dokumentet er allerede egenvurdert for ${year}.`);
    for (const [i, m] of input.measures.entries()) {
      if (!(await this.ctx.deps.org.person(m.ownerId))) throw new ProcedureFailure('invalid', 'Finner ikke den ansvarlige for tiltaket i organisasjonen.', { field: `measures.${i}.ownerId` });
    }
    const id = this.ctx.newId();
    const measures: Measure[] = [];
    for (const [i, m] of input.measures.entries()) {
      const made = createMeasure(
        { id: this.ctx.newId(), title: m.title, description: m.description ?? '', source: { type: 'procedureSelfAssessment', selfAssessmentId: id }, ownerId: m.ownerId, unitId: doc.ownerUnitId, deadline: m.deadline },
        now,
      );
      if (!made.ok) throw new ProcedureFailure('invalid', made.error.message, { field: `measures.${i}` });
      measures.push(made.value);
    }
    // The measures first (each idempotent on its id), then the assessment naming them: a second assessment of the same
    // year that slipped past the check above meets the unique YearKey, and its measures are cancelled again.
    const stored2: Measure[] = [];
    for (const m of measures) stored2.push((await this.ctx.deps.measures.create(m)).value);
    const assessment: DocumentSelfAssessment = {
      id,
      documentId,
      year,
      ownerArea: doc.ownerArea,
      assessedById: viewer.id,
      assessedOn: toOsloDate(now),
      answers: input.answers,
      outcome: input.outcome,
      comment: input.comment,
      measureIds: measures.map((m) => m.id),
    };
    try {
      await this.ctx.deps.selfAssessments.create(assessment);
    } catch (err) {
      if (!(err instanceof DuplicateRecord)) throw err;
      await this.cancel(stored2);
      throw new ProcedureFailure('conflict', `Dokumentet er allerede egenvurdert for ${year}.`);
    }
    if (input.outcome === 'needsRevision' && doc.status === 'approved') {
      const revised = reviewDocument(doc, viewer, 'revise', `Egenvurdering ${year}: bør revideres.`, units, now);
      if (revised.ok) {
        await this.ctx.deps.library
          .update(revised.value, stored.etag)
          .then((saved) => this.index.put(saved.value))
          .catch((err: unknown) => this.ctx.logError('procedures.selfAssessmentReviseFailed', err));
      }
    }
    this.ctx.log('procedures.selfAssessed', { outcome: input.outcome, measures: measures.length });
    return { assessment, measures: stored2 };
  }

  private async cancel(measures: readonly Measure[]): Promise<void> {
    for (const m of measures) {
      const stored = await this.ctx.deps.measures.get(m.id).catch(() => null);
      const cancelled = stored ? changeMeasureStatus(stored.value, { to: 'cancelled', reason: 'Egenvurderingen ble lagret av en annen samtidig.' }, this.ctx.now()) : null;
      if (stored && cancelled?.ok) await this.ctx.deps.measures.update(cancelled.value, stored.etag).catch(() => undefined);
    }
  }
}
