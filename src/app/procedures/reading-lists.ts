// Reading lists (issue 8, item 3): who must read which approved version, "Jeg har lest og forstått", coverage per unit
// for leaders, reminders, the one daily digest per person, and new employees.
//
// An entry says "this person must read this document, at least this version"; a confirmation says "this person has
// read and understood this version". A confirmation covers every entry of the same document up to its version, so a
// later substantive approval (a new entry) needs a new confirmation, and a non-substantive one (no new entry) does not.
// Only the version in force can be confirmed: a card from before a new approval is refused with a clear message.
//
// The digest is one message a day per person, never one per document: `sendReadingDigests(now)` (run at the reminder
// time by the daily scheduler, as a job on the reminders' send queue, its sends through the same pacer as theirs:
// src/server/compose-reminders.ts) claims the day's run in SharePoint (one instance sends; another takes over a run that
// stopped), sends each person with something new since the last run one card listing everything still unread, paced
// under Teams' limits, and records how far it got every 25 people, so a restart goes on where it stopped.
import {
  type OrgUnits,
  type Person,
  type ProcedureDocument,
  appliesToPerson,
  checkReadingConfirmation,
  compareVersionLabels,
  confirmationCovers,

  isInForce,
  isWithin,
  mayView,
  toOsloDate,
  visibleUnitIds,
} from '../../domain/index.js';
import { readingDigestCard, type ReadingCardItem } from '../../cards/index.js';
import type { CardJson } from '../conversation/types.js';
import type { EntriesOutcome, OrganisationRepository, ReadingConfirmationRecord, ReadingEntry, UpsertResult } from '../ports/index.js';
import { keyWindows } from '../case-work/query-plan.js';
import type { ProcedureContext } from './context.js';
import { ProcedureFailure, failureOf, forbidden, notFound } from './errors.js';
import { paced } from './pacing.js';
import type { ProcedureIndex } from './procedure-index.js';

export interface ReadingItem {
  readonly doc: ProcedureDocument;
  /** The version to confirm: the one in force. */
  readonly version: string;
  readonly assignedAt: string;
  readonly confirmedAt: string | null;
}

export interface CoverageFigures {
  readonly required: number;
  readonly confirmed: number;
  readonly percent: number | null;
}

export interface DocumentCoverageResult extends CoverageFigures {
  readonly doc: ProcedureDocument;
  readonly readingVersion: string;
  readonly unitId: string;
  readonly byUnit: (CoverageFigures & { unitId: string; own?: boolean })[];
  readonly notConfirmed: { person: Person; assignedAt: string }[];
}

export interface DigestOutcome {
  /** 'sent': this call ran (or finished) the day's run; 'done': it had run already; 'busy': another instance is at it. */
  readonly status: 'sent' | 'done' | 'busy';
  readonly runKey: string;
  /** Digests sent by this call. */
  readonly sent: number;
  /** People with something new who have no chat with the bot (not installed). */
  readonly unreachable: number;
  readonly failed: number;
  /** People with something new since the last run. */
  readonly people: number;
  readonly seconds: number;
}

/** Every item's outcome, all started at once (the sender they go through decides when each is sent). */
async function settled<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]> {
  return Promise.all(items.map(async (item) => {
    try {
      return { ok: true as const, value: await work(item) };
    } catch (error) {
      return { ok: false as const, error };
    }
  }));
}

const percent = (confirmed: number, required: number): number | null => (required === 0 ? null : Math.round((confirmed / required) * 1000) / 10);
const PROGRESS_EVERY = 25;

export class ReadingLists {
  /** document|unit → Oslo date of the last reminder (per instance). */
  private readonly reminded = new Map<string, string>();

  constructor(
    private readonly ctx: ProcedureContext,
    private readonly index: ProcedureIndex,
  ) {}

  // ── Entries ────────────────────────────────────────────────────────────────────────────────────────────────────

  /** Everyone the document applies to gets its approved version on their reading list (exactly once each). */
  async assignOnApproval(doc: ProcedureDocument): Promise<EntriesOutcome> {
    if (!isInForce(doc) || doc.approvedVersion === null) return { created: 0, alreadyPresent: 0, failed: [] };
    const [units, people] = await Promise.all([this.ctx.deps.org.units(), this.ctx.people()]);
    const assignedAt = this.ctx.now().toISOString();
    const entries: ReadingEntry[] = people
      .filter((p) => appliesToPerson(doc, p, units))
      .map((p) => ({ documentId: doc.id, version: doc.approvedVersion as string, personId: p.id, unitId: p.unitId, assignedAt, reason: 'approved' }));
    const started = Date.now();
    const outcome = await this.ctx.deps.reading.addEntries(entries);
    this.ctx.log('procedures.readingAssigned', { entries: entries.length, created: outcome.created, failed: outcome.failed.length, seconds: Math.round((Date.now() - started) / 100) / 10 });
    return outcome;
  }

