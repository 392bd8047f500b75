// Writing, approving and reviewing procedures and governing documents (issue 8, items 1, 2 and 4).
//
// Every read and write is checked here against the domain's rules (procedure-workflow.ts): who may write for a unit,
// who approves (only the leader or deputy of the owner unit), who reviews, who sees drafts. Files are checked by
// their bytes before anything is stored; a refused file, a taken name or a wrong approver leaves nothing written.
// Approval publishes the draft as the next major version in the library, records who approved which version when,
// updates every approver's card, tells the one who sent it, and (for a substantive change) puts the document on the
// reading lists of everyone it applies to — in the background, since 4,000 entries take minutes under the budget.
import {
  type DocumentKind,
  type OrgUnits,
  type Person,
  type ProcedureDocument,
  type ProcedureDocumentType,
  type ReviewOutcome,
  type Role,
  approveDocument,
  checkApproval,
  isInForce,
  isProcedureReviewOverdue,
  mayEdit,
  mayReview,
  mayView,
  mayViewDrafts,
  mayWriteFor,
  procedureApproverIds,
  rejectDocument,
  reviewDaysOverdue,
  reviewDocument,
  submitForApproval,
  toOsloDate,
  visibleUnitIds,
  withNewDraft,
  addDays,
} from '../../domain/index.js';
import { type ProcedureApprovalInput, escapeMarkdown, procedureApprovalCard } from '../../cards/index.js';
import type { CardJson } from '../conversation/types.js';
import { type ApprovalCardRef, ConcurrencyConflict, type DocumentContent, type DocumentVersionInfo, DuplicateFileName, type Stored } from '../ports/index.js';
import type { ProcedureContext } from './context.js';
import { checkDocumentFile } from './document-files.js';
import { ProcedureFailure, failureOf, forbidden, notFound } from './errors.js';
import type { ProcedureIndex, SearchHit } from './procedure-index.js';

export interface DocumentMetadata {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly description: string;
  /** Required for governing documents; 'procedure' (or null) for procedures. */
  readonly documentType: ProcedureDocumentType | null;
  readonly ownerUnitId: string;
  readonly ownerArea: string | null;
  readonly reviewerId: string;
  /** Empty: the owner unit. */
  readonly appliesToUnitIds: readonly string[];
  readonly appliesToRoles: readonly Role[];
  readonly relatedRiskItemIds: readonly string[];
  readonly keywords: readonly string[];
}

export interface IncomingFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type Decision = { readonly outcome: 'approve'; readonly comment: string | null } | { readonly outcome: 'reject'; readonly comment: string };

/** Where an approval came from: the card acted on (it gets the answer in place; every other copy is updated). */
export interface DecisionOrigin {
  readonly conversationId: string;
  readonly activityId: string | null;
}

/** Called after an approval with a substantive change: the reading lists (reading-lists.ts). */
export type OnApproved = (doc: ProcedureDocument) => Promise<unknown>;

export interface DocumentListQuery {
  readonly q?: string;
  readonly kind?: DocumentKind;
  readonly statuses?: readonly ProcedureDocument['status'][];
  readonly documentTypes?: readonly ProcedureDocumentType[];
  readonly unitId?: string;
  readonly appliesToMe?: boolean;
  readonly mine?: 'review' | 'approve' | 'own';
  readonly reviewDue?: boolean;
  readonly sort?: 'relevance' | 'title' | '-updated' | 'nextReview';
}

export class Procedures {
  private readonly background = new Set<Promise<unknown>>();
  onApproved: OnApproved = async () => undefined;

  constructor(
    private readonly ctx: ProcedureContext,
    readonly index: ProcedureIndex,
  ) {}

  /** Resolves when the work started in the background (reading lists, notices) has ended. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private inBackground(event: string, work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.ctx.logError(event, err)).finally(() => this.background.delete(p));
    this.background.add(p);
  }

  // ── Reading ────────────────────────────────────────────────────────────────────────────────────────────────────

  /** The document as stored, for someone who may see it; notFound otherwise (a draft says nothing to others). */
  async get(viewer: Person, id: string): Promise<Stored<ProcedureDocument>> {
    const [stored, units] = await Promise.all([this.ctx.deps.library.get(id), this.ctx.deps.org.units()]);
    if (!stored || !mayView(viewer, stored.value, units)) throw notFound();
    return stored;
  }

