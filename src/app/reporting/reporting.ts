// The reporting use cases behind the chat: show the form, submit a report (and retry what could not be stored yet);
// the follow-up (a leader takes the case, the reporter hears back, "Mine meldinger") is in follow-up.ts.
import { type CaseRoute, type Deviation, type OrgUnits, type Person, caseSeriesOf, caseYear, reportDeviation, routeOf, unitChain } from '../../domain/index.js';
import { AttachmentRejected, type CaseMessages, DuplicateRecord, type MessageRef, type NewCaseFile } from '../ports/index.js';
import type { CardJson } from '../conversation/types.js';
import { CaseNumberBlocks } from './case-number-blocks.js';
import { DEFAULT_LOCALE, type Origin, type Reader, ReportingContext, type ReportingDeps } from './context.js';
import { CaseFollowUp, type TakeOutcome } from './follow-up.js';
import { HeldFiles, uniqueNames } from './held-files.js';
import type { OrgLookups } from './org-lookups.js';
import { PendingQueue, type PendingReport } from './pending-reports.js';
import { type FieldErrors, type ReportFormValues, checkSubmit, cleanText, emptyValues, LIMITS, osloDateAndTime } from './report-form.js';
import { suggestKind } from './suggest-kind.js';
import { channelView, isSerious, leaderView, leadersOf, pendingReceiptView, receiptView, rootOf } from './view-models.js';
import type { MyReportsView, ReceiptView, ReportFormView } from './views.js';

export type { Origin, Reader, ReportingConfig, ReportingDeps } from './context.js';
export type { TakeOutcome } from './follow-up.js';

export type FormOutcome = { readonly type: 'form'; readonly view: ReportFormView } | { readonly type: 'unavailable' };

export type SubmitOutcome =
  | { readonly type: 'invalid'; readonly view: ReportFormView }
  | {
      readonly type: 'receipt';
      readonly view: ReceiptView;
      readonly repeated: boolean;
      /** Files the form says were sent but this process does not hold (they went to another instance, or expired): tell the reporter. */
      readonly missingFiles?: readonly string[];
    }
  | { readonly type: 'refused' };

type StoreResult = { type: 'stored'; deviation: Deviation; fresh: boolean } | { type: 'failed' } | { type: 'invalid'; message: string } | { type: 'foreign' };

