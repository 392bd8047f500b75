// The use cases behind /api/risk: assessments and their rows, the steps from draft to forwarded, escalation to KLG,
// measures onto the common action list, and deviations linked to the risk they realised.
//
// Every read and write goes through the access rules in src/domain/risk-steps.ts; the assessment's status is read
// from SharePoint on every write (not from the index, which may be a round behind). Rows carry their own ETag.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_RISK_THRESHOLDS,
  RISK_CONSEQUENCE_TYPES,
  actOnAssessment,
  allowedAssessmentActions,
  canAddKlgMeasure,
  canCreateAssessmentFor,
  canEditAssessment,
  canHandle,
  canReadAssessment,
  canReviewAssessment,
  changeMeasureStatus,
  createMeasure,
  isRiskLevel,
  mustReportToKlg,
  newRiskAssessment,
  newRiskItem,
  osloYear,
  requiresMeasure,
  riskColour,
  riskEscalationCommittee,
  riskEscalationProposal,
  riskItemProblems,
  riskScore,
  roundAssessmentId,
  routeOf,
  toOsloDate,
  unitChain,
  validateRiskItemInput,
  viewFor,
  visibleUnitIds,
  type DomainError,
  type Measure,
  type OrgUnits,
  type Person,
  type QualityCommittee,
  type RiskAssessment,
  type RiskAssessmentAction,
  type RiskColour,
  type RiskConsequenceType,
  type RiskContext,
  type RiskItem,
  type RiskLevel,
  type RiskThresholds,
} from '../../domain/index.js';
import { ConcurrencyConflict, type AgendaRepository, type CommitteeRepository, type DeviationRepository, type MeasureRepository, type RiskItemFact, type RiskStore, type Stored } from '../ports/index.js';
import { type FieldProblem, RiskError, forbidden, fromDomain, invalid, notFound } from './errors.js';
import type { SyncedRiskIndex } from './risk-index.js';
import type { AssessmentCounts, AssessmentFile, AssessmentSummaryFile, EscalationFile, ItemFile } from './views.js';

export interface RiskWorkDeps {
  readonly store: RiskStore;
  readonly measures: MeasureRepository;
  readonly deviations: DeviationRepository;
  readonly agenda: AgendaRepository;
  readonly committees: CommitteeRepository;
  readonly units: () => Promise<OrgUnits>;
  readonly person: (id: string) => Promise<Person | null>;
  readonly index: SyncedRiskIndex;
  readonly thresholds?: RiskThresholds;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** How long the committees are kept (default 5 minutes). */
  readonly committeeCacheMs?: number;
  /** How long a read waits for the index's first load before answering 503 (default 10 s). */
  readonly indexWaitMs?: number;
  /**
   * How old the index may be when a view reads it (default 1 s): older, and the view first runs one delta round per list
   * (two requests, one resource unit each when nothing changed), shared with every view that asks meanwhile. Views
   * thereby see other instances' writes within a second; this instance's own writes are in the index at once.
   */
  readonly indexMaxAgeMs?: number;
  /** Codes, ids and counts only. */
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

/** A row as a person fills it in: every field optional on a change; levels are checked here, not trusted. */
export interface RiskItemInput {
  readonly process?: string;
  readonly whatCanGoWrong?: string;
  readonly consequenceTypes?: readonly RiskConsequenceType[];
  readonly likelihood?: number;
  readonly consequence?: number;
  readonly breachOfLaw?: boolean;
  readonly existingMeasures?: string;
  readonly doneEnough?: boolean | null;
  readonly residualLikelihood?: number | null;
  readonly residualConsequence?: number | null;
  readonly residualAcceptable?: boolean | null;
  readonly reportToKlg?: boolean | null;
  readonly position?: number;
}

export interface NewAssessmentInput {
  readonly unitId: string;
  readonly title?: string;
  readonly area?: RiskContext;
  readonly year?: number;
  readonly roundId?: string;
  readonly responsibleId?: string;
  readonly participantIds?: readonly string[];
  readonly date?: string;
  readonly copyFromAssessmentId?: string;
}

export interface AssessmentPatch {
  readonly title?: string;
  readonly area?: RiskContext;
  readonly responsibleId?: string;
  readonly participantIds?: readonly string[];
  readonly date?: string;
}

export interface NewRiskMeasureInput {
  readonly title: string;
  readonly description?: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly unitId?: string;
}

export interface AssessmentFilter {
  readonly unitId?: string;
  readonly year?: number;
  readonly roundId?: string;
  readonly area?: RiskContext;
  readonly statuses?: readonly RiskAssessment['status'][];
}

/** Append-only changes (a measure id, a deviation id, an escalation) re-read and retry this often when someone saves in between. */
const APPEND_ATTEMPTS = 3;
const FIELD_MAX = 255;

const LEVEL_FIELDS: Readonly<Record<string, string>> = {
  Sannsynlighet: 'likelihood',
  Konsekvens: 'consequence',
  'Sannsynlighet etter tiltak': 'residualLikelihood',
  'Konsekvens etter tiltak': 'residualConsequence',
};

/** The input field a domain problem is about, for the tab to put the message beside it. */
export function fieldOf(e: DomainError): string {
  switch (e.code) {
    case 'risk.levelOutOfRange':
      return LEVEL_FIELDS[String(e.details.field)] ?? 'likelihood';
    case 'risk.processMissing':
      return 'process';
    case 'risk.hazardMissing':
      return 'whatCanGoWrong';
    case 'risk.measureMissing':
      return 'measures';
    case 'risk.residualMissing':
      return 'residual';
    case 'risk.acceptanceMissing':
    case 'risk.redResidualAcceptable':
      return 'residualAcceptable';
    default:
      return '(body)';
  }
}

/** Where the round assessment's id is made (the domain's, shared with the demo). */
export { roundAssessmentId };

const emptyColours = (): Record<RiskColour, number> => ({ green: 0, yellow: 0, red: 0 });

/** A row's numbers as the index keeps them, judged as the domain judges a row. */
export function factJudgement(f: RiskItemFact, t: RiskThresholds): { now: RiskColour; after: RiskColour; mustReport: boolean } {
  const now = riskColour(f.likelihood * f.consequence, t);
  const hasResidual = f.residualLikelihood !== null && f.residualConsequence !== null;
  const after = hasResidual ? riskColour((f.residualLikelihood ?? 1) * (f.residualConsequence ?? 1), t) : now;
  const mustReport = f.reportToKlg === true || f.residualAcceptable === false || (hasResidual && after === 'red');
  return { now, after, mustReport };
}

export function countsOf(facts: readonly RiskItemFact[], t: RiskThresholds): AssessmentCounts {
  const now = emptyColours();
  const after = emptyColours();
  let unacceptable = 0;
  for (const f of facts) {
    const j = factJudgement(f, t);
    now[j.now]++;
    after[j.after]++;
    if (j.mustReport) unacceptable++;
  }
  return { itemCount: facts.length, now, after, unacceptable };
}

export class RiskWork {
  readonly thresholds: RiskThresholds;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private committeesCache: { value: Promise<QualityCommittee[]>; until: number } | null = null;