  /** The documents the viewer may see that match, best first (with q) or by the sort asked. */
  async list(viewer: Person, query: DocumentListQuery): Promise<SearchHit[]> {
    await this.index.fresh();
    const units = await this.ctx.deps.org.units();
    const today = toOsloDate(this.ctx.now());
    const statuses = query.statuses;
    const candidates = this.index.all().filter((doc) => {
      if (!mayView(viewer, doc, units)) return false;
      if (query.kind && doc.kind !== query.kind) return false;
      if (statuses) {
        if (!statuses.includes(doc.status)) return false;
      } else if (doc.status === 'archived' || (!isInForce(doc) && !mayViewDrafts(viewer, doc, units))) return false;
      if (query.documentTypes && !query.documentTypes.includes(doc.documentType)) return false;
      if (query.unitId && !appliesToUnit(doc, query.unitId, units)) return false;
      if (query.appliesToMe && !appliesToUnit(doc, viewer.unitId, units)) return false;
      if (query.appliesToMe && doc.appliesToRoles.length > 0 && !doc.appliesToRoles.some((r) => viewer.roles.includes(r))) return false;
      if (query.mine === 'review' && doc.reviewerId !== viewer.id) return false;
      if (query.mine === 'approve' && !(doc.status === 'awaitingApproval' && procedureApproverIds(doc, units).includes(viewer.id))) return false;
      if (query.mine === 'own' && !procedureApproverIds(doc, units).includes(viewer.id)) return false;
      if (query.reviewDue && !(doc.status === 'approved' && doc.nextReviewDate !== null && doc.nextReviewDate <= today)) return false;
      return true;
    });
    // Unit and area names are searched as metadata: "finn prosedyre solvang" finds Solvang's own routines.
    const hits = this.index.search(query.q ?? '', candidates, (doc) => [doc.ownerUnitId, ...doc.appliesToUnitIds].map((id) => units.get(id)?.name ?? '').join(' '));
    const sort = query.sort ?? (query.q ? 'relevance' : 'title');
    if (sort === 'title') hits.sort((a, b) => a.doc.title.localeCompare(b.doc.title, 'nb'));
    if (sort === '-updated') hits.sort((a, b) => updatedAt(b.doc).localeCompare(updatedAt(a.doc)));
    if (sort === 'nextReview') hits.sort((a, b) => (a.doc.nextReviewDate ?? '9999').localeCompare(b.doc.nextReviewDate ?? '9999'));
    return hits;
  }

  async versions(viewer: Person, doc: ProcedureDocument): Promise<DocumentVersionInfo[]> {
    const units = await this.ctx.deps.org.units();
    if (!mayViewDrafts(viewer, doc, units)) return [];
    return this.ctx.deps.library.versions(doc);
  }

  /**
   * A version's file: the approved one by default; editors and approvers may have any version ('latest' the newest
   * draft), others only versions that were approved.
   */
  async content(viewer: Person, id: string, version: string | undefined): Promise<DocumentContent> {
    const stored = await this.get(viewer, id);
    const doc = stored.value;
    const units = await this.ctx.deps.org.units();
    const drafts = mayViewDrafts(viewer, doc, units);
    const wanted = version ?? doc.approvedVersion ?? (drafts ? 'latest' : null);
    if (wanted === null) throw notFound();
    const published = new Set([doc.approvedVersion, ...doc.approvals.map((a) => a.publishedVersion)].filter((v): v is string => v !== null));
    if (!drafts && (wanted === 'latest' || !published.has(wanted) || !isInForce(doc))) throw notFound();
    const content = await this.ctx.deps.library.content(doc, wanted);
    if (!content) throw new ProcedureFailure('notFound', 'Fant ikke den versjonen av dokumentet.');
    return content;
  }

  // ── Writing ────────────────────────────────────────────────────────────────────────────────────────────────────