  /**
   * A new employee (or one who moved to another unit) gets every document in force that applies to them and that
   * they have not already confirmed. For the HR sync and the scheduler; `withReadingListOnboarding` calls it on upsert.
   */
  async assignForNewEmployee(person: Person): Promise<EntriesOutcome> {
    await this.index.fresh();
    const [units, confirmations] = await Promise.all([this.ctx.deps.org.units(), this.ctx.deps.reading.confirmationsForPerson(person.id)]);
    const assignedAt = this.ctx.now().toISOString();
    const entries: ReadingEntry[] = this.index
      .all()
      .filter((d) => isInForce(d) && appliesToPerson(d, person, units))
      .filter((d) => !confirmations.some((c) => c.documentId === d.id && confirmationCovers(c.version, d.approvedVersion as string)))
      .map((d) => ({ documentId: d.id, version: d.approvedVersion as string, personId: person.id, unitId: person.unitId, assignedAt, reason: 'newEmployee' }));
    return this.ctx.deps.reading.addEntries(entries);
  }

  // ── One person's list ──────────────────────────────────────────────────────────────────────────────────────────

  /** The person's open items (oldest first) and their last confirmations (newest first, at most 20). */
  async myList(person: Person): Promise<{ open: ReadingItem[]; confirmed: ReadingItem[] }> {
    await this.index.fresh();
    const [entries, confirmations] = await Promise.all([this.ctx.deps.reading.entriesForPerson(person.id), this.ctx.deps.reading.confirmationsForPerson(person.id)]);
    const open = openItems(entries, confirmations, (id) => this.index.get(id));
    const confirmed = [...confirmations]
      .sort((a, b) => b.confirmedAt.localeCompare(a.confirmedAt))
      .flatMap((c) => {
        const doc = this.index.get(c.documentId);
        return doc ? [{ doc, version: c.version, assignedAt: c.confirmedAt, confirmedAt: c.confirmedAt }] : [];
      })
      .filter((item, i, all) => all.findIndex((x) => x.doc.id === item.doc.id) === i)
      .slice(0, 20);
    return { open, confirmed };
  }

  /** "Jeg har lest og forstått": only the version in force; a second confirmation keeps the first. */
  async confirm(person: Person, documentId: string, version: string): Promise<{ record: ReadingConfirmationRecord; created: boolean; doc: ProcedureDocument }> {
    const [stored, units] = await Promise.all([this.ctx.deps.library.get(documentId), this.ctx.deps.org.units()]);
    if (!stored || !mayView(person, stored.value, units)) throw notFound();
    const doc = stored.value;
    const checked = checkReadingConfirmation(doc, version);
    if (!checked.ok) {
      const failure = failureOf(checked.error, doc);
      if (failure.kind === 'supersededVersion') {
        throw new ProcedureFailure('supersededVersion', `Versjon ${version} er erstattet av versjon ${doc.approvedVersion ?? ''}. Les den nye versjonen og bekreft den.`, { currentVersion: doc.approvedVersion ?? undefined });
      }
      throw failure;
    }
    const { record, created } = await this.ctx.deps.reading.confirm({ documentId, version, personId: person.id, unitId: person.unitId, confirmedAt: this.ctx.now().toISOString() });
    this.ctx.log('procedures.readingConfirmed', { created });
    return { record, created, doc };
  }

  /** The digest card as it stands for the person now (after a confirmation: the ticked one and what is left). */
  async digestCard(person: Person, locale: string, notice: string | null = null): Promise<CardJson> {
    const { open, confirmed } = await this.myList(person);
    const since = this.ctx.now().getTime() - 24 * 3_600_000;
    const recent = confirmed.filter((c) => c.confirmedAt !== null && Date.parse(c.confirmedAt) >= since);
    const units = await this.ctx.deps.org.units();
    return readingDigestCard({
      locale,
      variant: 'digest',
      items: [...open.map((i) => this.cardItem(i, units, false)), ...recent.map((i) => this.cardItem(i, units, false))],
      openCount: open.length,
      listUrl: this.ctx.readingListUrl(),
      notice,
    });
  }

