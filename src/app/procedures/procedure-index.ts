// Every procedure and governing document of both libraries, kept per instance in step with SharePoint by Graph delta,
// with the text of each .docx for search: what lists, search, review-due lists and counts read (no library scan per
// request). It is a cache, never the record: writes go to the library and are put here at once (`put`).
//
// Search: words (lower case, NFC) must each be found somewhere — title, keywords, description, metadata (type, unit
// names, area, roles) or the document's text — and rank by where (title first). Words are matched inside others, so
// "legemiddel" finds "Legemiddelhåndtering"; a few Norwegian endings are taken off longer words ("rutinene" → "rutin").
// Text is read from the version people see (the approved one; the newest draft only before any approval), .docx only:
// PDF text is not extracted (title, description, keywords and metadata still match).
import type { ProcedureDocument } from '../../domain/index.js';
import type { ChangeFeed } from '../ports/index.js';
import { extractDocxText } from './document-files.js';

export interface IndexedDocument {
  readonly doc: ProcedureDocument;
  /** The document's text ('' for a PDF, or until read). */
  readonly text: string;
}

export interface SearchHit {
  readonly doc: ProcedureDocument;
  readonly score: number;
  readonly snippet: string | null;
  readonly matchedIn: readonly ('title' | 'description' | 'keywords' | 'metadata' | 'text')[];
}

export interface ProcedureIndexOptions {
  /** A read older than this runs a delta round first (default 30 s). */
  readonly maxAgeMs?: number;
  /** Background rounds (default 30 s; 0: none). */
  readonly intervalMs?: number;
  /** The text of a document's version people see; null when it cannot be read. Default: none (metadata only). */
  readonly readText?: (doc: ProcedureDocument) => Promise<Uint8Array | null>;
  /** Metadata words per document beyond its own fields (unit names): given by the caller, who knows the units. */
  readonly metadataText?: (doc: ProcedureDocument) => string;
  readonly now?: () => number;
  readonly log?: (event: string, details?: Readonly<Record<string, string | number | boolean>>) => void;
}

export class ProcedureIndex {
  private readonly byItem = new Map<string, IndexedDocument>();
  private readonly byId = new Map<string, string>();
  /** driveItemId@version → text, so a metadata change does not read the file again. */
  private readonly texts = new Map<string, string>();
  private token: string | null = null;
  private syncedAt: number | null = null;
  private round: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly textQueue = new Set<string>();
  private textWork: Promise<void> | null = null;

  constructor(
    private readonly feed: ChangeFeed<ProcedureDocument>,
    private readonly options: ProcedureIndexOptions = {},
  ) {}

  start(): void {
    void this.sync().catch(() => undefined);
    const every = this.options.intervalMs ?? 30_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => void this.sync().catch(() => undefined), every);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** When the index was last in step; null before the first round. */
  get asOf(): Date | null {
    return this.syncedAt === null ? null : new Date(this.syncedAt);
  }

  /** Brings the index up to date if it is older than maxAgeMs (one round at a time). Rejects only before the first round succeeded. */
  async fresh(): Promise<void> {
    const age = this.syncedAt === null ? Infinity : this.now() - this.syncedAt;
    if (age <= (this.options.maxAgeMs ?? 30_000)) return;
    try {
      await this.sync();
    } catch (err) {
      if (this.syncedAt === null) throw err;
    }
  }

  /** One delta round now (joins one under way). */
  sync(): Promise<void> {
    if (!this.round) {
      this.round = this.runRound().finally(() => {
        this.round = null;
      });
    }
    return this.round;
  }

  private async runRound(): Promise<void> {
    const round = await this.feed.changes(this.token);
    if (round.kind === 'full') {
      this.byItem.clear();
      this.byId.clear();
    }
    for (const itemId of round.deletedItemIds) this.drop(itemId);
    for (const { itemId, value } of round.changed) {
      if (value === null) this.drop(itemId);
      else this.keep(itemId, value);
    }
    this.token = round.token;
    this.syncedAt = this.now();
    this.options.log?.('procedures.indexSynced', { kind: round.kind, changed: round.changed.length, documents: this.byId.size });
  }

  /** A document just written by this instance: here at once, before the next delta round brings it. */
  put(doc: ProcedureDocument): void {
    const itemId = this.byId.get(doc.id) ?? `local:${doc.id}`;
    this.keep(itemId, doc);
  }

  get(id: string): ProcedureDocument | null {
    const itemId = this.byId.get(id);
    return itemId ? (this.byItem.get(itemId)?.doc ?? null) : null;
  }

  all(): ProcedureDocument[] {
    return [...this.byItem.values()].map((e) => e.doc);
  }

