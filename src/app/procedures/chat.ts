// The procedure part of the chat (issue 8): the approver's Godkjenn / Avvis, "Jeg har lest og forstått" on the digest
// and reminders, and "finn prosedyre legemiddel". The conversation handler hands these over; replies are SDK-free.
import { PROCEDURE_VERBS, procedureSearchCard } from '../../cards/index.js';
import type { Person } from '../../domain/index.js';
import type { Reply } from '../conversation/types.js';
import type { ProcedureContext } from './context.js';
import { ProcedureFailure } from './errors.js';
import type { Procedures } from './procedures.js';
import type { ReadingLists } from './reading-lists.js';

export interface ChatReader {
  readonly personId: string;
  readonly name: string;
  readonly locale: string;
}

export interface ChatOrigin {
  readonly conversationId: string;
  readonly activityId: string | null;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;
const VERSION = /^\d{1,6}\.\d{1,3}$/;
const COMMENT_MAX = 2000;

/** "finn prosedyre legemiddel", "søk rutine brann", "finn styringsdokument etikk" … → the words after; null otherwise. */
export function procedureQueryOf(text: string): string | null {
  const m = /^\s*[/!]?(?:finn|søk|søk etter|let etter|find|search)\s+(?:prosedyre[rn]?|prosedyrene|prosedyrar|rutine[rn]?|rutinene|styringsdokument(?:er|et|ene)?|dokument(?:er|et|ene)?|procedures?)(?:\s+(?:om|for|på))?(?:\s+(.*))?$/iu.exec(
    text.normalize('NFC'),
  );
  if (!m) return null;
  return (m[1] ?? '').replace(/[\s!.,:;?"'«»]+$/u, '').trim().slice(0, 200);
}

export const PROCEDURE_CHAT_VERBS: ReadonlySet<string> = new Set(Object.values(PROCEDURE_VERBS));

export class ProcedureChat {
  constructor(
    private readonly ctx: ProcedureContext,
    private readonly procedures: Procedures,
    private readonly reading: ReadingLists,
  ) {}

  /** The best matches among what the person may see, as a card. */
  async find(reader: ChatReader, query: string): Promise<Reply> {
    const person = await this.personOf(reader);
    if (!person) return { send: [{ text: 'Du finnes ikke i kommunens organisasjonskart i Varde. Kontakt kvalitetsrådgiveren eller HR.' }] };
    const hits = query === '' ? [] : await this.procedures.list(person, { q: query });
    const units = await this.ctx.deps.org.units();
    const card = procedureSearchCard({
      locale: reader.locale,
      query,
      results: hits.slice(0, 5).map((h) => ({
        title: h.doc.title,
        documentType: h.doc.documentType,
        unitName: units.get(h.doc.ownerUnitId)?.name ?? '',
        version: h.doc.approvedVersion ?? h.doc.latestVersion,
        snippet: h.snippet,
        url: this.ctx.documentUrl(h.doc.id),
      })),
      searchUrl: this.ctx.searchUrl(query),
    });
    return { send: [{ card }] };
  }

  /** An Action.Execute of a procedure card; never throws (a failure is a message, the card left as it is or brought up to date). */
  async action(reader: ChatReader, verb: string, data: unknown, origin: ChatOrigin): Promise<Reply> {
    const d = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const documentId = typeof d.documentId === 'string' && ID.test(d.documentId) ? d.documentId : null;
    const version = typeof d.version === 'string' && VERSION.test(d.version) ? d.version : null;
    if (!documentId || !version) return { send: [{ text: 'Kortet mangler opplysninger om dokumentet. Åpne dokumentet i Varde.' }] };
    const person = await this.personOf(reader);
    if (!person) return { send: [{ text: 'Du har ikke tilgang til dette.' }] };
    try {
      if (verb === PROCEDURE_VERBS.confirmReading) {
        await this.reading.confirm(person, documentId, version);
        return { refreshCard: await this.reading.digestCard(person, reader.locale) };
      }
      const comment = typeof d.comment === 'string' ? d.comment.trim().slice(0, COMMENT_MAX) : '';
      if (verb === PROCEDURE_VERBS.rejectProcedure && comment === '') return this.rejectWithoutComment(documentId);
      const decision = verb === PROCEDURE_VERBS.approveProcedure ? { outcome: 'approve' as const, comment: comment === '' ? null : comment } : { outcome: 'reject' as const, comment };
      const { card } = await this.procedures.decide(person, documentId, decision, { version, origin });
      return { refreshCard: card };
    } catch (err) {
      return this.failed(err, person, reader);
    }
  }

  /** The card comes back with the message under the comment box; nothing is decided. */
  private async rejectWithoutComment(documentId: string): Promise<Reply> {
    const stored = await this.ctx.deps.library.get(documentId);
    if (!stored || stored.value.status !== 'awaitingApproval') return { send: [{ text: 'Dokumentet er allerede behandlet.' }] };
    const [units, sender] = await Promise.all([this.ctx.deps.org.units(), stored.value.pending ? this.ctx.deps.org.person(stored.value.pending.submittedById) : null]);
    return { refreshCard: this.procedures.approvalCard(stored.value, units, sender?.name ?? '', null, { error: 'Skriv en kommentar som forklarer hvorfor dokumentet avvises.' }) };
  }

  private async failed(err: unknown, person: Person, reader: ChatReader): Promise<Reply> {
    if (!(err instanceof ProcedureFailure)) {
      this.ctx.logError('procedures.chatActionFailed', err);
      return { send: [{ text: 'Noe gikk galt hos oss. Prøv igjen om litt, eller bruk Varde-fanen.' }] };
    }
    if (err.kind === 'supersededVersion') {
      // The card is replaced by the list as it is now: the new version is there to read and confirm.
      return { refreshCard: await this.reading.digestCard(person, reader.locale, err.message), send: [{ text: err.message }] };
    }
    const current = err.details.current;
    if (current && (err.kind === 'invalidState' || err.kind === 'conflict') && current.approvals[0] && current.status !== 'awaitingApproval') {
      // Someone decided first: this card shows what was decided, as everyone else's does.
      const record = current.approvals[0];
      const [units, by, sender] = await Promise.all([this.ctx.deps.org.units(), this.ctx.deps.org.person(record.byId), this.ctx.deps.org.person(record.submittedById)]);
      const card = this.procedures.approvalCard(current, units, sender?.name ?? '', {
        outcome: record.outcome,
        byName: by?.name ?? '',
        at: record.at,
        publishedVersion: record.publishedVersion,
        comment: record.comment,
      });
      return { refreshCard: card, send: [{ text: 'Dokumentet er allerede behandlet.' }] };
    }
    return { send: [{ text: err.message }] };
  }

  private async personOf(reader: ChatReader): Promise<Person | null> {
    return this.ctx.deps.org.person(reader.personId).catch(() => null);
  }
}
