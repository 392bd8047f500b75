// After the report: a leader takes the case, the reporter hears back, and sees their own cases ("Mine meldinger").
import { feedbackMessage } from '../../cards/index.js';
import { type CaseRoute, type Deviation, type OrgUnits, type Person, actOnCase, canHandle, isCaseStep, routeOf, viewFor } from '../../domain/index.js';
import { type CaseMessages, ConcurrencyConflict, type Stored } from '../ports/index.js';
import type { CardJson } from '../conversation/types.js';
import { DEFAULT_LOCALE, type Origin, type Reader, type ReportingContext } from './context.js';
import { channelView, leaderView, receiptView } from './view-models.js';
import type { MyReportItem, MyReportsView, StatusChange } from './views.js';

export type TakeOutcome =
  | { readonly type: 'taken'; readonly card: CardJson }
  | { readonly type: 'alreadyTaken'; readonly byName: string; readonly card: CardJson | null }
  | { readonly type: 'forbidden' }
  | { readonly type: 'notFound' };

const ID = /^[A-Za-z0-9-]{1,64}$/;

export class CaseFollowUp {
  constructor(private readonly ctx: ReportingContext) {}

  // ── A leader takes the case ───────────────────────────────────────────────────────────────────

  /** "Ta saken": a permitted leader receives the case as its handler; everyone's card shows it; the reporter hears. */
  async takeCase(reader: Reader, data: unknown, origin: Origin): Promise<TakeOutcome> {
    const target = caseTargetOf(data);
    if (!target) return { type: 'notFound' };
    const [actor, units] = await Promise.all([this.ctx.org.person(reader.personId), this.ctx.org.units()]);
    let stored = await this.findCase(target.caseId, target.route);
    if (!stored) return { type: 'notFound' };
    const access = this.ctx.accessContext(units);
    // The refusal says nothing about the case: no number, no name, no status.
    if (!actor || !canHandle(actor, stored.value, access)) return { type: 'forbidden' };
    const route = routeOf(stored.value.kind);

    let updated: Stored<Deviation> | null = null;
    for (let attempt = 0; attempt < 3 && !updated; attempt++) {
      const d: Deviation = stored.value;
      if (!canHandle(actor, d, access)) return { type: 'forbidden' };
      if (d.status !== 'new') return this.alreadyTaken(viewFor(actor, d, access) ?? d, units);
      const next = actOnCase(d, { type: 'receive', handlerId: actor.id }, actor, access, this.ctx.now());
      if (!next.ok) return next.error.code === 'case.forbidden' ? { type: 'forbidden' } : this.alreadyTaken(viewFor(actor, d, access) ?? d, units);
      try {
        updated = await this.ctx.deps.deviations.update(next.value, stored.etag);
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict)) throw err;
        // Two leaders at once: read again; the winner's name is then on the case.
        const again = await this.ctx.deps.deviations.get(target.caseId, route);
        if (!again) return { type: 'notFound' };
        stored = again;
      }
    }
    if (!updated) return this.alreadyTaken(viewFor(actor, stored.value, access) ?? stored.value, units);

    const d = updated.value;
    const view = leaderView(this.ctx.caseUrl, d, units, actor.name);
    // The actor's own card shows what they may see (a leader further up the line gets no health details).
    const own = viewFor(actor, d, access) ?? d;
    const card = this.ctx.cards.leaderNotification(reader.locale, { ...view, title: own.title, description: own.description });
    // The case is taken: what follows only tells people, and a failure there must not undo the answer.
    try {
      const messages = await this.ctx.messagesOf(d);
      if (messages) {
        const others = messages.notifications.filter((r) => !(r.conversationId === origin.conversationId && r.activityId === origin.activityId));
        const leaderCard = this.ctx.cards.leaderNotification(DEFAULT_LOCALE, view);
        const channelRefs = route === 'ordinary' ? (messages.channelNotifications ?? []) : [];
        const channelCard = channelRefs.length > 0 ? this.ctx.cards.channelNotification(DEFAULT_LOCALE, channelView(this.ctx.caseUrl, d, units)) : null;
        await Promise.all([...others.map((r) => this.ctx.updateCard(r, leaderCard)), ...(channelCard ? channelRefs.map((r) => this.ctx.updateCard(r, channelCard)) : [])]);
      }
      await this.tellReporter(d, messages, { type: 'receive', caseNumber: d.caseNumber, actorName: route === 'confidential' ? null : actor.name }, units);
    } catch (err) {
      this.ctx.log('reporting.takeNoticeFailed', err);
    }
    return { type: 'taken', card };
  }

  /** By id: in the route given, or the ordinary store and then the confidential one (a card carries only the id). */
  private async findCase(caseId: string, route: CaseRoute | null): Promise<Stored<Deviation> | null> {
    if (route) return this.ctx.deps.deviations.get(caseId, route);
    return (await this.ctx.deps.deviations.get(caseId, 'ordinary')) ?? (await this.ctx.deps.deviations.get(caseId, 'confidential'));
  }

  private async alreadyTaken(d: Deviation, units: OrgUnits): Promise<TakeOutcome> {
    const handler = d.handlerId ? await this.ctx.org.person(d.handlerId).catch(() => null) : null;
    const byName = handler?.name ?? 'en annen leder';
    return { type: 'alreadyTaken', byName, card: this.ctx.cards.leaderNotification(DEFAULT_LOCALE, leaderView(this.ctx.caseUrl, d, units, handler?.name ?? null)) };
  }

  // ── Hearing back ─────────────────────────────────────────────────────────────────────────────

  /**
   * After any status change or a new measure: the reporter's receipt card is updated in place and a short
   * message tells them what happened. For the tab and other use cases that change a case.
   */
  async notifyReporter(caseId: string, options: { route?: CaseRoute; measureAdded?: boolean } = {}): Promise<boolean> {
    const stored = await this.ctx.deps.deviations.get(caseId, options.route ?? 'ordinary');
    if (!stored) return false;
    const d = stored.value;
    const [messages, units] = await Promise.all([this.ctx.messagesOf(d), this.ctx.org.units()]);
    // The last lifecycle step: changes that keep the status (analysis, feedback …) have their own messages or none.
    const last = d.history.findLast((e) => isCaseStep(e.type));
    const lastType = last && isCaseStep(last.type) ? last.type : 'report';
    const actor = last && lastType !== 'report' ? await this.ctx.org.person(last.actorId).catch(() => null) : null;
    const change: StatusChange = options.measureAdded
      ? { type: 'measureAdded', caseNumber: d.caseNumber }
      : { type: lastType, caseNumber: d.caseNumber, actorName: routeOf(d.kind) === 'confidential' ? null : (actor?.name ?? null) };
    await this.tellReporter(d, messages, change, units);
    return true;
  }

  /**
   * Feedback from the case's handler, in the tab, to the reporter: the text goes to the reporter's personal chat
   * with the bot only (never a channel), and their receipt card is brought up to date. `sent` is false when the
   * bot has no chat with the reporter (not installed) or Teams did not take the message; the caller keeps the
   * feedback in the case's history either way, where the reporter can read it in the tab.
   */
  async sendFeedback(caseId: string, route: CaseRoute, text: string): Promise<{ sent: boolean }> {
    const stored = await this.ctx.deps.deviations.get(caseId, route);
    if (!stored) return { sent: false };
    const d = stored.value;
    const [messages, units] = await Promise.all([this.ctx.messagesOf(d), this.ctx.org.units()]);
    const locale = messages?.reporterLocale ?? DEFAULT_LOCALE;
    let sent = false;
    try {
      sent = (await this.ctx.deps.messenger.sendToPerson(d.reporterId, { text: feedbackMessage({ locale, caseNumber: d.caseNumber, text }) })) !== null;
    } catch (err) {
      this.ctx.log('reporting.feedbackFailed', err);
    }
    if (messages?.receipt) {
      const handler = d.handlerId && route === 'ordinary' ? await this.ctx.org.person(d.handlerId).catch(() => null) : null;
      await this.ctx.updateCard(messages.receipt, this.ctx.cards.receipt(locale, receiptView(this.ctx.caseUrl, d, units, handler?.name ?? null)));
    }
    return { sent };
  }

  private async tellReporter(d: Deviation, messages: CaseMessages | null, change: StatusChange, units: OrgUnits): Promise<void> {
    const handler = d.handlerId && routeOf(d.kind) === 'ordinary' ? await this.ctx.org.person(d.handlerId).catch(() => null) : null;
    // In the language the reporter reported in (kept with the case's messages), else bokmål.
    const locale = messages?.reporterLocale ?? DEFAULT_LOCALE;
    if (messages?.receipt) await this.ctx.updateCard(messages.receipt, this.ctx.cards.receipt(locale, receiptView(this.ctx.caseUrl, d, units, handler?.name ?? null)));
    await this.ctx.sendText(d.reporterId, this.ctx.cards.statusMessage(locale, change));
  }

  /** "Mine meldinger": the reporter's own cases, newest first, each as the access rules let them see it. */
  async myReports(reader: Reader): Promise<MyReportsView> {
    const pageSize = 10;
    const [ordinary, confidential, units, person] = await Promise.all([
      this.ctx.deps.deviations.listByReporter(reader.personId, { pageSize }),
      this.ctx.deps.deviations.listByReporter(reader.personId, { pageSize: 5 }, 'confidential'),
      this.ctx.org.units(),
      this.ctx.org.person(reader.personId),
    ]);
    const me: Person = person ?? { id: reader.personId, name: reader.name, email: '', upn: '', unitId: '', roles: [] };
    const access = this.ctx.accessContext(units);
    const items: MyReportItem[] = [];
    for (const { value } of [...ordinary.items, ...confidential.items]) {
      const seen = value.reporterId === me.id ? viewFor(me, value, access) : null;
      if (!seen) continue;
      items.push({
        caseId: seen.id,
        route: routeOf(seen.kind),
        caseNumber: seen.caseNumber,
        kind: seen.kind,
        title: seen.title,
        status: seen.status,
        reportedAt: seen.reportedAt,
        caseUrl: this.ctx.caseUrl(seen.id),
      });
    }
    items.sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
    return { items: items.slice(0, pageSize), hasMore: ordinary.continuation !== null || items.length > pageSize, listUrl: `${this.ctx.tabBase()}/mine` };
  }
}

function caseTargetOf(data: unknown): { caseId: string; route: CaseRoute | null } | null {
  if (data === null || typeof data !== 'object') return null;
  const { caseId, route } = data as Record<string, unknown>;
  if (typeof caseId !== 'string' || !ID.test(caseId)) return null;
  return { caseId, route: route === 'confidential' || route === 'ordinary' ? route : null };
}