  async create(viewer: Person, metadata: DocumentMetadata, file: IncomingFile): Promise<Stored<ProcedureDocument>> {
    const units = await this.ctx.deps.org.units();
    await this.checkMetadata(metadata, units);
    if (!mayWriteFor(viewer, metadata.ownerUnitId, units)) throw forbidden('Du kan bare skrive dokumenter for enheter du leder (eller som kvalitetsrådgiver/-koordinator).');
    const checked = this.checkFile(file);
    const owner = units.get(metadata.ownerUnitId);
    const doc = {
      id: this.ctx.newId(),
      kind: metadata.kind,
      documentType: documentTypeOf(metadata),
      title: metadata.title,
      description: metadata.description,
      keywords: [...metadata.keywords],
      ownerUnitId: metadata.ownerUnitId,
      level: owner?.level ?? 'unit',
      ownerArea: metadata.ownerArea,
      reviewerId: metadata.reviewerId,
      appliesToUnitIds: metadata.appliesToUnitIds.length > 0 ? [...new Set(metadata.appliesToUnitIds)] : [metadata.ownerUnitId],
      appliesToRoles: [...new Set(metadata.appliesToRoles)],
      relatedRiskItemIds: [...new Set(metadata.relatedRiskItemIds)],
      status: 'draft' as const,
      approvedVersion: null,
      approvedAt: null,
      approvedById: null,
      readingVersion: null,
      nextReviewDate: null,
      lastReviewedOn: null,
      pending: null,
      approvals: [],
      reviews: [],
      createdById: viewer.id,
    };
    try {
      const stored = await this.ctx.deps.library.create(doc, { name: checked.name, bytes: file.bytes, contentType: checked.contentType });
      this.index.put(stored.value);
      this.ctx.log('procedures.created', { kind: doc.kind });
      return stored;
    } catch (err) {
      if (!(err instanceof DuplicateFileName)) throw err;
      const existing = this.index.all().find((d) => d.fileName.toLowerCase() === err.fileName.toLowerCase() && d.kind === doc.kind);
      const visible = existing && mayView(viewer, existing, units) ? { existingId: existing.id } : {};
      throw new ProcedureFailure(
        'duplicateName',
        `Det finnes allerede et dokument med filnavnet «${err.fileName}» i biblioteket. Gi filen et annet navn, eller last opp en ny versjon av det dokumentet.`,
        { field: 'file', ...visible },
      );
    }
  }

  /** Metadata of a draft (the approved version in force is not changed by it until the next approval). */
  async updateMetadata(viewer: Person, id: string, etag: string, patch: Partial<Omit<DocumentMetadata, 'kind'>>): Promise<Stored<ProcedureDocument>> {
    const stored = await this.get(viewer, id);
    const units = await this.ctx.deps.org.units();
    const doc = stored.value;
    if (!mayEdit(viewer, doc, units)) throw forbidden();
    this.checkEtag(stored, etag);
    if (doc.status !== 'draft') throw new ProcedureFailure('invalidState', 'Metadata kan bare endres mens dokumentet er et utkast. Last opp en ny versjon eller start en revisjon først.');
    const merged: DocumentMetadata = {
      kind: doc.kind,
      title: patch.title ?? doc.title,
      description: patch.description ?? doc.description,
      documentType: patch.documentType ?? doc.documentType,
      ownerUnitId: patch.ownerUnitId ?? doc.ownerUnitId,
      ownerArea: patch.ownerArea === undefined ? doc.ownerArea : patch.ownerArea,
      reviewerId: patch.reviewerId ?? doc.reviewerId,
      appliesToUnitIds: patch.appliesToUnitIds ?? doc.appliesToUnitIds,
      appliesToRoles: patch.appliesToRoles ?? doc.appliesToRoles,
      relatedRiskItemIds: patch.relatedRiskItemIds ?? doc.relatedRiskItemIds,
      keywords: patch.keywords ?? doc.keywords,
    };
    await this.checkMetadata(merged, units);
    if (merged.ownerUnitId !== doc.ownerUnitId && !mayWriteFor(viewer, merged.ownerUnitId, units)) throw forbidden('Du kan ikke flytte dokumentet til en enhet du ikke leder.');
    const next: ProcedureDocument = {
      ...doc,
      ...merged,
      documentType: documentTypeOf(merged),
      level: units.get(merged.ownerUnitId)?.level ?? doc.level,
      appliesToUnitIds: merged.appliesToUnitIds.length > 0 ? [...new Set(merged.appliesToUnitIds)] : [merged.ownerUnitId],
      appliesToRoles: [...new Set(merged.appliesToRoles)],
      keywords: [...merged.keywords],
      relatedRiskItemIds: [...new Set(merged.relatedRiskItemIds)],
    };
    return this.save(next, stored);
  }