  /** Documents whose words all match, best first. An empty query matches everything (score 0). */
  search(query: string, candidates?: Iterable<ProcedureDocument>, metadataText?: (doc: ProcedureDocument) => string): SearchHit[] {
    const words = searchWords(query);
    const hits: SearchHit[] = [];
    const metadata = metadataText ?? this.options.metadataText;
    for (const doc of candidates ?? this.all()) {
      const entry = this.entryOf(doc.id);
      const hit = scoreDocument(doc, entry?.text ?? '', metadata?.(doc) ?? '', words);
      if (hit) hits.push(hit);
    }
    return hits.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title, 'nb'));
  }

  /** Resolves once the texts queued so far are read (tests, benchmarks). */
  async textsRead(): Promise<void> {
    while (this.textWork) await this.textWork;
  }

  private entryOf(id: string): IndexedDocument | undefined {
    const itemId = this.byId.get(id);
    return itemId ? this.byItem.get(itemId) : undefined;
  }

  private keep(itemId: string, doc: ProcedureDocument): void {
    const previous = this.byId.get(doc.id);
    if (previous && previous !== itemId) this.byItem.delete(previous);
    const key = textKey(doc);
    this.byItem.set(itemId, { doc, text: key ? (this.texts.get(key) ?? '') : '' });
    this.byId.set(doc.id, itemId);
    if (key && !this.texts.has(key) && this.options.readText && doc.fileName.toLowerCase().endsWith('.docx')) this.queueText(doc.id);
  }

  private drop(itemId: string): void {
    const entry = this.byItem.get(itemId);
    if (!entry) return;
    this.byItem.delete(itemId);
    if (this.byId.get(entry.doc.id) === itemId) this.byId.delete(entry.doc.id);
  }

  /** Texts are read in the background, a few at a time; a failed read is tried again at the next change. */
  private queueText(id: string): void {
    this.textQueue.add(id);
    if (this.textWork) return;
    this.textWork = (async () => {
      while (this.textQueue.size > 0) {
        const batch = [...this.textQueue].slice(0, 4);
        for (const i of batch) this.textQueue.delete(i);
        await Promise.all(batch.map((i) => this.readText(i)));
      }
    })().finally(() => {
      this.textWork = null;
    });
  }

  private async readText(id: string): Promise<void> {
    const entry = this.entryOf(id);
    const key = entry ? textKey(entry.doc) : null;
    if (!entry || !key || this.texts.has(key) || !this.options.readText) return;
    try {
      const bytes = await this.options.readText(entry.doc);
      const text = bytes ? extractDocxText(bytes) : '';
      this.texts.set(key, text);
      const now = this.entryOf(id);
      if (now && textKey(now.doc) === key) this.byItem.set(this.byId.get(id) as string, { doc: now.doc, text });
    } catch {
      this.options.log?.('procedures.textUnreadable', {});
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** The version whose text is searched: the approved one, or the newest draft before any approval. */
function textKey(doc: ProcedureDocument): string | null {
  const version = doc.approvedVersion ?? doc.latestVersion;
  return doc.driveItemId && version ? `${doc.driveItemId}@${version}` : null;
}

const ENDINGS = ['ene', 'ane', 'er', 'en', 'et', 'ar', 'a', 'e'];

/** Lower-case words of two or more letters or digits, with a few Norwegian inflections taken off longer ones. */
export function searchWords(query: string): string[] {
  const words = normalise(query).match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(words.slice(0, 12).map(stem))];
}

function stem(word: string): string {
  if (word.length < 6) return word;
  for (const e of ENDINGS) if (word.endsWith(e) && word.length - e.length >= 5) return word.slice(0, -e.length);
  return word;
}

const normalise = (s: string) => s.normalize('NFC').toLowerCase();

const WEIGHTS = { title: 10, keywords: 6, description: 3, metadata: 2, text: 1 } as const;

function scoreDocument(doc: ProcedureDocument, text: string, metadata: string, words: readonly string[]): SearchHit | null {
  if (words.length === 0) return { doc, score: 0, snippet: null, matchedIn: [] };
  const fields = {
    title: normalise(`${doc.title} ${doc.fileName}`),
    keywords: normalise(doc.keywords.join(' ')),
    description: normalise(doc.description),
    metadata: normalise(`${metadata} ${doc.ownerArea ?? ''} ${doc.documentType} ${doc.appliesToRoles.join(' ')}`),
    text: normalise(text),
  };
  let score = 0;
  const matched = new Set<keyof typeof fields>();
  for (const word of words) {
    let found = false;
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      const at = fields[key].indexOf(word);
      if (at < 0) continue;
      found = true;
      matched.add(key);
      // A word at the start of a word counts more than one inside it.
      const starts = at === 0 || !/[\p{L}\p{N}]/u.test(fields[key][at - 1] ?? '');
      score += WEIGHTS[key] * (starts ? 2 : 1);
    }
    if (!found) return null;
  }
  const snippet = snippetOf(doc.description, words) ?? snippetOf(text, words);
  return { doc, score, snippet, matchedIn: [...matched] };
}

/** About 160 characters around the first word found, on word boundaries, plain text. */
function snippetOf(source: string, words: readonly string[]): string | null {
  if (source === '') return null;
  const lower = normalise(source);
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) return null;
  const start = Math.max(0, source.lastIndexOf(' ', Math.max(0, at - 60)) + 1);
  const end = Math.min(source.length, start + 160);
  const piece = source.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '… ' : ''}${piece}${end < source.length ? ' …' : ''}`;
}
