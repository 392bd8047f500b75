// The bot's conversation logic: every activity the bot edge receives comes here and leaves as a Reply; nothing here knows the bot SDK.
import type { ReportingDeps } from '../reporting/context.js';
import type { NewCaseFile } from '../ports/index.js';
import { type Reader, Reporting, plainName } from '../reporting/reporting.js';
import { LIMITS } from '../reporting/report-form.js';
import type { ReportingCards } from '../reporting/views.js';
import { defaultCards } from './cards.js';
import type { Incoming, IncomingAttachment, Reply } from './types.js';
import { PROCEDURE_CHAT_VERBS, type ProcedureChat, procedureQueryOf } from '../procedures/chat.js';

/** What the handler needs: the reporting use cases' dependencies, with the cards defaulting to src/cards. */
export type ConversationDeps = Omit<ReportingDeps, 'cards'> & {
  /** The card builders; default: src/cards. */
  readonly cards?: ReportingCards;
  /** Procedures (issue 8): approval cards, reading confirmations and "finn prosedyre …"; absent, they are not understood. */
  readonly procedureChat?: Pick<ProcedureChat, 'action' | 'find'>;
  /**
   * Card actions that work in channels too (issue 9: "Utført" and "Ny frist" on the reminder digest in a leader
   * channel), by verb; they answer for themselves who may act. Absent, those verbs are not understood.
   */
  readonly channelCardActions?: { readonly verbs: ReadonlySet<string>; act(incoming: Extract<Incoming, { type: 'action' }>): Promise<Reply> };
};

export interface ConversationHandler {
  /** Never throws: whatever happens, the answer is a Reply with a Norwegian message. */
  handle(incoming: Incoming): Promise<Reply>;
  /** The use cases behind the chat, for the tab and the scheduler (notifyReporter after a status change …). */
  readonly reporting: Reporting;
}

/** The Action.Execute verbs of our cards (src/cards/verbs.ts). */
const VERB = { startReport: 'startReport', submitReport: 'submitReport', myReports: 'myReports', takeCase: 'takeCase' } as const;

type Command = { type: 'form'; kind: string } | { type: 'myReports' } | { type: 'welcome' };

/** Typed commands, from the command menu or by hand, lower case, without punctuation around them. */
const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ...['meld avvik', 'avvik', 'nytt avvik', 'meld', 'ny melding', 'report', 'report deviation'].map((c): [string, Command] => [c, { type: 'form', kind: 'adverseEvent' }]),
  ...['nestenuhell', 'meld nestenuhell', 'nytt nestenuhell'].map((c): [string, Command] => [c, { type: 'form', kind: 'nearMiss' }]),
  ...['nytt forbedringsforslag', 'forbedringsforslag', 'nytt forbetringsforslag', 'forbetringsforslag', 'nytt forslag', 'forslag', 'new proposal'].map((c): [string, Command] => [c, { type: 'form', kind: 'improvementProposal' }]),
  ...['positiv tilbakemelding', 'ros'].map((c): [string, Command] => [c, { type: 'form', kind: 'positiveFeedback' }]),
  ...['varsling', 'varsle', 'varsling om kritikkverdige forhold', 'varsle om kritikkverdige forhold', 'whistleblowing'].map((c): [string, Command] => [
    c,
    { type: 'form', kind: 'whistleblowingReport' },
  ]),
  ...['mine meldinger', 'mine saker', 'meldingene mine', 'mine meldingar', 'my reports'].map((c): [string, Command] => [c, { type: 'myReports' }]),
  ...['hjelp', 'help', 'hei', 'hallo', 'heisann', 'start', 'meny', 'hi', 'hello'].map((c): [string, Command] => [c, { type: 'welcome' }]),
]);