  /** A new version of the file: a draft above the approved one, which stays in force until the next approval. */
  async uploadVersion(viewer: Person, id: string, etag: string, file: IncomingFile): Promise<Stored<ProcedureDocument>> {
    const stored = await this.get(viewer, id);
    const units = await this.ctx.deps.org.units();
    const doc = stored.value;
    if (!mayEdit(viewer, doc, units)) throw forbidden();
    this.checkEtag(stored, etag);
    const checked = this.checkFile(file);
    const ext = /\.([a-z0-9]+)$/i.exec(doc.fileName)?.[1]?.toLowerCase();
    if (ext !== undefined && ext !== checked.type) {
      throw new ProcedureFailure('invalid', `Dokumentet er en .${ext}-fil; en ny versjon må være det samme. Last opp en .${checked.type}-fil som et nytt dokument.`, { field: 'file' });
    }
    const draft = withNewDraft(doc, doc.latestVersion);
    if (!draft.ok) throw failureOf(draft.error, doc);
    const label = await this.ctx.deps.library.uploadVersion(doc, { name: doc.fileName, bytes: file.bytes, contentType: checked.contentType });
    return this.save({ ...draft.value, latestVersion: label }, await this.afterFileWrite(stored));
  }

  /**
   * A write to the file changes its library item too (size, version), so the item's ETag moves under us. The item is
   * read again; if anything but the file changed since we checked (someone else's metadata write in those
   * milliseconds), that is a conflict like any other.
   */
  private async afterFileWrite(before: Stored<ProcedureDocument>): Promise<Stored<ProcedureDocument>> {
    const after = await this.ctx.deps.library.get(before.value.id);
    if (!after) throw notFound();
    const same = (d: ProcedureDocument) => JSON.stringify({ ...d, latestVersion: '', fileName: '' });
    if (same(after.value) !== same(before.value)) {
      throw new ProcedureFailure('conflict', 'Noen andre har endret dokumentet i mellomtiden. Last inn på nytt og prøv igjen.', { current: after.value, currentEtag: after.etag });
    }
    return after;
  }

  async submit(viewer: Person, id: string, etag: string, input: { substantive: boolean; changeNote: string | null }): Promise<Stored<ProcedureDocument>> {
    const stored = await this.get(viewer, id);
    const units = await this.ctx.deps.org.units();
    if (!mayEdit(viewer, stored.value, units)) throw forbidden();
    this.checkEtag(stored, etag);
    const next = submitForApproval(stored.value, viewer.id, input, units, this.ctx.now());
    if (!next.ok) throw failureOf(next.error, stored.value);
    const saved = await this.save(next.value, stored);
    // Saving the cards' references writes the item again: the answer carries the ETag after that write.
    if (!(await this.sendApprovalCards(saved.value, viewer, units))) return saved;
    return (await this.ctx.deps.library.get(id)) ?? saved;
  }

  /** One card to each approver (leader and deputy of the owner unit); the refs are kept to show the outcome later. */
  private async sendApprovalCards(doc: ProcedureDocument, sender: Person, units: OrgUnits): Promise<boolean> {
    const card = this.approvalCard(doc, units, sender.name, null);
    const refs: ApprovalCardRef[] = [];
    for (const personId of procedureApproverIds(doc, units)) {
      try {
        const ref = await this.ctx.deps.messenger.sendToPerson(personId, { card });
        if (ref) refs.push({ personId, conversationId: ref.conversationId, activityId: ref.activityId, ...(ref.serviceUrl ? { serviceUrl: ref.serviceUrl } : {}) });
        else this.ctx.log('procedures.approverUnreachable', {});
      } catch (err) {
        this.ctx.logError('procedures.approvalCardFailed', err);
      }
    }
    if (refs.length === 0) return false;
    await this.ctx.deps.library.saveApprovalCards(doc.id, refs).catch((err: unknown) => this.ctx.logError('procedures.approvalCardsNotSaved', err));
    return true;
  }