  private cardItem(item: ReadingItem, units: OrgUnits, isNew: boolean): ReadingCardItem {
    const changeNote = item.doc.approvals.find((a) => a.outcome === 'approved' && a.publishedVersion === item.version)?.changeNote ?? null;
    return {
      documentId: item.doc.id,
      version: item.version,
      title: item.doc.title,
      documentType: item.doc.documentType,
      unitName: units.get(item.doc.ownerUnitId)?.name ?? '',
      changeNote,
      url: this.ctx.documentUrl(item.doc.id),
      isNew,
      confirmedAt: item.confirmedAt,
    };
  }

  // ── Leaders: coverage and reminders ────────────────────────────────────────────────────────────────────────────

  /** Who in the unit (and below) has confirmed the reading version, per child unit, and who has not. */
  async coverage(viewer: Person, documentId: string, unitId?: string): Promise<DocumentCoverageResult> {
    const units = await this.ctx.deps.org.units();
    const stored = await this.ctx.deps.library.get(documentId);
    if (!stored || !mayView(viewer, stored.value, units)) throw notFound();
    const doc = stored.value;
    const unit = this.unitFor(viewer, unitId, units);
    const readingVersion = doc.readingVersion ?? doc.approvedVersion;
    if (readingVersion === null || !isInForce(doc)) throw new ProcedureFailure('invalidState', 'Dokumentet har ingen godkjent versjon i kraft, så ingen skal ha lest det.');
    const audience = (await this.ctx.people()).filter((p) => appliesToPerson(doc, p, units));
    const { confirmations, entries } = await this.rowsOf(doc, readingVersion, audience);
    const confirmedBy = confirmedPeople(confirmations, readingVersion);
    const required = audience.filter((p) => isWithin(p.unitId, unit, units));
    const figures = (ps: readonly Person[]): CoverageFigures => {
      const confirmed = ps.filter((p) => confirmedBy.has(p.id)).length;
      return { required: ps.length, confirmed, percent: percent(confirmed, ps.length) };
    };
    const children = [...units.values()].filter((u) => u.parentId === unit).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    const byUnit: DocumentCoverageResult['byUnit'] = children.map((c) => ({ unitId: c.id, ...figures(required.filter((p) => isWithin(p.unitId, c.id, units))) }));
    const own = required.filter((p) => p.unitId === unit);
    if (own.length > 0) byUnit.unshift({ unitId: unit, own: true, ...figures(own) });
    const assigned = new Map<string, string>();
    for (const e of entries) if (!assigned.has(e.personId) || (assigned.get(e.personId) as string) < e.assignedAt) assigned.set(e.personId, e.assignedAt);
    const notConfirmed = required
      .filter((p) => !confirmedBy.has(p.id))
      .map((person) => ({ person, assignedAt: assigned.get(person.id) ?? doc.approvedAt ?? '' }))
      .sort((a, b) => a.person.name.localeCompare(b.person.name, 'nb'));
    return { doc, readingVersion, unitId: unit, ...figures(required), byUnit, notConfirmed };
  }

  /**
   * The entries and confirmations of every version from `readingVersion` on (those a confirmation can cover it with),
   * read in windows of the audience's person ids (keyWindows): a document for every employee of the 60,000-employee
   * demo is 15 windows a version and list, where `DocumentId eq` would be refused.
   */
  private async rowsOf(doc: ProcedureDocument, readingVersion: string, audience: readonly Person[]): Promise<{ entries: ReadingEntry[]; confirmations: ReadingConfirmationRecord[] }> {
    const windows = keyWindows(audience.map((p) => p.id));
    const versions = [...new Set([readingVersion, doc.approvedVersion, ...doc.approvals.map((a) => (a.outcome === 'approved' ? a.publishedVersion : null))])].filter(
      (v): v is string => v !== null && confirmationCovers(v, readingVersion),
    );
    const store = this.ctx.deps.reading;
    const [entries, confirmations] = await Promise.all([
      Promise.all(versions.map((v) => store.entriesForVersion(doc.id, v, windows))),
      Promise.all(versions.map((v) => store.confirmationsForVersion(doc.id, v, windows))),
    ]);
    return { entries: entries.flat(), confirmations: confirmations.flat() };
  }

