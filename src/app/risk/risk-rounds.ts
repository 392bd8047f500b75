// The yearly overall risk process (seed 000): the quality adviser starts a round, the work plan is followed across ISO
// weeks, every unit's state is read from the risk index, the kommunalsjef compiles and forwards the sector, and what
// falls due is exposed for the reminder service.
import {
  RISK_UNIT_STATES,
  canManageRounds,
  canReadAssessment,
  canReviewAssessment,
  changeRiskRound,
  leads,
  nextTaskId,
  putTask,
  riskDue,
  riskEscalationCommittee,
  sectorOf,
  startRiskRound,
  toOsloDate,
  unitChain,
  visibleUnitIds,
  type OrgUnits,
  type Person,
  type RiskAssessmentStatus,
  type RiskRound,
  type RiskTaskResponsible,
  type RiskUnitState,
  type WorkPlanTask,
} from '../../domain/index.js';
import { ConcurrencyConflict, type Stored } from '../ports/index.js';
import { RiskError, forbidden, fromDomain, invalid, notFound } from './errors.js';
import { type RiskWork, countsOf, roundAssessmentId } from './risk-work.js';
import type { AssessmentSummaryFile, DueFile, EscalationFile, ItemFile, RoundFile, RoundUnitFile } from './views.js';

export interface NewRoundInput {
  readonly year: number;
  readonly title?: string;
  readonly start?: string;
  readonly unitDeadline: string;
  readonly sectorDeadline: string;
  readonly plannedEnd?: string;
  readonly unitIds?: readonly string[];
  readonly tasks?: readonly TaskInput[];
}

export interface TaskInput {
  readonly title?: string;
  readonly responsible?: RiskTaskResponsible;
  readonly responsiblePersonId?: string;
  readonly responsibleLabel?: string;
  readonly percentDone?: number;
  readonly start?: string;
  readonly deadline?: string;
}

export interface RoundPatch {
  readonly title?: string;
  readonly unitDeadline?: string;
  readonly sectorDeadline?: string;
  readonly plannedEnd?: string;
  readonly unitIds?: readonly string[];
  readonly status?: 'active' | 'closed';
}

const emptyStates = (): Record<RiskUnitState, number> => Object.fromEntries(RISK_UNIT_STATES.map((s) => [s, 0])) as Record<RiskUnitState, number>;

/** One round per year: its id says which. */
export const roundIdOf = (year: number) => `risk-round-${year}`;

export class RiskRounds {
  constructor(private readonly work: RiskWork) {}

  private get deps() {
    return this.work.deps;
  }

  private async task(input: TaskInput, base: WorkPlanTask | null, id: string): Promise<WorkPlanTask> {
    const responsible = input.responsible ?? base?.responsible ?? 'qualityAdviser';
    let personId = input.responsiblePersonId !== undefined ? input.responsiblePersonId : (base?.responsiblePersonId ?? null);
    if (responsible !== 'person') personId = null;
    if (responsible === 'person') {
      if (personId === null) throw invalid([{ field: 'responsiblePersonId', message: 'Velg hvem som er ansvarlig.' }]);
      if (!(await this.deps.person(personId))) throw invalid([{ field: 'responsiblePersonId', message: 'Finner ikke personen i organisasjonen.' }]);
    }
    const labels: Record<RiskTaskResponsible, string> = { qualityAdviser: 'Kvalitet og internkontroll', sectorHead: 'Kommunalsjef', unitLeader: 'Virksomhetsleder', executiveGroup: 'KLG', person: '' };
    let label = input.responsibleLabel?.trim() ?? (input.responsible !== undefined ? labels[responsible] : (base?.responsibleLabel ?? labels[responsible]));
    if (label === '' && personId !== null) label = (await this.deps.person(personId))?.name ?? '';
    return {
      id,
      title: (input.title ?? base?.title ?? '').trim(),
      responsible,
      responsiblePersonId: personId,
      responsibleLabel: label,
      percentDone: input.percentDone ?? base?.percentDone ?? 0,
      start: input.start ?? base?.start ?? toOsloDate(this.work.clock()),
      deadline: input.deadline ?? base?.deadline ?? '',
    };
  }