  /** The approver's card for `doc` as it stands: with buttons while pending, with the outcome once decided. */
  approvalCard(doc: ProcedureDocument, units: OrgUnits, submittedByName: string, decision: ProcedureApprovalInput['decision'], extra: { error?: string; comment?: string } = {}): CardJson {
    const record = decision ? doc.approvals[0] : null;
    const pending = doc.pending;
    return procedureApprovalCard({
      locale: 'nb-NO',
      documentId: doc.id,
      version: pending?.version ?? record?.submittedVersion ?? doc.latestVersion,
      title: doc.title,
      documentType: doc.documentType,
      unitName: units.get(doc.ownerUnitId)?.name ?? '',
      submittedBy: submittedByName,
      submittedAt: pending?.submittedAt ?? record?.submittedAt ?? this.ctx.now().toISOString(),
      substantive: pending?.substantive ?? record?.substantive ?? false,
      changeNote: pending?.changeNote ?? record?.changeNote ?? null,
      documentUrl: this.ctx.documentUrl(doc.id),
      decision: decision ?? null,
      ...(extra.error ? { error: extra.error } : {}),
      ...(extra.comment ? { comment: extra.comment } : {}),
    });
  }

  /**
   * Approve or reject, from the card or the tab. `version` (from a card) must still be the one pending; `etag` (from
   * the tab) the stored one. Returns the decided document and the card every approver now sees.
   */
  async decide(actor: Person, id: string, decision: Decision, options: { etag?: string; version?: string; origin?: DecisionOrigin } = {}): Promise<{ stored: Stored<ProcedureDocument>; card: CardJson }> {
    const [found, units] = await Promise.all([this.ctx.deps.library.get(id), this.ctx.deps.org.units()]);
    if (!found) throw notFound();
    let stored = found;
    if (options.etag !== undefined) this.checkEtag(stored, options.etag);
    const doc = stored.value;
    if (options.version !== undefined && doc.pending?.version !== options.version) {
      // Decided already (by the other approver), or a new draft was sent: the card must say what is true now.
      if (!mayView(actor, doc, units)) throw notFound();
      throw new ProcedureFailure(doc.status === 'awaitingApproval' ? 'conflict' : 'invalidState', doc.status === 'awaitingApproval' ? 'Dokumentet er sendt på nytt i en nyere versjon. Bruk det nyeste kortet.' : 'Dokumentet er allerede behandlet.', { current: doc });
    }
    const now = this.ctx.now();
    let next: ProcedureDocument;
    if (decision.outcome === 'approve') {
      const checked = checkApproval(doc, actor.id, units);
      if (!checked.ok) throw failureOf(checked.error, doc);
      // Publish first: the metadata then names the version SharePoint made. Publishing again is harmless (a major stays).
      const published = await this.ctx.deps.library.publish(doc, decision.comment);
      stored = await this.afterFileWrite(stored);
      const approved = approveDocument(doc, actor.id, published, decision.comment, units, now);
      if (!approved.ok) throw failureOf(approved.error, doc);
      next = approved.value;
    } else {
      const rejected = rejectDocument(doc, actor.id, decision.comment, units, now);
      if (!rejected.ok) throw failureOf(rejected.error, doc);
      next = rejected.value;
    }
    try {
      stored = await this.save(next, stored);
    } catch (err) {
      if (!(err instanceof ProcedureFailure) || err.kind !== 'conflict') throw err;
      // Someone changed the metadata meanwhile (not the file: the pending version was checked): decide on what is there.
      const again = await this.ctx.deps.library.get(id);
      if (!again || again.value.status !== 'awaitingApproval') throw err;
      return this.decide(actor, id, decision, { ...options, etag: undefined });
    }
    const decided = stored.value;
    const submitter = decided.approvals[0] ? await this.ctx.deps.org.person(decided.approvals[0].submittedById).catch(() => null) : null;
    const record = decided.approvals[0];
    const card = this.approvalCard(decided, units, submitter?.name ?? '', {
      outcome: decision.outcome === 'approve' ? 'approved' : 'rejected',
      byName: actor.name,
      at: now.toISOString(),
      publishedVersion: record?.publishedVersion ?? null,
      comment: record?.comment ?? null,
    });
    this.ctx.log(decision.outcome === 'approve' ? 'procedures.approved' : 'procedures.rejected', { substantive: record?.substantive ?? false });
    this.inBackground('procedures.afterDecisionFailed', this.afterDecision(decided, card, options.origin ?? null));
    return { stored, card };
  }