  /** Every document in force that applies to someone in the unit, with the unit's coverage; lowest first. */
  async unitOverview(viewer: Person, unitId?: string): Promise<{ unitId: string; documents: (CoverageFigures & { doc: ProcedureDocument; readingVersion: string })[]; total: CoverageFigures }> {
    await this.index.fresh();
    const units = await this.ctx.deps.org.units();
    const unit = this.unitFor(viewer, unitId, units);
    return this.overviewOf(unit, units);
  }

  /** The same figures without an access check: for the dashboard tile, whose caller has checked. */
  async overviewOf(unit: string, units: OrgUnits): Promise<{ unitId: string; documents: (CoverageFigures & { doc: ProcedureDocument; readingVersion: string })[]; total: CoverageFigures }> {
    const [people, confirmations] = await Promise.all([this.ctx.people(), this.ctx.deps.reading.allConfirmations()]);
    const inUnit = people.filter((p) => isWithin(p.unitId, unit, units));
    const byDoc = new Map<string, ReadingConfirmationRecord[]>();
    for (const c of confirmations) byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), c]);
    const documents = this.index
      .all()
      .filter(isInForce)
      .flatMap((doc) => {
        const readingVersion = doc.readingVersion ?? (doc.approvedVersion as string);
        const required = inUnit.filter((p) => appliesToPerson(doc, p, units));
        if (required.length === 0) return [];
        const confirmedBy = confirmedPeople(byDoc.get(doc.id) ?? [], readingVersion);
        const confirmed = required.filter((p) => confirmedBy.has(p.id)).length;
        return [{ doc, readingVersion, required: required.length, confirmed, percent: percent(confirmed, required.length) }];
      })
      .sort((a, b) => (a.percent ?? 100) - (b.percent ?? 100) || a.doc.title.localeCompare(b.doc.title, 'nb'));
    const required = documents.reduce((n, d) => n + d.required, 0);
    const confirmed = documents.reduce((n, d) => n + d.confirmed, 0);
    return { unitId: unit, documents, total: { required, confirmed, percent: percent(confirmed, required) } };
  }

  /** One reminder card to each person in the unit (and below) who has not confirmed; once per document, unit and day. */
  async remind(viewer: Person, documentId: string, unitId: string): Promise<{ reminded: number; unreachable: Person[] }> {
    const coverage = await this.coverage(viewer, documentId, unitId);
    const day = toOsloDate(this.ctx.now());
    const key = `${documentId}|${coverage.unitId}`;
    if (this.reminded.get(key) === day) throw new ProcedureFailure('conflict', 'Det er allerede sendt en påminnelse om dette dokumentet til denne enheten i dag.');
    this.reminded.set(key, day);
    const units = await this.ctx.deps.org.units();
    const doc = coverage.doc;
    const item = this.cardItem({ doc, version: doc.approvedVersion as string, assignedAt: '', confirmedAt: null }, units, false);
    const card = readingDigestCard({ locale: 'nb-NO', variant: 'reminder', items: [item], openCount: 1, listUrl: this.ctx.readingListUrl() });
    const results = await paced(coverage.notConfirmed, this.paceOptions(), ({ person }) => this.ctx.deps.messenger.sendToPerson(person.id, { card }));
    const unreachable: Person[] = [];
    let reminded = 0;
    results.forEach((r, i) => {
      if (r.ok && r.value !== null) reminded++;
      else unreachable.push((coverage.notConfirmed[i] as { person: Person }).person);
    });
    this.ctx.log('procedures.reminded', { reminded, unreachable: unreachable.length });
    return { reminded, unreachable };
  }

  private unitFor(viewer: Person, unitId: string | undefined, units: OrgUnits): string {
    const visible = visibleUnitIds(viewer, units);
    if (unitId !== undefined) {
      if (!units.has(unitId)) throw new ProcedureFailure('invalid', 'Finner ikke enheten.', { field: 'unitId' });
      if (!visible.has(unitId)) throw forbidden('Du har ikke tilgang til lesestatus for denne enheten.');
      return unitId;
    }
    // The viewer's top unit: the highest they see.
    const top = [...visible].find((id) => {
      const parent = units.get(id)?.parentId ?? null;
      return parent === null || !visible.has(parent);
    });
    if (!top) throw forbidden('Lesestatus per enhet er for ledere og kvalitetsrådgivere.');
    return top;
  }

  private paceOptions() {
    return { perSecond: this.ctx.deps.config.sendsPerSecond ?? 20, concurrency: this.ctx.deps.config.sendConcurrency ?? 4 };
  }

  // ── The daily digest ───────────────────────────────────────────────────────────────────────────────────────────

  /** One digest per person with something new since the last run (see the top of this file). For the scheduler. */
  async sendReadingDigests(now: Date): Promise<DigestOutcome> {
    const started = Date.now();
    const runKey = toOsloDate(now);
    const claim = await this.ctx.deps.reading.claimDigestRun(runKey, now.toISOString(), now.toISOString(), new Date(now.getTime() - 10 * 60_000).toISOString());
    const outcome = (status: DigestOutcome['status'], sent = 0, unreachable = 0, failed = 0, people = 0): DigestOutcome => ({
      status,
      runKey,
      sent,
      unreachable,
      failed,
      people,
      seconds: (Date.now() - started) / 1000,
    });
    if (claim.type !== 'claimed') return outcome(claim.type);
    let { run, etag } = claim;
    const from = claim.previousCutoff ?? new Date(Date.parse(run.cutoff) - 24 * 3_600_000).toISOString();

    await this.index.fresh();
    await this.reconcile(from);
    const [entries, confirmations, units] = await Promise.all([this.ctx.deps.reading.allEntries(), this.ctx.deps.reading.allConfirmations(), this.ctx.deps.org.units()]);
    const byPerson = groupBy(entries, (e) => e.personId);
    const confirmationsByPerson = groupBy(confirmations, (c) => c.personId);
    const recipients = [...byPerson.entries()]
      .filter(([, es]) => es.some((e) => e.assignedAt > from && e.assignedAt <= run.cutoff))
      .map(([personId, es]) => ({ personId, open: openItems(es, confirmationsByPerson.get(personId) ?? [], (id) => this.index.get(id)), fresh: new Set(es.filter((e) => e.assignedAt > from).map((e) => e.documentId)) }))
      .filter((r) => r.open.length > 0)
      .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
    // Every chat reference in a few paged reads, not one read per person; those without one have no chat with the bot.
    const reachable = await (this.ctx.deps.references?.preloadPeople?.() ?? Promise.resolve(null)).catch((err: unknown) => {
      this.ctx.logError('procedures.referencesNotPreloaded', err);
      return null;
    });
    const pending = run.sentThrough === null ? recipients : recipients.filter((r) => r.personId > (run.sentThrough as string));
    const todo = reachable ? pending.filter((r) => reachable.has(r.personId)) : pending;
    const sender = this.ctx.deps.digestSender;
    let sent = 0;
    let unreachable = pending.length - todo.length;
    let failed = 0;
    for (let at = 0; at < todo.length; at += PROGRESS_EVERY) {
      const chunk = todo.slice(at, at + PROGRESS_EVERY);
      const send = (r: (typeof chunk)[number]) => {
        const items = r.open.sort((a, b) => Number(r.fresh.has(b.doc.id)) - Number(r.fresh.has(a.doc.id)) || a.assignedAt.localeCompare(b.assignedAt)).map((i) => this.cardItem(i, units, r.fresh.has(i.doc.id)));
        const card = readingDigestCard({ locale: 'nb-NO', variant: 'digest', items, openCount: r.open.length, listUrl: this.ctx.readingListUrl() });
        return sender ? sender(r.personId, { card }) : this.ctx.deps.messenger.sendToPerson(r.personId, { card });
      };
      // The shared sender paces every send of the app together; alone, the digest paces itself.
      const results = sender ? await settled(chunk, send) : await paced(chunk, this.paceOptions(), send);
      for (const r of results) {
        if (!r.ok) failed++;
        else if (r.value === null) unreachable++;
        else sent++;
      }
      run = { ...run, sentThrough: (chunk.at(-1) as { personId: string }).personId, sent: run.sent + results.filter((r) => r.ok && r.value !== null).length, startedAt: new Date().toISOString() };
      const next = await this.ctx.deps.reading.saveDigestProgress(run, etag);
      if (next === null) {
        // Another instance took the run over (this one was thought stopped): it goes on from the progress saved.
        this.ctx.log('procedures.digestTakenOver', { sent });
        return outcome('busy', sent, unreachable, failed, recipients.length);
      }
      etag = next;
    }
    await this.ctx.deps.reading.saveDigestProgress({ ...run, completedAt: new Date().toISOString() }, etag);
    this.ctx.log('procedures.digestSent', { sent, unreachable, failed, people: recipients.length });
    return outcome('sent', sent, unreachable, failed, recipients.length);
  }

  /**
   * Documents approved (substantively) since `from` whose reading lists may be incomplete — the process stopped while
   * writing them — get the missing entries now; entries are keyed, so nothing is written twice.
   */
  private async reconcile(from: string): Promise<void> {
    const since = new Date(Date.parse(from) - 24 * 3_600_000).toISOString();
    const recent = this.index.all().filter((d) => isInForce(d) && d.approvals[0]?.outcome === 'approved' && d.approvals[0].substantive && d.approvals[0].at > since);
    for (const doc of recent) {
      const [units, people] = await Promise.all([this.ctx.deps.org.units(), this.ctx.people()]);
      const audience = people.filter((p) => appliesToPerson(doc, p, units));
      const existing = await this.ctx.deps.reading.entriesForVersion(doc.id, doc.approvedVersion as string, keyWindows(audience.map((p) => p.id)));
      const have = new Set(existing.map((e) => e.personId));
      const missing = audience.filter((p) => !have.has(p.id));
      if (missing.length === 0) continue;
      const assignedAt = doc.approvedAt ?? this.ctx.now().toISOString();
      await this.ctx.deps.reading.addEntries(missing.map((p) => ({ documentId: doc.id, version: doc.approvedVersion as string, personId: p.id, unitId: p.unitId, assignedAt, reason: 'approved' as const })));
      this.ctx.log('procedures.readingReconciled', { missing: missing.length });
    }
  }
}