/** The promise's value, or 'late' once `ms` have passed (the promise goes on). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref?.();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

type Remembered = { readonly reporterId: string; view: ReceiptView };

const RECENT_SUBMISSIONS = 500;

export class Reporting {
  readonly ctx: ReportingContext;
  readonly org: OrgLookups;
  private readonly deps: ReportingDeps;
  private readonly followUp: CaseFollowUp;
  private readonly blocks: CaseNumberBlocks;
  private readonly queue: PendingQueue;
  /** Files sent in the chat, waiting for their form to be sent. */
  readonly heldFiles: HeldFiles;
  /** Files being stored with cases just registered (idle() waits for them). */
  private readonly attaching = new Set<Promise<void>>();
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly inFlight = new Map<string, Promise<SubmitOutcome>>();
  private readonly recent = new Map<string, Remembered>();
  private retrying: Promise<{ stored: number; waiting: number }> | null = null;

  constructor(deps: ReportingDeps) {
    this.deps = deps;
    this.ctx = new ReportingContext(deps);
    this.org = this.ctx.org;
    this.now = this.ctx.now;
    this.newId = this.ctx.newId;
    this.followUp = new CaseFollowUp(this.ctx);
    this.blocks = new CaseNumberBlocks(deps.caseNumbers, { ordinary: deps.config.caseNumberBlockSize ?? 10, whistleblowing: 1 });
    this.queue = new PendingQueue(() => this.retryPending(), deps.config.retry, deps.pendingReports, (event, detail) => this.log(event, detail));
    this.heldFiles = new HeldFiles(deps.config.heldFiles);
  }

  /** Loads the unit tree and reserves a block of case numbers, so the first report pays nothing extra. */
  async warmUp(): Promise<void> {
    const [units] = await Promise.all([this.org.units(), this.blocks.reserve('ordinary', caseYear(this.now()))]);
    // The channel directory reads every unit's channel at once: asking for one loads them all.
    const first = units.keys().next().value;
    if (first !== undefined) await this.org.leaderChannel(first);
  }

  readonly caseUrl = (caseId: string): string => this.ctx.caseUrl(caseId);

  /** "Ta saken" (follow-up.ts). */
  takeCase(reader: Reader, data: unknown, origin: Origin): Promise<TakeOutcome> {
    return this.followUp.takeCase(reader, data, origin);
  }

  /** After any status change or a new measure: the receipt is updated in place and the reporter gets a short message (follow-up.ts). */
  notifyReporter(caseId: string, options: { route?: CaseRoute; measureAdded?: boolean } = {}): Promise<boolean> {
    return this.followUp.notifyReporter(caseId, options);
  }

  /** Feedback from the tab to the reporter's personal chat, and their receipt updated (follow-up.ts). */
  sendFeedback = (caseId: string, route: CaseRoute, text: string): Promise<{ sent: boolean }> => this.followUp.sendFeedback(caseId, route, text);

  /** "Mine meldinger" (follow-up.ts). */
  myReports(reader: Reader): Promise<MyReportsView> {
    return this.followUp.myReports(reader);
  }

  private announcing: Promise<void> = Promise.resolve();

  get pendingCount(): number {
    return this.queue.size;
  }

  /** Stops the retry timer; resolves once what was being written to the pending store is written. */
  stop(): Promise<void> {
    return this.queue.stop();
  }

  /**
   * Queues the reports a previous process left waiting (the pending store) and tries them once now; resolves with how
   * many there were. Never rejects.
   */
  async resumePending(): Promise<number> {
    const loaded = await this.queue.load();
    if (loaded > 0) await this.retryPending().catch((err: unknown) => this.log('reporting.retryFailed', err));
    return loaded;
  }

  // ── The form ─────────────────────────────────────────────────────────────────────────────────

  /** A new form: the kind asked for, or the one the text suggests; the unit defaults to where the reporter works. */
  async form(reader: Reader, options: { kind?: string; text?: string; files?: readonly NewCaseFile[] } = {}): Promise<FormOutcome> {
    let units: OrgUnits;
    let person: Person | null;
    try {
      [units, person] = await Promise.all([this.org.units(), this.org.person(reader.personId)]);
    } catch (err) {
      this.log('reporting.formUnavailable', err);
      return { type: 'unavailable' };
    }
    const whistleblowing = options.kind === 'whistleblowingReport';
    const text = options.text === undefined ? '' : cleanText(options.text).slice(0, LIMITS.description);
    const asked = ['adverseEvent', 'nearMiss', 'improvementProposal', 'positiveFeedback'].find((k) => k === options.kind) as ReportFormValues['kind'] | undefined;
    const kind: ReportFormValues['kind'] = whistleblowing ? 'whistleblowingReport' : (asked ?? (text === '' ? 'adverseEvent' : suggestKind(text)));
    const values = emptyValues({ now: this.now(), newSubmissionId: this.newId }, whistleblowing ? 'whistleblowing' : 'ordinary', {
      kind,
      description: text,
      unitId: person && units.has(person.unitId) ? person.unitId : '',
    });
    // The files wait here for this form (its submission id) and this reporter; their names ride in the card's data.
    const files = uniqueNames((options.files ?? []).slice(0, LIMITS.attachments).map((f) => ({ ...f, name: cleanText(f.name).replace(/[\n\t]/g, ' ').slice(0, LIMITS.attachmentName) || 'fil' })));
    const held = files.length > 0 && this.heldFiles.hold(values.submissionId, reader.personId, files);
    if (files.length > 0 && !held) this.log('reporting.filesNotHeld', { count: files.length });
    const withFiles = held ? { ...values, attachments: files.map((f) => f.name) } : values;
    return { type: 'form', view: this.formView(withFiles, {}, units, whistleblowing) };
  }

  private formView(values: ReportFormValues, errors: FieldErrors, units: OrgUnits, whistleblowing: boolean): ReportFormView {
    const choices = [...units.values()].map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    return { values, errors, units: choices, whistleblowing, attachments: values.attachments, defaults: osloDateAndTime(this.now()) };
  }

  // ── Submit ───────────────────────────────────────────────────────────────────────────────────

  /**
   * Checks and stores one submit. The form's submissionId is the case's id: a double tap (here, or on
   * another instance through the repository's idempotent create) gives the same case and the same receipt.
   */
  async submit(reader: Reader, data: unknown, origin: Origin, formKind: 'ordinary' | 'whistleblowing'): Promise<SubmitOutcome> {
    const id = submissionIdOf(data);
    if (id !== null) {
      const known = this.recent.get(id);
      if (known) return known.reporterId === reader.personId ? { type: 'receipt', view: known.view, repeated: true } : { type: 'refused' };
      const running = this.inFlight.get(id);
      if (running) {
        const outcome = await running;
        return outcome.type === 'receipt' ? { ...outcome, repeated: true } : outcome;
      }
      // Waiting for SharePoint (perhaps since before a restart): the same truthful receipt, and no second number drawn.
      const waiting = this.queue.reports.get(id);
      if (waiting && waiting.storedAs === null) {
        if (waiting.reporterId !== reader.personId) return { type: 'refused' };
        const units = await this.org.units().catch(() => new Map() as OrgUnits);
        return { type: 'receipt', view: pendingReceiptView(waiting, units), repeated: true };
      }
    }
    const work = this.submitOnce(reader, data, origin, formKind);
    if (id !== null) this.inFlight.set(id, work);
    try {
      return await work;
    } finally {
      if (id !== null) this.inFlight.delete(id);
    }
  }

  /** The submitted form again, as filled in, with one message on top (after an unexpected failure). */
  async reshow(data: unknown, formKind: 'ordinary' | 'whistleblowing', message: string): Promise<ReportFormView> {
    const units = await this.org.units().catch(() => new Map() as OrgUnits);
    const checked = checkSubmit(data, { unitIds: new Set(units.keys()), now: this.now(), newSubmissionId: this.newId }, formKind);
    return this.formView(checked.values, { form: message }, units, formKind === 'whistleblowing');
  }

  private async submitOnce(reader: Reader, data: unknown, origin: Origin, formKind: 'ordinary' | 'whistleblowing'): Promise<SubmitOutcome> {
    let units: OrgUnits;
    try {
      units = await this.org.units();
    } catch (err) {
      // Without the unit tree the unit cannot be checked: the form comes back as it was, with a message.
      this.log('reporting.unitsUnavailable', err);
      return { type: 'invalid', view: await this.reshow(data, formKind, this.deps.cards.text(reader.locale, 'bot.busy')) };
    }
    const checked = checkSubmit(data, { unitIds: new Set(units.keys()), now: this.now(), newSubmissionId: this.newId, defaultWhistleblowingUnitId: rootOf(units) }, formKind);
    if (!checked.ok) return { type: 'invalid', view: this.formView(checked.values, checked.errors, units, formKind === 'whistleblowing') };

    const pending: PendingReport = {
      draft: checked.draft,
      reporterId: reader.personId,
      locale: reader.locale,
      submittedAt: this.now(),
      receiptRef:
        origin.activityId === null
          ? null
          : { conversationId: origin.conversationId, activityId: origin.activityId, ...(origin.serviceUrl ? { serviceUrl: origin.serviceUrl } : {}) },
      sequence: null,
      attempts: 0,
      // Taken whatever the card's data says: they were held for this reporter and this very form.
      files: [...(this.heldFiles.take(checked.draft.submissionId, reader.personId) ?? [])],
      storedAs: null,
    };
    const heldNames = new Set(pending.files.map((f) => f.name));
    const missing = checked.draft.attachments.filter((name) => !heldNames.has(name));
    const missingFiles = missing.length > 0 ? { missingFiles: missing } : {};
    if (missing.length > 0) this.log('reporting.filesMissing', { count: missing.length });
    const attempt = this.store(pending);
    const result = await withDeadline(attempt, this.deps.config.submitTimeoutMs ?? 8000);
    if (result === 'late') {
      // SharePoint is slow (long Retry-After waits): answer now, truthfully, and finish in the background.
      const view = pendingReceiptView(pending, units);
      this.remember(checked.draft.submissionId, reader.personId, view);
      // The receipt will say it waits: kept where it outlives this process before the reporter is told so.
      await this.queue.persist(pending);
      void attempt.then((late) => this.finishLate(pending, late)).catch((err: unknown) => this.log('reporting.lateFailed', err));
      return { type: 'receipt', view, repeated: false, ...missingFiles };
    }
    if (result.type === 'invalid') {
      // The form comes back: its files wait for it again.
      if (pending.files.length > 0) this.heldFiles.hold(checked.draft.submissionId, reader.personId, pending.files);
      return { type: 'invalid', view: this.formView(checked.values, { form: result.message }, units, formKind === 'whistleblowing') };
    }
    if (result.type === 'foreign') return { type: 'refused' };
    if (result.type === 'failed') {
      await this.queue.addReport(pending);
      const view = pendingReceiptView(pending, units);
      this.remember(checked.draft.submissionId, reader.personId, view);
      return { type: 'receipt', view, repeated: false, ...missingFiles };
    }
    const view = receiptView(this.caseUrl, result.deviation, units, null);
    this.remember(checked.draft.submissionId, reader.personId, view);
    // The receipt goes back at once; the files and telling the leaders follow (see attachLater, announceLater).
    if (pending.files.length > 0) this.attachLater(pending, result.deviation.caseNumber);
    if (result.fresh) this.announceLater(result.deviation, pending.receiptRef, reader.locale);
    return { type: 'receipt', view, repeated: !result.fresh, ...missingFiles };
  }

  /**
   * A store that outlasted the submit's wait, or a retry's: registered (its files, then tell everyone and update the
   * receipt, then forget it in the pending store) or back into the retry queue. Telling comes before forgetting: a
   * stop in between tells people twice rather than never.
   */
  private async finishLate(p: PendingReport, result: StoreResult): Promise<void> {
    if (result.type === 'failed') {
      await this.queue.addReport(p);
      return;
    }
    if (result.type !== 'stored') {
      this.log('reporting.pendingDropped', { reason: result.type });
      await this.ctx.sendText(p.reporterId, this.deps.cards.text(p.locale, 'bot.error'));
      await this.queue.removeReport(p.draft.submissionId);
      return;
    }
    const units = await this.org.units().catch(() => new Map() as OrgUnits);
    const known = this.recent.get(p.draft.submissionId);
    if (known) known.view = receiptView(this.caseUrl, result.deviation, units, null);
    const filesDone = await this.attachFiles(p, result.deviation.caseNumber);
    if (result.fresh) await this.announce(result.deviation, p.receiptRef, p.locale, true);
    if (filesDone) {
      await this.queue.removeReport(p.draft.submissionId);
    } else {
      p.storedAs = result.deviation.caseNumber;
      await this.queue.addReport(p);
    }
  }

  /** The files of a case just registered, in the background; what cannot be stored now waits in the queue. */
  private attachLater(p: PendingReport, caseNumber: string): void {
    const work = this.attachFiles(p, caseNumber)
      .then(async (done) => {
        if (done) return;
        p.storedAs = caseNumber;
        await this.queue.addReport(p);
      })
      .catch((err: unknown) => this.log('reporting.attachFailed', err));
    this.attaching.add(work);
    void work.finally(() => this.attaching.delete(work));
  }

  /**
   * Stores the report's files with its case, one at a time, each leaving `p.files` once stored; true when none is left.
   * A file the store refuses for good is dropped and the reporter told; any other failure stops here, to be retried.
   */
  private async attachFiles(p: PendingReport, caseNumber: string): Promise<boolean> {
    const target = { caseId: p.draft.submissionId, caseNumber, route: routeOf(p.draft.kind) };
    const refused: string[] = [];
    let done = true;
    while (p.files.length > 0) {
      const file = p.files[0] as NewCaseFile;
      try {
        await this.deps.attachments.save(target, file);
      } catch (err) {
        if (!(err instanceof AttachmentRejected)) {
          this.log('reporting.attachmentWaits', err);
          done = false;
          break;
        }
        this.log('reporting.attachmentRejected', { reason: err.reason });
        refused.push(file.name);
      }
      p.files.shift();
    }
    for (const name of refused) await this.ctx.sendText(p.reporterId, this.deps.cards.text(p.locale, 'bot.fileNotStored', { name: plainName(name), caseNumber }));
    return done;
  }

  /** One attempt to store the report: a number from the block, the domain's rules, the create. */
  private async store(p: PendingReport): Promise<StoreResult> {
    p.attempts++;
    const series = caseSeriesOf(p.draft.kind);
    const year = caseYear(p.submittedAt);
    for (let tries = 0; tries < 2; tries++) {
      try {
        p.sequence ??= await this.blocks.next(series, year);
      } catch (err) {
        this.log('reporting.numberUnavailable', err);
        return { type: 'failed' };
      }
      const built = reportDeviation(
        {
          id: p.draft.submissionId,
          sequence: p.sequence,
          kind: p.draft.kind,
          title: p.draft.title,
          description: p.draft.description,
          location: p.draft.location,
          occurredAt: p.draft.occurredAt,
          reporterId: p.reporterId,
          unitId: p.draft.unitId,
          severity: p.draft.severity,
          consequenceFor: p.draft.consequenceFor,
          immediateAction: p.draft.immediateAction,
          healthRelated: p.draft.healthRelated,
        },
        p.submittedAt,
      );
      if (!built.ok) return { type: 'invalid', message: built.error.message };
      try {
        const stored = await this.deps.deviations.create(built.value);
        // The id came from the form: a case someone else reported under it is never shown (ids are random, but never trust a card).
        if (stored.value.reporterId !== p.reporterId) return { type: 'foreign' };
        return { type: 'stored', deviation: stored.value, fresh: stored.value.caseNumber === built.value.caseNumber };
      } catch (err) {
        if (err instanceof DuplicateRecord && tries === 0) {
          // The number was taken (a counter set back by hand?): draw another once.
          this.log('reporting.caseNumberTaken', err);
          p.sequence = null;
          continue;
        }
        this.log('reporting.storeFailed', err);
        return { type: 'failed' };
      }
    }
    return { type: 'failed' };
  }

  /** Tells the leaders (or the whistleblowing recipients) and the leader channel, then saves what was sent: one write. */
  /**
   * Leaders' cards, the channel alert and the saved message links go out after the reporter has the receipt,
   * through one queue: the receipt is not held up by the sends, and the sends stay within Teams' per-app rate
   * instead of bursting past it (a burst made the SDK give up on half the cards under 200 reports at once).
   */
  private announceLater(d: Deviation, receiptRef: MessageRef | null, locale: string): void {
    this.announcing = this.announcing
      .then(() => this.announce(d, receiptRef, locale, false))
      .catch((err: unknown) => this.log('reporting.announceFailed', err));
  }

  /** Resolves when every queued announcement has been sent (tests, and a clean shutdown). */
  idle(): Promise<void> {
    return Promise.all([this.announcing, ...this.attaching]).then(() => undefined);
  }

  private async announce(d: Deviation, receiptRef: MessageRef | null, locale: string, delayed: boolean): Promise<void> {
    const route = routeOf(d.kind);
    const units = await this.org.units().catch(() => new Map() as OrgUnits);
    const unit = units.get(d.unitId);
    const send = async (personId: string, card: CardJson): Promise<MessageRef | null> => {
      try {
        return await this.deps.messenger.sendToPerson(personId, { card });
      } catch (err) {
        this.log('reporting.notifyFailed', err);
        return null;
      }
    };

    let receipt = receiptRef;
    const receiptCard = this.deps.cards.receipt(locale, receiptView(this.caseUrl, d, units, null));
    if (delayed) {
      // The reporter was told it was waiting: now the truth is that it is registered.
      if (receipt) await this.ctx.updateCard(receipt, receiptCard);
      else receipt = await send(d.reporterId, receiptCard);
      await this.ctx.sendText(d.reporterId, this.deps.cards.statusMessage(locale, { type: 'delivered', caseNumber: d.caseNumber }));
    }

    const recipients = route === 'confidential' ? this.deps.config.whistleblowingRecipientIds.filter((id) => id !== d.reporterId) : leadersOf(unit);
    const leaderCard = this.deps.cards.leaderNotification(DEFAULT_LOCALE, leaderView(this.caseUrl, d, units, null));
    const notifications = (await Promise.all([...new Set(recipients)].map((id) => send(id, leaderCard)))).filter((r): r is MessageRef => r !== null);

    const channelNotifications: MessageRef[] = [];
    // Never for whistleblowing: it stays with the named recipients (seed 003).
    if (route === 'ordinary' && isSerious(d)) {
      const channelId = await this.leaderChannelFor(d.unitId, units);
      if (channelId) {
        try {
          const ref = await this.deps.messenger.sendToChannel(channelId, { card: this.deps.cards.channelNotification(DEFAULT_LOCALE, channelView(this.caseUrl, d, units)) });
          if (ref) channelNotifications.push(ref);
        } catch (err) {
          this.log('reporting.channelFailed', err);
        }
      }
    }
    await this.saveMessages({ caseId: d.id, route, receipt, notifications, channelNotifications, reporterLocale: locale });
  }

  /** The nearest leader channel: the unit's own, else the one above it (a service posts in its unit's channel). */
  private async leaderChannelFor(unitId: string, units: OrgUnits): Promise<string | null> {
    for (const u of unitChain(unitId, units)) {
      try {
        const channel = await this.org.leaderChannel(u.id);
        if (channel) return channel;
      } catch (err) {
        this.log('reporting.channelLookupFailed', err);
        return null;
      }
      if (u.level === 'sector' || u.level === 'municipality') break;
    }
    return null;
  }

  private async saveMessages(messages: CaseMessages): Promise<void> {
    try {
      await this.deps.caseMessages.save(messages);
      this.queue.messages.delete(messages.caseId);
    } catch (err) {
      // The case is stored and people are told; only the links to update cards later wait.
      this.log('reporting.messagesNotSaved', err);
      this.queue.addMessages(messages);
    }
  }

  /** Stores what waits (reports first, then message links); the timer calls it, tests may too. */
  retryPending(): Promise<{ stored: number; waiting: number }> {
    this.retrying ??= this.retryRound().finally(() => {
      this.retrying = null;
      this.queue.settled();
    });
    return this.retrying;
  }

  private async retryRound(): Promise<{ stored: number; waiting: number }> {
    let stored = 0;
    for (const p of [...this.queue.reports.values()]) {
      if (p.storedAs !== null) {
        // The case is in; only some of its files wait.
        if (await this.attachFiles(p, p.storedAs)) await this.queue.removeReport(p.draft.submissionId);
        else await this.queue.persist(p);
        continue;
      }
      const drawn = p.sequence;
      const result = await this.store(p);
      if (result.type === 'failed') {
        // A number drawn in this attempt is kept with the report, so a restart does not draw another.
        if (p.sequence !== drawn) await this.queue.persist(p);
        continue;
      }
      if (result.type === 'stored') stored++;
      await this.finishLate(p, result);
    }
    for (const m of [...this.queue.messages.values()]) {
      m.attempts++;
      await this.saveMessages(m.messages);
    }
    return { stored, waiting: this.queue.size };
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────

  private remember(submissionId: string, reporterId: string, view: ReceiptView): void {
    if (this.recent.size >= RECENT_SUBMISSIONS) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    this.recent.set(submissionId, { reporterId, view });
  }

  private log(event: string, detail: unknown): void {
    this.ctx.log(event, detail);
  }
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * A file name inside a chat message, which Teams renders as markdown: links, HTML and code cannot start in it. The
 * names are the reporter's own and go only to the reporter, so the rest (an underscore) is left as it is.
 */
export function plainName(name: string): string {
  return name.replace(/[\\`[\]<>]/g, (c) => `\\${c}`);
}

function submissionIdOf(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const id = (data as Record<string, unknown>).submissionId;
  return typeof id === 'string' && ID.test(id) ? id : null;
}

export function createReporting(deps: ReportingDeps): Reporting {
  return new Reporting(deps);
}