  /** Every other copy of the approval card shows the outcome; the sender hears; approved substantive changes go on reading lists. */
  private async afterDecision(doc: ProcedureDocument, card: CardJson, origin: DecisionOrigin | null): Promise<void> {
    const record = doc.approvals[0];
    const refs = await this.ctx.deps.library.approvalCards(doc.id).catch(() => [] as ApprovalCardRef[]);
    await Promise.all(
      refs
        .filter((r) => !(origin && r.conversationId === origin.conversationId && r.activityId === origin.activityId))
        .map((r) => this.ctx.deps.messenger.updateCard({ conversationId: r.conversationId, activityId: r.activityId, ...(r.serviceUrl ? { serviceUrl: r.serviceUrl } : {}) }, card).catch((err: unknown) => this.ctx.logError('procedures.updateCardFailed', err))),
    );
    // The references stay (a write here would move the ETag the tab just got); the next submission replaces them.
    if (record) {
      const text =
        record.outcome === 'approved'
          ? `«${doc.title}» er godkjent og publisert som versjon ${record.publishedVersion ?? ''}.`
          : `«${doc.title}» ble ikke godkjent. Kommentar: ${record.comment ?? ''}`;
      await this.ctx.deps.messenger.sendToPerson(record.submittedById, { text: escapeMarkdown(text) }).catch((err: unknown) => this.ctx.logError('procedures.submitterNotTold', err));
    }
    if (record?.outcome === 'approved' && record.substantive) await this.onApproved(doc);
  }

  // ── Yearly review ──────────────────────────────────────────────────────────────────────────────────────────────

  async review(viewer: Person, id: string, etag: string, outcome: ReviewOutcome, comment: string | null): Promise<Stored<ProcedureDocument>> {
    const stored = await this.get(viewer, id);
    const units = await this.ctx.deps.org.units();
    this.checkEtag(stored, etag);
    const next = reviewDocument(stored.value, viewer, outcome, comment, units, this.ctx.now());
    if (!next.ok) throw failureOf(next.error, stored.value);
    return this.save(next.value, stored);
  }