export function commandOf(text: string): Command | null {
  const key = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/^[\s/!.,:;?"'«»]+|[\s!.,:;?"'«»]+$/g, '')
    .replace(/\s+/g, ' ');
  return COMMANDS.get(key) ?? null;
}

export function createConversationHandler(deps: ConversationDeps): ConversationHandler {
  const cards = deps.cards ?? defaultCards;
  const reporting = new Reporting({ ...deps, cards });
  const text = (locale: string, key: Parameters<ReportingCards['text']>[1], params?: Readonly<Record<string, string | number>>) => ({ text: cards.text(locale, key, params) });

  async function form(reader: Reader, options: { kind?: string; text?: string; files?: readonly NewCaseFile[] }): Promise<Reply> {
    const outcome = await reporting.form(reader, options);
    if (outcome.type === 'unavailable') return { send: [text(reader.locale, 'bot.busy')] };
    return { send: [{ card: cards.reportForm(reader.locale, outcome.view) }] };
  }

  /** Why a file sent with the message was not taken, in the reader's language; the report can be sent without it. */
  function refusal(locale: string, file: Extract<IncomingAttachment, { status: 'refused' }>) {
    const name = plainName(file.name);
    switch (file.reason) {
      case 'tooLarge':
        return text(locale, 'bot.fileTooLarge', { name, maxMb: Math.floor((file.limitBytes ?? 0) / (1024 * 1024)) || 25 });
      case 'notAllowed':
        return text(locale, 'bot.fileNotAllowed', { name });
      case 'tooMany':
        return text(locale, 'bot.tooManyFiles', { name, max: LIMITS.attachments });
      default:
        return text(locale, 'bot.fileUnavailable', { name });
    }
  }

  async function myReports(reader: Reader): Promise<Reply> {
    return { send: [{ card: cards.myReports(reader.locale, await reporting.myReports(reader)) }] };
  }

  async function onText(incoming: Extract<Incoming, { type: 'text' }>, reader: Reader): Promise<Reply> {
    const command = commandOf(incoming.text);
    const files = incoming.attachments.flatMap((a) => (a.status === 'received' ? [{ name: a.name, contentType: a.contentType, bytes: a.bytes }] : []));
    // A refused file is said plainly after the form: the report still goes through without it.
    const refused = incoming.attachments.flatMap((a) => (a.status === 'refused' ? [refusal(reader.locale, a)] : []));
    const withRefusals = (reply: Reply): Reply => (refused.length === 0 ? reply : { ...reply, send: [...(reply.send ?? []), ...refused] });
    if (command?.type === 'welcome') return { send: [{ card: cards.welcome(reader.locale, reader.name) }] };
    // "finn prosedyre legemiddel": the best matches as a card (not a report).
    const procedureQuery = deps.procedureChat ? procedureQueryOf(incoming.text) : null;
    if (deps.procedureChat && procedureQuery !== null) return deps.procedureChat.find(reader, procedureQuery);
    if (command?.type === 'myReports') return myReports(reader);
    if (command?.type === 'form') return withRefusals(await form(reader, { kind: command.kind, files }));
    // Free text (and files): a report starts with the text filled in and the kind it suggests.
    if (incoming.text.trim() === '' && files.length === 0) return { send: [...refused, text(reader.locale, 'bot.help')] };
    return withRefusals(await form(reader, { text: incoming.text, files }));
  }

  async function onAction(incoming: Extract<Incoming, { type: 'action' }>, reader: Reader): Promise<Reply> {
    const { conversationId, serviceUrl } = incoming.address;
    const origin = { conversationId, activityId: incoming.activityId, ...(serviceUrl ? { serviceUrl } : {}) };
    const data = incoming.data !== null && typeof incoming.data === 'object' ? (incoming.data as Record<string, unknown>) : {};
    switch (incoming.verb) {
      case VERB.startReport:
        return form(reader, { kind: typeof data.kind === 'string' ? data.kind : undefined });
      case VERB.myReports:
        return myReports(reader);
      case VERB.submitReport: {
        const formKind = data.kind === 'whistleblowingReport' || data.form === 'whistleblowing' ? 'whistleblowing' : 'ordinary';
        try {
          const outcome = await reporting.submit(reader, incoming.data, origin, formKind);
          if (outcome.type === 'invalid') return { refreshCard: cards.reportForm(reader.locale, outcome.view) };
          if (outcome.type === 'refused') return { send: [text(reader.locale, 'bot.forbidden')] };
          const missing = outcome.missingFiles ?? [];
          // Files this instance never got (another instance had the message, or they waited too long): said, not hidden.
          const notice = missing.length > 0 ? { send: [text(reader.locale, 'bot.filesMissing', { names: missing.map(plainName).join(', ') })] } : {};
          return { refreshCard: cards.receipt(reader.locale, outcome.view), ...notice };
        } catch (err) {
          // Unexpected: the form comes back as the person filled it in, with a message; nothing half stored.
          log('conversation.submitFailed', err);
          const view = await reporting.reshow(incoming.data, formKind, cards.text(reader.locale, 'bot.error'));
          return { refreshCard: cards.reportForm(reader.locale, view) };
        }
      }
      case VERB.takeCase: {
        const outcome = await reporting.takeCase(reader, incoming.data, origin);
        if (outcome.type === 'taken') return { refreshCard: outcome.card };
        if (outcome.type === 'alreadyTaken') return { ...(outcome.card ? { refreshCard: outcome.card } : {}), send: [text(reader.locale, 'bot.caseAlreadyTaken', { name: outcome.byName })] };
        // Refused or unknown: the card stays as it is, and the answer says nothing about the case.
        return { send: [text(reader.locale, 'bot.forbidden')] };
      }
      default:
        if (deps.procedureChat && PROCEDURE_CHAT_VERBS.has(incoming.verb)) return deps.procedureChat.action(reader, incoming.verb, incoming.data, origin);
        return { send: [text(reader.locale, 'bot.didNotUnderstand'), text(reader.locale, 'bot.help')] };
    }
  }

  function log(event: string, err: unknown): void {
    deps.log?.(event, { error: err instanceof Error ? err.name : typeof err });
  }

  async function handle(incoming: Incoming): Promise<Reply> {
    const reader: Reader = { personId: incoming.speaker.personId, name: incoming.speaker.name, locale: incoming.speaker.locale };
    try {
      if (incoming.type === 'action' && deps.channelCardActions?.verbs.has(incoming.verb)) return await deps.channelCardActions.act(incoming);
      // Reports and cases belong in the personal chat: a channel or group chat gets a pointer there, nothing else.
      if (incoming.address.kind !== 'personal' && incoming.type !== 'install') return { send: [text(reader.locale, 'bot.personalOnly')] };
      if (incoming.type === 'install') return { send: [{ card: cards.welcome(reader.locale, reader.name) }] };
      if (incoming.type === 'text') return await onText(incoming, reader);
      return await onAction(incoming, reader);
    } catch (err) {
      log('conversation.failed', err);
      return { send: [text(reader.locale, 'bot.error')] };
    }
  }

  return { handle, reporting };
}