  async start(viewer: Person, input: NewRoundInput): Promise<RoundFile> {
    const units = await this.deps.units();
    if (!canManageRounds(viewer, units)) throw forbidden('Bare kvalitetsrådgiver og kommunedirektør kan starte en risikorunde.');
    const unitIds = input.unitIds ?? [...units.values()].filter((u) => u.level === 'unit').map((u) => u.id);
    const unknown = unitIds.findIndex((id) => !units.has(id));
    if (unknown >= 0) throw invalid([{ field: `unitIds.${unknown}`, message: 'Finner ikke enheten.' }]);
    const id = roundIdOf(input.year);
    if (await this.deps.store.getRound(id)) throw new RiskError('conflict', `Det finnes allerede en risikorunde for ${input.year}.`);
    const tasks = input.tasks ? await Promise.all(input.tasks.map((t, i) => this.task(t, null, `task-${i + 1}`))) : undefined;
    const result = startRiskRound(
      {
        id,
        year: input.year,
        ...(input.title !== undefined ? { title: input.title } : {}),
        start: input.start ?? toOsloDate(this.work.clock()),
        unitDeadline: input.unitDeadline,
        sectorDeadline: input.sectorDeadline,
        ...(input.plannedEnd !== undefined ? { plannedEnd: input.plannedEnd } : {}),
        unitIds,
        ...(tasks ? { tasks } : {}),
        startedById: viewer.id,
      },
      this.work.clock(),
    );
    if (!result.ok) throw fromDomain(result.error);
    const stored = await this.deps.store.createRound({ ...result.value, createdAt: new Date(Math.floor(this.work.clock().getTime() / 1000) * 1000).toISOString() });
    this.deps.log?.('risk.roundStarted', { roundId: id, units: unitIds.length });
    return this.file(viewer, stored, units);
  }

  private async readable(viewer: Person, id: string): Promise<{ stored: Stored<RiskRound>; units: OrgUnits }> {
    const [stored, units] = await Promise.all([this.deps.store.getRound(id), this.deps.units()]);
    if (!stored) throw notFound('risikorunden');
    if (!canManageRounds(viewer, units) && visibleUnitIds(viewer, units).size === 0) throw notFound('risikorunden');
    return { stored, units };
  }

  async rounds(viewer: Person): Promise<RoundFile[]> {
    const units = await this.deps.units();
    if (!canManageRounds(viewer, units) && visibleUnitIds(viewer, units).size === 0) throw forbidden('Du har ikke tilgang til risikorundene.');
    const rounds = await this.deps.store.rounds();
    const files = await Promise.all(rounds.map((r) => this.file(viewer, r, units)));
    return files.sort((a, b) => b.round.year - a.round.year);
  }

  async round(viewer: Person, id: string): Promise<RoundFile> {
    const { stored, units } = await this.readable(viewer, id);
    return this.file(viewer, stored, units);
  }

  /** The round as the viewer may see it: every unit for managers, the units they see by position for others. */
  async file(viewer: Person, stored: Stored<RiskRound>, units: OrgUnits): Promise<RoundFile> {
    const round = stored.value;
    const index = await this.work.readyIndex();
    const manage = canManageRounds(viewer, units);
    const visible = visibleUnitIds(viewer, units);
    const today = toOsloDate(this.work.clock());
    const unitFiles: RoundUnitFile[] = [];
    let escalatedCount = 0;
    for (const unitId of round.unitIds) {
      const unit = units.get(unitId);
      if (!unit) continue;
      const assessment = index.assessments.get(roundAssessmentId(round.id, unitId));
      const facts = assessment ? index.items.ofAssessment(assessment.id) : [];
      escalatedCount += facts.filter((f) => f.escalated).length;
      if (!manage && !visible.has(unitId) && !(assessment && canReadAssessment(viewer, assessment, units, visible))) continue;
      const state: RiskUnitState = !assessment || (assessment.status === 'draft' && facts.length === 0) ? 'notStarted' : assessment.status;
      const counts = countsOf(facts, this.work.thresholds);
      unitFiles.push({
        unitId,
        unitName: unit.name,
        sectorId: sectorOf(unitId, units)?.id ?? null,
        state,
        assessmentId: assessment?.id ?? null,
        itemCount: facts.length,
        redNow: counts.now.red,
        unacceptable: counts.unacceptable,
        late: today > round.unitDeadline && (state === 'notStarted' || state === 'draft'),
      });
    }
    unitFiles.sort((a, b) => a.unitName.localeCompare(b.unitName, 'nb'));
    const sectors = new Map<string, Record<RiskUnitState, number>>();
    for (const u of unitFiles) {
      if (u.sectorId === null) continue;
      const states = sectors.get(u.sectorId) ?? emptyStates();
      states[u.state]++;
      sectors.set(u.sectorId, states);
    }
    return {
      round,
      etag: stored.etag,
      units: unitFiles,
      sectors: [...sectors.entries()]
        .map(([sectorId, states]) => ({ sectorId, sectorName: units.get(sectorId)?.name ?? sectorId, states, canCompile: unitChain(sectorId, units).some((u) => leads(viewer.id, u)) }))
        .sort((a, b) => a.sectorName.localeCompare(b.sectorName, 'nb')),
      escalatedCount,
      canManage: manage,
    };
  }