  /**
   * Documents due for review within `withinDays` (overdue ones included), oldest review date first: for the reminder
   * service (a later issue) and GET /api/procedures/reviews/due.
   */
  async dueForReview(now: Date, withinDays: number): Promise<{ doc: ProcedureDocument; daysOverdue: number }[]> {
    await this.index.fresh();
    const limit = addDays(toOsloDate(now), withinDays);
    return this.index
      .all()
      .filter((d) => d.status === 'approved' && d.nextReviewDate !== null && d.nextReviewDate <= limit)
      .map((doc) => ({ doc, daysOverdue: reviewDaysOverdue(doc, now) ?? 0 }))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.doc.title.localeCompare(b.doc.title, 'nb'));
  }

  /** Approved documents owned by the unit or below whose review date has passed: the dashboard's count. */
  async overdueReviews(unitId: string, now: Date): Promise<number> {
    await this.index.fresh();
    const units = await this.ctx.deps.org.units();
    return this.index.all().filter((d) => isProcedureReviewOverdue(d, now) && ownedWithin(d, unitId, units)).length;
  }

  /** Whether the viewer may see a unit's figures (the dashboard's rule: units they lead and below; advisers all). */
  async maySeeUnit(viewer: Person, unitId: string): Promise<boolean> {
    return visibleUnitIds(viewer, await this.ctx.deps.org.units()).has(unitId);
  }

  mayReview(viewer: Person, doc: ProcedureDocument, units: OrgUnits): boolean {
    return mayReview(viewer, doc, units);
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

  private checkEtag(stored: Stored<ProcedureDocument>, etag: string): void {
    if (stored.etag !== etag) throw new ProcedureFailure('conflict', 'Noen andre har endret dokumentet i mellomtiden. Last inn på nytt og prøv igjen.', { current: stored.value, currentEtag: stored.etag });
  }

  private async save(next: ProcedureDocument, stored: Stored<ProcedureDocument>): Promise<Stored<ProcedureDocument>> {
    try {
      const saved = await this.ctx.deps.library.update(next, stored.etag);
      this.index.put(saved.value);
      return saved;
    } catch (err) {
      if (!(err instanceof ConcurrencyConflict)) throw err;
      const current = await this.ctx.deps.library.get(next.id);
      throw new ProcedureFailure('conflict', 'Noen andre har endret dokumentet i mellomtiden. Last inn på nytt og prøv igjen.', current ? { current: current.value, currentEtag: current.etag } : {});
    }
  }

  private checkFile(file: IncomingFile) {
    const checked = checkDocumentFile(file.name, file.bytes, this.ctx.maxFileBytes);
    if (checked.ok) return checked;
    if (checked.reason === 'tooLarge') throw new ProcedureFailure('fileTooLarge', checked.message, { field: 'file', maxBytes: this.ctx.maxFileBytes });
    if (checked.reason === 'unsupportedType') throw new ProcedureFailure('unsupportedFileType', checked.message, { field: 'file' });
    throw new ProcedureFailure('invalid', checked.message, { field: 'file' });
  }

  private async checkMetadata(m: DocumentMetadata, units: OrgUnits): Promise<void> {
    const invalid = (field: string, message: string) => new ProcedureFailure('invalid', message, { field });
    if (!units.has(m.ownerUnitId)) throw invalid('ownerUnitId', 'Finner ikke eierenheten.');
    for (const u of m.appliesToUnitIds) if (!units.has(u)) throw invalid('appliesToUnitIds', 'Finner ikke en av enhetene dokumentet skal gjelde for.');
    if (m.kind === 'governingDocument' && (m.documentType === null || m.documentType === 'procedure')) throw invalid('documentType', 'Velg hva slags styringsdokument det er (reglement, strategi, plan …).');
    if (m.kind === 'procedure' && m.documentType !== null && m.documentType !== 'procedure') throw invalid('documentType', 'En prosedyre har dokumenttypen «procedure»; velg styringsdokument for andre typer.');
    const reviewer = await this.ctx.deps.org.person(m.reviewerId);
    if (!reviewer) throw invalid('reviewerId', 'Finner ikke revisjonsansvarlig i organisasjonen.');
  }
}

function documentTypeOf(m: Pick<DocumentMetadata, 'kind' | 'documentType'>): ProcedureDocumentType {
  return m.kind === 'procedure' ? 'procedure' : (m.documentType ?? 'guideline');
}

/** A document applies to a unit when it names the unit or a unit above it (each applies unit includes all below). */
export function appliesToUnit(doc: ProcedureDocument, unitId: string, units: OrgUnits): boolean {
  const chain = new Set<string>([unitId]);
  let parent = units.get(unitId)?.parentId ?? null;
  while (parent !== null && !chain.has(parent)) {
    chain.add(parent);
    parent = units.get(parent)?.parentId ?? null;
  }
  return doc.appliesToUnitIds.some((u) => chain.has(u)) || doc.ownerUnitId === unitId;
}

/** Owned by the unit or a unit below it. */
export function ownedWithin(doc: ProcedureDocument, unitId: string, units: OrgUnits): boolean {
  let at: string | null = doc.ownerUnitId;
  const seen = new Set<string>();
  while (at !== null && !seen.has(at)) {
    if (at === unitId) return true;
    seen.add(at);
    at = units.get(at)?.parentId ?? null;
  }
  return false;
}

function updatedAt(doc: ProcedureDocument): string {
  return [doc.approvedAt ?? '', doc.pending?.submittedAt ?? '', doc.approvals[0]?.at ?? '', doc.reviews[0]?.at ?? ''].sort().at(-1) ?? '';
}