  constructor(readonly deps: RiskWorkDeps) {
    this.thresholds = deps.thresholds ?? DEFAULT_RISK_THRESHOLDS;
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  // ── Shared reads ──────────────────────────────────────────────────────────────────────────────

  async committees(): Promise<QualityCommittee[]> {
    const t = Date.now();
    if (!this.committeesCache || this.committeesCache.until < t) {
      const value = this.deps.committees.list();
      this.committeesCache = { value, until: t + (this.deps.committeeCacheMs ?? 5 * 60_000) };
      value.catch(() => (this.committeesCache = null));
    }
    return this.committeesCache.value;
  }

  /** The index, fresh within its interval; 503 while its first load has not finished. */
  async readyIndex(): Promise<SyncedRiskIndex> {
    const index = this.deps.index;
    const wait = this.deps.indexWaitMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ready = await Promise.race([
      index.ready.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), wait);
      }),
    ]);
    clearTimeout(timer);
    if (!ready) throw new RiskError('unavailable', 'Risikooversikten lastes fortsatt. Prøv igjen om litt.');
    await index.refresh(this.deps.indexMaxAgeMs ?? 1000);
    return index;
  }

  /** Units the viewer reads every assessment of (by position); named assessments come on top (canReadAssessment). */
  async scope(viewer: Person): Promise<{ units: OrgUnits; visible: ReadonlySet<string> }> {
    const units = await this.deps.units();
    return { units, visible: visibleUnitIds(viewer, units) };
  }

  private async readableAssessment(viewer: Person, id: string): Promise<{ stored: Stored<RiskAssessment>; units: OrgUnits }> {
    const [stored, units] = await Promise.all([this.deps.store.getAssessment(id), this.deps.units()]);
    if (!stored || !canReadAssessment(viewer, stored.value, units)) throw notFound();
    return { stored, units };
  }

  /** 403 or 409 when the viewer may not change the assessment now: 409 when it is only the status that stands in the way. */
  private assertEditable(viewer: Person, a: RiskAssessment, units: OrgUnits): void {
    if (canEditAssessment(viewer, a, units)) return;
    const wouldAsDraft = canEditAssessment(viewer, { ...a, status: 'draft' }, units);
    if (wouldAsDraft && a.status !== 'draft') {
      throw new RiskError('invalidState', a.status === 'forwarded' ? 'Risikovurderingen er sendt videre og kan ikke endres lenger.' : 'Risikovurderingen er sendt til kommunalsjef og kan ikke endres nå. Be kommunalsjefen sende den tilbake hvis noe må rettes.');
    }
    throw forbidden();
  }

  private async personOr400(id: string, field: string): Promise<Person> {
    const p = await this.deps.person(id);
    if (!p) throw invalid([{ field, message: 'Finner ikke personen i organisasjonen.' }]);
    return p;
  }

  // ── Views ─────────────────────────────────────────────────────────────────────────────────────

  private async itemFiles(viewer: Person, rows: readonly Stored<RiskItem>[], units: OrgUnits): Promise<ItemFile[]> {
    const measureIds = rows.flatMap((r) => r.value.measureIds);
    const caseIds = [...new Set(rows.flatMap((r) => r.value.deviationIds))];
    const [measures, cases, committees] = await Promise.all([
      measureIds.length > 0 ? this.deps.store.measures(measureIds) : Promise.resolve([]),
      caseIds.length > 0 ? this.casesByIds(caseIds) : Promise.resolve([]),
      rows.some((r) => r.value.escalation !== null) ? this.committees() : Promise.resolve([] as QualityCommittee[]),
    ]);
    const measureById = new Map(measures.map((m) => [m.value.id, m]));
    const ctx = { units, whistleblowingRecipientIds: new Set<string>() };
    const caseById = new Map(cases.map((d) => [d.value.id, d.value]));
    return rows
      .map((r) => {
        const item = r.value;
        return {
          item,
          etag: r.etag,
          measures: item.measureIds.map((id) => measureById.get(id)).filter((m) => m !== undefined),
          deviations: item.deviationIds.map((id) => caseById.get(id)).flatMap((d) => {
            const seen = d ? viewFor(viewer, d, ctx) : null;
            return seen ? [seen] : [];
          }),
          problems: riskItemProblems(item, this.thresholds),
          mustReportToKlg: mustReportToKlg(item, this.thresholds),
          requiresMeasure: requiresMeasure(item, this.thresholds),
          escalationCommitteeName: item.escalation ? (committees.find((c) => c.id === item.escalation?.committeeId)?.name ?? null) : null,
        };
      })
      .sort((a, b) => a.item.position - b.item.position);
  }

  private async casesByIds(ids: readonly string[]) {
    const out = [];
    for (let at = 0; at < ids.length; at += 100) out.push(...(await this.deps.deviations.getMany(ids.slice(at, at + 100))));
    return out;
  }

  private summaryOf(a: RiskAssessment, units: OrgUnits, counts: AssessmentCounts): AssessmentSummaryFile {
    return { assessment: a, unitName: units.get(a.unitId)?.name ?? a.unitId, counts };
  }

  private async fileOf(viewer: Person, stored: Stored<RiskAssessment>, units: OrgUnits, rows?: readonly Stored<RiskItem>[]): Promise<AssessmentFile> {
    const items = await this.itemFiles(viewer, rows ?? (await this.deps.store.items(stored.value.id)), units);
    const counts = countsOf(
      items.map((i) => ({
        id: i.item.id,
        assessmentId: i.item.assessmentId,
        unitId: i.item.unitId,
        title: '',
        likelihood: i.item.current.likelihood,
        consequence: i.item.current.consequence,
        residualLikelihood: i.item.residual?.likelihood ?? null,
        residualConsequence: i.item.residual?.consequence ?? null,
        residualAcceptable: i.item.residualAcceptable,
        reportToKlg: i.item.reportToKlg,
        breachOfLaw: i.item.breachOfLaw,
        escalated: i.item.escalation !== null,
        position: i.item.position,
      })),
      this.thresholds,
    );
    return {
      ...this.summaryOf(stored.value, units, counts),
      etag: stored.etag,
      items,
      canEdit: canEditAssessment(viewer, stored.value, units),
      allowedActions: allowedAssessmentActions(viewer, stored.value, units),
    };
  }

  private async itemFile(viewer: Person, stored: Stored<RiskItem>, units: OrgUnits): Promise<ItemFile> {
    const [file] = await this.itemFiles(viewer, [stored], units);
    if (!file) throw new Error('itemFiles lost a row');
    return file;
  }

  // ── Assessments ───────────────────────────────────────────────────────────────────────────────

  /** From the index: what the viewer may read, newest year first, then unit name. 403 when they may read none. */
  async listAssessments(viewer: Person, filter: AssessmentFilter): Promise<AssessmentSummaryFile[]> {
    const { units, visible } = await this.scope(viewer);
    const index = await this.readyIndex();
    const within = filter.unitId === undefined ? null : new Set([filter.unitId, ...descendantIds(filter.unitId, units)]);
    const out: AssessmentSummaryFile[] = [];
    for (const a of index.assessments.all()) {
      if (!canReadAssessment(viewer, a, units, visible)) continue;
      if (within && !within.has(a.unitId)) continue;
      if (filter.year !== undefined && a.year !== filter.year) continue;
      if (filter.roundId !== undefined && a.roundId !== filter.roundId) continue;
      if (filter.area !== undefined && a.context !== filter.area) continue;
      if (filter.statuses && !filter.statuses.includes(a.status)) continue;
      out.push(this.summaryOf(a, units, countsOf(index.items.ofAssessment(a.id), this.thresholds)));
    }
    if (out.length === 0 && visible.size === 0 && !this.namedAnywhere(viewer, index)) throw forbidden('Du har ikke tilgang til risikovurderinger.');
    return out.sort((x, y) => y.assessment.year - x.assessment.year || x.unitName.localeCompare(y.unitName, 'nb') || x.assessment.title.localeCompare(y.assessment.title, 'nb'));
  }

  private namedAnywhere(viewer: Person, index: SyncedRiskIndex): boolean {
    for (const a of index.assessments.all()) if (a.responsibleId === viewer.id || a.participantIds.includes(viewer.id)) return true;
    return false;
  }

  async assessment(viewer: Person, id: string): Promise<AssessmentFile> {
    const { stored, units } = await this.readableAssessment(viewer, id);
    return this.fileOf(viewer, stored, units);
  }

  /**
   * A new assessment. In a round, one per unit: its id is fixed by round and unit, so a second create (or a retry)
   * finds the first and answers it with `created: false`.
   */
  async createAssessment(viewer: Person, input: NewAssessmentInput): Promise<{ file: AssessmentFile; created: boolean }> {
    const units = await this.deps.units();
    const unit = units.get(input.unitId);
    if (!unit) throw invalid([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
    if (!canCreateAssessmentFor(viewer, unit.id, units)) throw forbidden('Du kan bare lage risikovurderinger for enheter du leder.');
    const now = this.now();
    let year = input.year ?? osloYear(now);
    let roundId: string | null = null;
    if (input.roundId !== undefined) {
      const round = await this.deps.store.getRound(input.roundId);
      if (!round) throw invalid([{ field: 'roundId', message: 'Finner ikke risikorunden.' }]);
      if (round.value.status !== 'active') throw new RiskError('invalidState', 'Risikorunden er avsluttet.');
      if (!round.value.unitIds.includes(unit.id)) throw invalid([{ field: 'unitId', message: 'Enheten er ikke med i denne risikorunden.' }]);
      year = round.value.year;
      roundId = round.value.id;
      const existing = await this.deps.store.getAssessment(roundAssessmentId(roundId, unit.id));
      if (existing) return { file: await this.fileOf(viewer, existing, units), created: false };
    }
    const responsibleId = input.responsibleId ?? unit.leaderId;
    await this.personOr400(responsibleId, 'responsibleId');
    for (const [i, p] of (input.participantIds ?? []).entries()) await this.personOr400(p, `participantIds.${i}`);
    let source: RiskItem[] = [];
    if (input.copyFromAssessmentId !== undefined) {
      const from = await this.deps.store.getAssessment(input.copyFromAssessmentId);
      if (!from || !canReadAssessment(viewer, from.value, units)) throw invalid([{ field: 'copyFromAssessmentId', message: 'Finner ikke risikovurderingen det skal kopieres fra.' }]);
      source = (await this.deps.store.items(from.value.id)).map((s) => s.value);
    }
    const title = input.title?.trim() || (roundId !== null ? `Overordnet risikovurdering ${year} – ${unit.name}` : `Risikovurdering ${year} – ${unit.name}`);
    const assessment = newRiskAssessment({
      id: roundId !== null ? roundAssessmentId(roundId, unit.id) : this.newId(),
      title: title.length > FIELD_MAX ? `${title.slice(0, FIELD_MAX - 1)}…` : title,
      context: roundId !== null ? 'overall' : (input.area ?? 'overall'),
      unitId: unit.id,
      responsibleId,
      participantIds: [...new Set(input.participantIds ?? [])],
      date: input.date ?? toOsloDate(now),
      createdAt: wholeSeconds(now),
      year,
      roundId,
    });
    const stored = await this.deps.store.createAssessment(assessment);
    this.deps.index.noteAssessment(stored.value);
    if (source.length > 0) {
      const copies: RiskItem[] = source
        .sort((a, b) => a.position - b.position)
        .map((s, position) =>
          newRiskItem({
            id: this.newId(),
            assessmentId: assessment.id,
            unitId: unit.id,
            process: s.process,
            whatCanGoWrong: s.whatCanGoWrong,
            consequenceTypes: s.consequenceTypes,
            current: s.current,
            breachOfLaw: s.breachOfLaw,
            existingMeasures: s.existingMeasures,
            position,
          }),
        );
      const result = await this.deps.store.createItems(copies);
      if (result.failed.length > 0) throw new Error(`${result.failed.length} copied rows could not be stored`);
      for (const c of copies) this.deps.index.noteItem(c);
    }
    return { file: await this.fileOf(viewer, stored, units), created: true };
  }

  async patchAssessment(viewer: Person, id: string, etag: string, patch: AssessmentPatch): Promise<AssessmentFile> {
    const { stored, units } = await this.readableAssessment(viewer, id);
    this.assertEditable(viewer, stored.value, units);
    if (stored.etag !== etag) throw await this.assessmentConflict(viewer, id);
    if (patch.responsibleId !== undefined) await this.personOr400(patch.responsibleId, 'responsibleId');
    for (const [i, p] of (patch.participantIds ?? []).entries()) await this.personOr400(p, `participantIds.${i}`);
    const a = stored.value;
    const title = patch.title?.trim();
    const next: RiskAssessment = {
      ...a,
      ...(title ? { title: title.slice(0, FIELD_MAX) } : {}),
      ...(patch.area !== undefined && a.roundId === null ? { context: patch.area } : {}),
      ...(patch.responsibleId !== undefined ? { responsibleId: patch.responsibleId } : {}),
      ...(patch.participantIds !== undefined ? { participantIds: [...new Set(patch.participantIds)] } : {}),
      ...(patch.date !== undefined ? { date: patch.date } : {}),
    };
    const saved = await this.saveAssessment(viewer, next, etag);
    return this.fileOf(viewer, saved, units);
  }

  /** A draft with no measures or deviations behind its rows; the rows go with it. */
  async deleteAssessment(viewer: Person, id: string, etag: string): Promise<void> {
    const { stored, units } = await this.readableAssessment(viewer, id);
    this.assertEditable(viewer, stored.value, units);
    if (stored.value.status !== 'draft') throw new RiskError('invalidState', 'Bare en kladd kan slettes.');
    if (stored.etag !== etag) throw await this.assessmentConflict(viewer, id);
    const rows = await this.deps.store.items(id);
    if (rows.some((r) => r.value.measureIds.length > 0 || r.value.deviationIds.length > 0)) {
      throw new RiskError('invalidState', 'Risikovurderingen har tiltak eller koblede avvik og kan ikke slettes.');
    }
    for (const r of rows) {
      await this.deps.store.deleteItem(r.value.id, r.etag);
      this.deps.index.forgetItem(r.value.id);
    }
    await this.deps.store.deleteAssessment(id, etag);
    this.deps.index.forgetAssessment(id);
  }

  private async saveAssessment(viewer: Person, next: RiskAssessment, etag: string): Promise<Stored<RiskAssessment>> {
    try {
      const saved = await this.deps.store.updateAssessment(next, etag);
      this.deps.index.noteAssessment(saved.value);
      return saved;
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw await this.assessmentConflict(viewer, next.id);
      throw err;
    }
  }

  private async assessmentConflict(viewer: Person, id: string): Promise<RiskError> {
    const message = 'Risikovurderingen er endret av noen andre etter at du åpnet den. Se endringene og prøv igjen; ingenting av ditt er lagret.';
    try {
      return new RiskError('conflict', message, { currentAssessment: await this.assessment(viewer, id) });
    } catch {
      return new RiskError('conflict', message);
    }
  }

  /**
   * One step (submit, return, compile, forward). `etag` null: the caller acts on the newest version (a sector's
   * compile and forward, which act on many at once and only move the status). Forwarding escalates every row that must
   * go to KLG, once.
   */
  async act(viewer: Person, id: string, etag: string | null, action: RiskAssessmentAction): Promise<{ file: AssessmentFile; escalated: EscalationFile[] }> {
    const { stored, units } = await this.readableAssessment(viewer, id);
    const a = stored.value;
    const allowed = action.type === 'submit' ? canEditAssessment(viewer, a, units) || canEditAssessment(viewer, { ...a, status: 'draft' }, units) : canReviewAssessment(viewer, a, units);
    if (!allowed) throw forbidden(action.type === 'submit' ? 'Du har ikke tilgang til å sende denne risikovurderingen.' : 'Bare kommunalsjefen (eller en leder over enheten) kan sende tilbake, sammenstille og sende videre.');
    if (etag !== null && stored.etag !== etag) throw await this.assessmentConflict(viewer, id);
    const rows = await this.deps.store.items(id);
    const incomplete = rows.filter((r) => riskItemProblems(r.value, this.thresholds).length > 0);
    let committee: QualityCommittee | undefined;
    if (action.type === 'forward') {
      committee = riskEscalationCommittee(await this.committees(), units);
      if (!committee && rows.some((r) => mustReportToKlg(r.value, this.thresholds))) throw fromDomain({ code: 'risk.committeeMissing', message: 'Kommunen har ikke registrert KLG eller KUL: opprett utvalget før risiko kan meldes videre.', details: {} });
    }
    const result = actOnAssessment(a, action, { count: rows.length, incomplete: incomplete.length }, this.now());
    if (!result.ok) {
      if (result.error.code === 'risk.itemsIncomplete') {
        const details: FieldProblem[] = incomplete.flatMap((r) => riskItemProblems(r.value, this.thresholds).map((e) => ({ field: `items.${r.value.id}.${fieldOf(e)}`, message: e.message })));
        throw new RiskError('invalidRequest', result.error.message, { details });
      }
      throw fromDomain(result.error, action.type === 'return' ? 'note' : '(body)');
    }
    const next = { ...result.value, submittedAt: secondsOrNull(result.value.submittedAt), compiledAt: secondsOrNull(result.value.compiledAt), forwardedAt: secondsOrNull(result.value.forwardedAt) };
    const saved = await this.saveAssessment(viewer, next, stored.etag);
    const escalated: EscalationFile[] = [];
    if (action.type === 'forward' && committee) {
      for (const row of rows) {
        if (!mustReportToKlg(row.value, this.thresholds) || row.value.escalation !== null) continue;
        escalated.push(await this.escalate(viewer, row, saved.value, units, committee));
      }
    }
    return { file: await this.fileOf(viewer, saved, units), escalated };
  }

  /** The agenda proposal (idempotent on the row) and the row marked, re-read and retried if someone saved in between. */
  private async escalate(viewer: Person, row: Stored<RiskItem>, a: RiskAssessment, units: OrgUnits, committee: QualityCommittee): Promise<EscalationFile> {
    const now = this.now();
    const proposal = riskEscalationProposal({ item: row.value, assessment: a, unitName: units.get(a.unitId)?.name ?? a.unitId, committee, proposedById: viewer.id }, now, this.thresholds);
    if (!proposal.ok) throw fromDomain(proposal.error);
    const agendaItem = await this.deps.agenda.create(proposal.value);
    const escalation = { agendaItemId: agendaItem.value.id, committeeId: committee.id, at: wholeSeconds(now) };
    const saved = await this.appendToItem(row.value.id, (item) => (item.escalation !== null ? null : { ...item, escalation }));
    this.deps.log?.('risk.escalated', { itemId: row.value.id, committeeId: committee.id });
    const e = saved.value.escalation ?? escalation;
    return { itemId: row.value.id, agendaItemId: e.agendaItemId, committeeId: e.committeeId, committeeName: committee.name, at: e.at };
  }

  /** Re-read and re-apply a change that only adds (null: nothing to add), up to APPEND_ATTEMPTS times. */
  private async appendToItem(id: string, change: (item: RiskItem) => RiskItem | null): Promise<Stored<RiskItem>> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.store.getItem(id);
      if (!current) throw notFound('risikoelementet');
      const next = change(current.value);
      if (next === null) return current;
      try {
        const saved = await this.deps.store.updateItem(next, current.etag);
        this.deps.index.noteItem(saved.value);
        return saved;
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= APPEND_ATTEMPTS) throw err;
      }
    }
  }

  // ── Rows ──────────────────────────────────────────────────────────────────────────────────────

  /** `escalatedToViewer`: the viewer is KLG (or runs the rounds) and may read rows sent there, whoever's they are. */
  private async readableItem(viewer: Person, id: string, options: { escalatedToViewer?: boolean } = {}): Promise<{ item: Stored<RiskItem>; assessment: Stored<RiskAssessment>; units: OrgUnits }> {
    const item = await this.deps.store.getItem(id);
    if (!item) throw notFound('risikoelementet');
    const [assessment, units] = await Promise.all([this.deps.store.getAssessment(item.value.assessmentId), this.deps.units()]);
    const klg = options.escalatedToViewer === true && item.value.escalation !== null;
    if (!assessment || !(klg || canReadAssessment(viewer, assessment.value, units))) throw notFound('risikoelementet');
    return { item, assessment, units };
  }

  async item(viewer: Person, id: string, options: { escalatedToViewer?: boolean } = {}): Promise<ItemFile> {
    const { item, units } = await this.readableItem(viewer, id, options);
    return this.itemFile(viewer, item, units);
  }

  /** Applies what a person changed to a row, or the problems with it (each with its field). */
  applyInput(base: RiskItem, input: RiskItemInput): { item: RiskItem; problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const level = (value: number | undefined | null, field: string, label: string, fallback: RiskLevel | null): RiskLevel | null => {
      if (value === undefined) return fallback;
      if (value === null) return null;
      if (!isRiskLevel(value)) {
        problems.push({ field, message: `${label} må være et helt tall fra 1 (svært lav) til 5 (svært høy), ikke «${value}».` });
        return fallback;
      }
      return value;
    };
    const likelihood = level(input.likelihood, 'likelihood', 'Sannsynlighet', base.current.likelihood) ?? base.current.likelihood;
    const consequence = level(input.consequence, 'consequence', 'Konsekvens', base.current.consequence) ?? base.current.consequence;
    const rl = level(input.residualLikelihood, 'residualLikelihood', 'Sannsynlighet etter tiltak', base.residual?.likelihood ?? null);
    const rc = level(input.residualConsequence, 'residualConsequence', 'Konsekvens etter tiltak', base.residual?.consequence ?? null);
    if ((rl === null) !== (rc === null)) {
      problems.push({ field: rl === null ? 'residualLikelihood' : 'residualConsequence', message: 'Fyll ut både sannsynlighet og konsekvens etter tiltak (eller ingen av dem).' });
    }
    const text = (value: string | undefined, fallback: string, field: string, max: number) => {
      if (value === undefined) return fallback;
      const v = value.trim();
      if (v.length > max) problems.push({ field, message: `Teksten kan ha høyst ${max.toLocaleString('nb-NO')} tegn.` });
      return v;
    };
    const item: RiskItem = {
      ...base,
      process: text(input.process, base.process, 'process', FIELD_MAX),
      whatCanGoWrong: text(input.whatCanGoWrong, base.whatCanGoWrong, 'whatCanGoWrong', 4000),
      consequenceTypes: input.consequenceTypes ? RISK_CONSEQUENCE_TYPES.filter((t) => input.consequenceTypes?.includes(t)) : base.consequenceTypes,
      current: { likelihood, consequence },
      breachOfLaw: input.breachOfLaw ?? base.breachOfLaw,
      existingMeasures: text(input.existingMeasures, base.existingMeasures, 'existingMeasures', 4000),
      doneEnough: input.doneEnough !== undefined ? input.doneEnough : base.doneEnough,
      residual: rl !== null && rc !== null ? { likelihood: rl, consequence: rc } : null,
      residualAcceptable: input.residualAcceptable !== undefined ? input.residualAcceptable : base.residualAcceptable,
      reportToKlg: input.reportToKlg !== undefined ? input.reportToKlg : base.reportToKlg,
      position: input.position ?? base.position,
    };
    if (problems.length === 0) for (const e of validateRiskItemInput(item, this.thresholds)) problems.push({ field: fieldOf(e), message: e.message });
    return { item, problems };
  }

  /** A blank row of an assessment, for `applyInput`. */
  blankItem(a: RiskAssessment, position: number): RiskItem {
    return newRiskItem({
      id: this.newId(),
      assessmentId: a.id,
      unitId: a.unitId,
      process: '',
      whatCanGoWrong: '',
      consequenceTypes: [],
      current: { likelihood: 1, consequence: 1 },
      breachOfLaw: false,
      existingMeasures: '',
      position,
    });
  }

  async addItem(viewer: Person, assessmentId: string, input: RiskItemInput): Promise<ItemFile> {
    const { stored, units } = await this.readableAssessment(viewer, assessmentId);
    this.assertEditable(viewer, stored.value, units);
    const missing: FieldProblem[] = [];
    if (!input.process?.trim()) missing.push({ field: 'process', message: 'Fyll ut «Hva skal vurderes?» (hovedprosess eller oppgave).' });
    if (!input.whatCanGoWrong?.trim()) missing.push({ field: 'whatCanGoWrong', message: 'Fyll ut «Hva kan gå galt?».' });
    if (input.likelihood === undefined) missing.push({ field: 'likelihood', message: 'Velg sannsynlighet (1–5).' });
    if (input.consequence === undefined) missing.push({ field: 'consequence', message: 'Velg konsekvens (1–5).' });
    const rows = this.deps.index.items.ofAssessment(assessmentId);
    const last = rows.reduce((max, r) => Math.max(max, r.position), -1);
    const { item, problems } = this.applyInput(this.blankItem(stored.value, input.position ?? last + 1), input);
    if (missing.length + problems.length > 0) throw invalid([...missing, ...problems]);
    const saved = await this.deps.store.createItem(item);
    this.deps.index.noteItem(saved.value);
    return this.itemFile(viewer, saved, units);
  }

  async patchItem(viewer: Person, id: string, etag: string, input: RiskItemInput): Promise<ItemFile> {
    const { item, assessment, units } = await this.readableItem(viewer, id);
    this.assertEditable(viewer, assessment.value, units);
    if (item.etag !== etag) throw await this.itemConflict(viewer, item, units);
    const { item: next, problems } = this.applyInput(item.value, input);
    if (problems.length > 0) throw invalid(problems);
    try {
      const saved = await this.deps.store.updateItem(next, etag);
      this.deps.index.noteItem(saved.value);
      return this.itemFile(viewer, saved, units);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) {
        const current = await this.deps.store.getItem(id);
        throw await this.itemConflict(viewer, current ?? item, units);
      }
      throw err;
    }
  }

  private async itemConflict(viewer: Person, current: Stored<RiskItem>, units: OrgUnits): Promise<RiskError> {
    return new RiskError('conflict', 'Raden er endret av noen andre etter at du åpnet den. Se endringene og prøv igjen; ingenting av ditt er lagret.', {
      currentItem: await this.itemFile(viewer, current, units),
    });
  }

  async deleteItem(viewer: Person, id: string, etag: string): Promise<void> {
    const { item, assessment, units } = await this.readableItem(viewer, id);
    this.assertEditable(viewer, assessment.value, units);
    if (item.value.measureIds.length > 0 || item.value.deviationIds.length > 0) throw new RiskError('invalidState', 'Raden har tiltak eller koblede avvik og kan ikke slettes.');
    if (item.etag !== etag) throw await this.itemConflict(viewer, item, units);
    try {
      await this.deps.store.deleteItem(id, etag);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) {
        const current = await this.deps.store.getItem(id);
        throw await this.itemConflict(viewer, current ?? item, units);
      }
      throw err;
    }
    this.deps.index.forgetItem(id);
  }

  // ── Measures from a row ───────────────────────────────────────────────────────────────────────

  /**
   * A measure on the common action list (source: the row), linked to the row. Editors while they may edit; KLG on an
   * escalated row whatever the status (its action list). If the row cannot be linked, the measure is cancelled.
   */
  async addMeasure(viewer: Person, itemId: string, input: NewRiskMeasureInput): Promise<ItemFile> {
    const units0 = await this.deps.units();
    const raw = await this.deps.store.getItem(itemId);
    const klgMember = raw !== null && canAddKlgMeasure(viewer, raw.value, await this.committees(), units0);
    const { item, assessment, units } = await this.readableItem(viewer, itemId, { escalatedToViewer: klgMember });
    const klg = canAddKlgMeasure(viewer, item.value, await this.committees(), units);
    if (!klg) this.assertEditable(viewer, assessment.value, units);
    const owner = await this.personOr400(input.ownerId, 'ownerId');
    const today = toOsloDate(this.now());
    if (input.deadline < today) throw invalid([{ field: 'deadline', message: 'Fristen kan ikke være før i dag.' }]);
    let unitId = item.value.unitId;
    if (input.unitId !== undefined && input.unitId !== unitId) {
      if (!units.has(input.unitId)) throw invalid([{ field: 'unitId', message: 'Finner ikke enheten.' }]);
      const leads = unitChain(input.unitId, units).some((u) => u.leaderId === viewer.id || u.deputyLeaderId === viewer.id);
      if (!leads && !klg) throw forbidden('Du kan bare legge tiltak på enheter du leder.');
      unitId = input.unitId;
    }
    const created = createMeasure(
      { id: this.newId(), title: input.title, ...(input.description !== undefined ? { description: input.description } : {}), source: { type: 'riskItem', riskItemId: item.value.id }, ownerId: owner.id, unitId, deadline: input.deadline },
      this.now(),
    );
    if (!created.ok) throw fromDomain(created.error, 'title');
    const measure = await this.deps.measures.create({ ...created.value, createdAt: wholeSeconds(this.now()) });
    try {
      const saved = await this.appendToItem(item.value.id, (i) => (i.measureIds.includes(measure.value.id) ? null : { ...i, measureIds: [...i.measureIds, measure.value.id] }));
      return this.itemFile(viewer, saved, units);
    } catch (err) {
      await this.cancelOrphan(measure);
      throw err;
    }
  }

  private async cancelOrphan(measure: Stored<Measure>): Promise<void> {
    const cancelled = changeMeasureStatus(measure.value, { to: 'cancelled', reason: 'Kunne ikke knyttes til risikoelementet (endret samtidig). Opprett tiltaket på nytt.' }, this.now());
    if (!cancelled.ok) return;
    try {
      await this.deps.measures.update(cancelled.value, measure.etag);
    } catch {
      this.deps.log?.('risk.orphanMeasure', { measureId: measure.value.id });
    }
  }

  // ── Deviations behind a row ───────────────────────────────────────────────────────────────────

  private async handleableCase(viewer: Person, caseId: string, units: OrgUnits) {
    const stored = await this.deps.deviations.get(caseId);
    const ctx = { units, whistleblowingRecipientIds: new Set<string>() };
    if (!stored || routeOf(stored.value.kind) !== 'ordinary' || !viewFor(viewer, stored.value, ctx)) throw notFound('saken');
    if (!canHandle(viewer, stored.value, ctx)) throw forbidden('Bare saksbehandleren eller en leder i linjen kan koble saken til risiko.');
    return stored;
  }

  /** Both directions: the case's riskItemIds (append, retried), then the row's deviationIds. Linking twice changes nothing. */
  async linkDeviation(viewer: Person, itemId: string, caseId: string, link: boolean): Promise<ItemFile> {
    const { item, units } = await this.readableItem(viewer, itemId);
    await this.handleableCase(viewer, caseId, units);
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.deviations.get(caseId);
      if (!current) throw notFound('saken');
      const has = current.value.riskItemIds.includes(itemId);
      if (has === link) break;
      const riskItemIds = link ? [...current.value.riskItemIds, itemId] : current.value.riskItemIds.filter((id) => id !== itemId);
      try {
        await this.deps.deviations.update({ ...current.value, riskItemIds }, current.etag);
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= APPEND_ATTEMPTS) throw err;
      }
    }
    const saved = await this.appendToItem(item.value.id, (i) => {
      const has = i.deviationIds.includes(caseId);
      if (has === link) return null;
      return { ...i, deviationIds: link ? [...i.deviationIds, caseId] : i.deviationIds.filter((id) => id !== caseId) };
    });
    return this.itemFile(viewer, saved, units);
  }

  /** The rows a case is linked to that the viewer may read (the case's own riskItemIds). */
  async itemsForCase(viewer: Person, caseId: string): Promise<ItemFile[]> {
    const units = await this.deps.units();
    const stored = await this.deps.deviations.get(caseId);
    const ctx = { units, whistleblowingRecipientIds: new Set<string>() };
    if (!stored || routeOf(stored.value.kind) !== 'ordinary' || !viewFor(viewer, stored.value, ctx)) throw notFound('saken');
    const rows = stored.value.riskItemIds.length > 0 ? await this.deps.store.getItems(stored.value.riskItemIds.slice(0, 100)) : [];
    const assessments = await Promise.all([...new Set(rows.map((r) => r.value.assessmentId))].map((id) => this.deps.store.getAssessment(id)));
    const readable = new Set(assessments.filter((a) => a !== null && canReadAssessment(viewer, a.value, units)).map((a) => a?.value.id));
    return this.itemFiles(viewer, rows.filter((r) => readable.has(r.value.assessmentId)), units);
  }

  // ── For rounds and Excel ──────────────────────────────────────────────────────────────────────

  /** The stored assessment and rows behind an editor's bulk change (Excel import), checked as single writes are. */
  async editable(viewer: Person, id: string): Promise<{ stored: Stored<RiskAssessment>; rows: Stored<RiskItem>[]; units: OrgUnits }> {
    const { stored, units } = await this.readableAssessment(viewer, id);
    this.assertEditable(viewer, stored.value, units);
    return { stored, rows: await this.deps.store.items(id), units };
  }

  /** Rows written by an import: new ones in one batch, changed ones one by one with their ETag. */
  async writeRows(created: readonly RiskItem[], updated: readonly { item: RiskItem; etag: string }[]): Promise<void> {
    if (created.length > 0) {
      const result = await this.deps.store.createItems(created);
      if (result.failed.length > 0) throw new Error(`${result.failed.length} rows could not be stored`);
      for (const c of created) this.deps.index.noteItem(c);
    }
    for (const u of updated) {
      try {
        const saved = await this.deps.store.updateItem(u.item, u.etag);
        this.deps.index.noteItem(saved.value);
      } catch (err) {
        if (err instanceof ConcurrencyConflict) throw new RiskError('conflict', 'En rad ble endret av noen andre mens filen ble lest inn. Last ned på nytt og prøv igjen; rader før denne er lagret.');
        throw err;
      }
    }
  }

  /** A measure created for a row by an import: on the action list, then linked. */
  async addImportedMeasure(itemId: string, m: { title: string; ownerId: string; deadline: string }, unitId: string): Promise<void> {
    const created = createMeasure({ id: this.newId(), title: m.title, source: { type: 'riskItem', riskItemId: itemId }, ownerId: m.ownerId, unitId, deadline: m.deadline }, this.now());
    if (!created.ok) throw fromDomain(created.error, 'title');
    const measure = await this.deps.measures.create({ ...created.value, createdAt: wholeSeconds(this.now()) });
    try {
      await this.appendToItem(itemId, (i) => (i.measureIds.includes(measure.value.id) ? null : { ...i, measureIds: [...i.measureIds, measure.value.id] }));
    } catch (err) {
      await this.cancelOrphan(measure);
      throw err;
    }
  }

  get newRecordId(): () => string {
    return this.newId;
  }

  clock(): Date {
    return this.now();
  }

  scoreOf(l: RiskLevel, c: RiskLevel): number {
    return riskScore({ likelihood: l, consequence: c });
  }
}

/** SharePoint keeps date-times at whole seconds: what we write is what we read back. */
export function wholeSeconds(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
}

const secondsOrNull = (iso: string | null) => (iso === null ? null : wholeSeconds(new Date(iso)));

export function descendantIds(unitId: string, units: OrgUnits): string[] {
  const children = new Map<string, string[]>();
  for (const u of units.values()) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out: string[] = [];
  const stack = [...(children.get(unitId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