  async patch(viewer: Person, id: string, etag: string, patch: RoundPatch): Promise<RoundFile> {
    const { stored, units } = await this.readable(viewer, id);
    if (!canManageRounds(viewer, units)) throw forbidden('Bare kvalitetsrådgiver og kommunedirektør kan endre risikorunden.');
    if (stored.etag !== etag) throw new RiskError('conflict', 'Risikorunden er endret av noen andre. Last inn på nytt og prøv igjen.');
    if (patch.unitIds) {
      const unknown = patch.unitIds.findIndex((u) => !units.has(u));
      if (unknown >= 0) throw invalid([{ field: `unitIds.${unknown}`, message: 'Finner ikke enheten.' }]);
    }
    const next = changeRiskRound(stored.value, patch);
    if (!next.ok) throw fromDomain(next.error);
    return this.file(viewer, await this.save(next.value, etag), units);
  }

  private async save(r: RiskRound, etag: string): Promise<Stored<RiskRound>> {
    try {
      return await this.deps.store.updateRound(r, etag);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) throw new RiskError('conflict', 'Risikorunden er endret av noen andre. Last inn på nytt og prøv igjen.');
      throw err;
    }
  }

  /**
   * A task added (taskId null) or changed. No ETag: one task's change is re-applied on the newest round, so two
   * people updating two tasks never refuse each other. The task's own person may only set its % done.
   */
  async putTask(viewer: Person, roundId: string, taskId: string | null, input: TaskInput): Promise<RoundFile> {
    const { units } = await this.readable(viewer, roundId);
    const manage = canManageRounds(viewer, units);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.deps.store.getRound(roundId);
      if (!stored) throw notFound('risikorunden');
      const base = taskId === null ? null : (stored.value.tasks.find((t) => t.id === taskId) ?? null);
      if (taskId !== null && !base) throw notFound('oppgaven');
      if (!manage) {
        const own = base?.responsible === 'person' && base.responsiblePersonId === viewer.id;
        const onlyPercent = Object.keys(input).every((k) => k === 'percentDone');
        if (!own || !onlyPercent) throw forbidden('Bare kvalitetsrådgiver og kommunedirektør kan endre arbeidsplanen; den ansvarlige kan sette prosent ferdig.');
      }
      if (taskId === null && (input.title === undefined || input.deadline === undefined)) {
        throw invalid([...(input.title === undefined ? [{ field: 'title', message: 'Oppgaven må ha en tittel.' }] : []), ...(input.deadline === undefined ? [{ field: 'deadline', message: 'Oppgaven må ha en frist.' }] : [])]);
      }
      const task = await this.task(input, base, taskId ?? nextTaskId(stored.value));
      const next = putTask(stored.value, task);
      if (!next.ok) throw fromDomain(next.error, next.error.code === 'risk.percentOutOfRange' ? 'percentDone' : next.error.code === 'risk.taskTitleMissing' ? 'title' : 'deadline');
      try {
        return this.file(viewer, await this.deps.store.updateRound(next.value, stored.etag), units);
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= 3) throw err;
      }
    }
  }

  /**
   * The kommunalsjef's step for a whole sector: every assessment of the sector's units in the round that is in the
   * step's from-state moves on (compile: submitted → compiled; forward: compiled → forwarded, escalating to KLG).
   */
  async sectorStep(viewer: Person, roundId: string, sectorId: string, step: 'compile' | 'forward'): Promise<{ changed: AssessmentSummaryFile[]; waitingFor: { unitId: string; unitName: string; state: RiskUnitState }[]; escalated: EscalationFile[] }> {
    const { stored, units } = await this.readable(viewer, roundId);
    const sector = units.get(sectorId);
    if (!sector || sector.level !== 'sector') throw notFound('kommunalsjefområdet');
    if (!unitChain(sectorId, units).some((u) => leads(viewer.id, u))) throw forbidden('Bare kommunalsjefen for området (eller en leder over) kan sammenstille og sende videre.');
    const from: RiskAssessmentStatus = step === 'compile' ? 'submitted' : 'compiled';
    // Said once, up front: without KLG (or KUL, KDKU) no row can be sent on, and skipping quietly would hide it.
    if (step === 'forward' && !riskEscalationCommittee(await this.work.committees(), units)) {
      throw new RiskError('invalidState', 'Kommunen har ikke registrert KLG eller KUL: opprett utvalget før risiko kan meldes videre.');
    }
    const index = await this.work.readyIndex();
    const changed: AssessmentSummaryFile[] = [];
    const escalated: EscalationFile[] = [];
    const waitingFor: { unitId: string; unitName: string; state: RiskUnitState }[] = [];
    for (const unitId of stored.value.unitIds) {
      if (sectorOf(unitId, units)?.id !== sectorId) continue;
      const id = roundAssessmentId(roundId, unitId);
      const a = index.assessments.get(id) ?? (await this.deps.store.getAssessment(id))?.value;
      const facts = a ? index.items.ofAssessment(a.id) : [];
      const state: RiskUnitState = !a || (a.status === 'draft' && facts.length === 0) ? 'notStarted' : a.status;
      if (!a || a.status !== from) {
        if (state === 'notStarted' || state === 'draft' || (step === 'forward' && state === 'submitted')) waitingFor.push({ unitId, unitName: units.get(unitId)?.name ?? unitId, state });
        continue;
      }
      if (!canReviewAssessment(viewer, a, units)) continue;
      try {
        const result = await this.work.act(viewer, id, null, { type: step });
        changed.push(result.file);
        escalated.push(...result.escalated);
      } catch (err) {
        // Someone moved it in between (sent back, or another instance compiled it): leave it and say so by its state.
        if (err instanceof RiskError && (err.code === 'invalidState' || err.code === 'conflict')) continue;
        throw err;
      }
    }
    return { changed, waitingFor, escalated };
  }

  /** What falls due within `days` in active rounds; managers get everything, others what is theirs. */
  async due(viewer: Person, days: number): Promise<DueFile[]> {
    const units = await this.deps.units();
    const manage = canManageRounds(viewer, units);
    const visible = visibleUnitIds(viewer, units);
    const index = await this.work.readyIndex();
    const committees = await this.work.committees();
    const klg = riskEscalationCommittee(committees, units);
    const klgMemberIds = klg ? [klg.leaderId, ...klg.members.map((m) => m.personId)] : [];
    const out: DueFile[] = [];
    for (const { value: round } of await this.deps.store.rounds()) {
      const states = new Map<string, RiskUnitState>();
      for (const unitId of round.unitIds) {
        const a = index.assessments.get(roundAssessmentId(round.id, unitId));
        const count = a ? index.items.ofAssessment(a.id).length : 0;
        states.set(unitId, !a || (a.status === 'draft' && count === 0) ? 'notStarted' : a.status);
      }
      const advisers = [round.startedById, ...(klg?.facilitatorId ? [klg.facilitatorId] : [])];
      for (const e of riskDue(round, { states, units, qualityAdviserIds: [...new Set(advisers)], klgMemberIds }, this.work.clock(), days)) {
        if (!manage && !e.responsibleIds.includes(viewer.id) && !(e.unitId !== null && visible.has(e.unitId))) continue;
        out.push({ ...e, roundTitle: round.title });
      }
    }
    return out.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
  }

  /** The rows sent to KLG (what KLG turns into its action list), with their measures; at most 200, newest year first. */
  async escalations(viewer: Person, filter: { roundId?: string; year?: number }): Promise<{ file: ItemFile; assessmentTitle: string; unitName: string; sectorName: string | null }[]> {
    const units = await this.deps.units();
    const visible = visibleUnitIds(viewer, units);
    const manage = canManageRounds(viewer, units);
    const committees = await this.work.committees();
    const klg = riskEscalationCommittee(committees, units);
    const member = klg !== undefined && (klg.leaderId === viewer.id || klg.facilitatorId === viewer.id || klg.members.some((m) => m.personId === viewer.id));
    if (!manage && !member && visible.size === 0) throw forbidden('Du har ikke tilgang til risikovurderinger.');
    const index = await this.work.readyIndex();
    const picked: string[] = [];
    for (const f of index.items.all()) {
      if (!f.escalated) continue;
      const a = index.assessments.get(f.assessmentId);
      if (!a) continue;
      if (filter.roundId !== undefined && a.roundId !== filter.roundId) continue;
      if (filter.year !== undefined && a.year !== filter.year) continue;
      if (!manage && !member && !canReadAssessment(viewer, a, units, visible)) continue;
      picked.push(f.id);
      if (picked.length >= 200) break;
    }
    const files = await Promise.all(picked.map((id) => this.work.item(viewer, id, { escalatedToViewer: manage || member }).catch(() => null)));
    return files
      .filter((f): f is ItemFile => f !== null)
      .map((file) => {
        const a = index.assessments.get(file.item.assessmentId);
        return { file, assessmentTitle: a?.title ?? '', unitName: units.get(file.item.unitId)?.name ?? file.item.unitId, sectorName: sectorOf(file.item.unitId, units)?.name ?? null };
      })
      .sort((x, y) => (x.sectorName ?? '').localeCompare(y.sectorName ?? '', 'nb') || x.unitName.localeCompare(y.unitName, 'nb'));
  }
}