/** Open items: per document in force, the newest entry not covered by a confirmation of that or a later version. */
function openItems(entries: readonly ReadingEntry[], confirmations: readonly ReadingConfirmationRecord[], docOf: (id: string) => ProcedureDocument | null): ReadingItem[] {
  const newest = new Map<string, ReadingEntry>();
  for (const e of entries) {
    const had = newest.get(e.documentId);
    if (!had || compareVersionLabels(e.version, had.version) > 0) newest.set(e.documentId, e);
  }
  const out: ReadingItem[] = [];
  for (const e of newest.values()) {
    const doc = docOf(e.documentId);
    if (!doc || !isInForce(doc)) continue;
    if (confirmations.some((c) => c.documentId === e.documentId && confirmationCovers(c.version, e.version))) continue;
    out.push({ doc, version: doc.approvedVersion as string, assignedAt: e.assignedAt, confirmedAt: null });
  }
  return out.sort((a, b) => a.assignedAt.localeCompare(b.assignedAt));
}

function confirmedPeople(confirmations: readonly ReadingConfirmationRecord[], readingVersion: string): Set<string> {
  return new Set(confirmations.filter((c) => confirmationCovers(c.version, readingVersion)).map((c) => c.personId));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The trigger for new employees: an OrganisationRepository whose upsertPeople also puts, for each person who is new
 * or moved to another unit, the documents of their area on their reading list. For the HR sync (a later issue) to
 * compose; the demo seed does not use it (4,000 people × their documents is for a sync, not a seed).
 */
export function withReadingListOnboarding(organisation: OrganisationRepository, lists: Pick<ReadingLists, 'assignForNewEmployee'>, log?: (event: string) => void): OrganisationRepository {
  return {
    ...organisation,
    allUnits: () => organisation.allUnits(),
    allPeople: () => organisation.allPeople(),
    personById: (id) => organisation.personById(id),
    peopleByIds: (ids) => organisation.peopleByIds(ids),
    personByEmail: (email) => organisation.personByEmail(email),
    upsertUnits: (units) => organisation.upsertUnits(units),
    async upsertPeople(people: readonly Person[]): Promise<UpsertResult> {
      const before = new Map((await organisation.peopleByIds(people.map((p) => p.id))).map((p) => [p.id, p]));
      const result = await organisation.upsertPeople(people);
      const failed = new Set(result.failed.map((f) => f.importKey));
      for (const person of people) {
        if (failed.has(person.id)) continue;
        const was = before.get(person.id);
        if (was && was.unitId === person.unitId) continue;
        try {
          await lists.assignForNewEmployee(person);
        } catch {
          log?.('procedures.onboardingFailed');
        }
      }
      return result;
    },
  };
}

