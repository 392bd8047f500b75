// A local stand-in for the Bot Connector service (Teams' serviceUrl): verifies the bot's tokens, records what the bot
// sends, can enforce Teams' rate limits. The tests start one per suite; `npm start` starts one on a fixed port as the
// demo's Teams (the conversation references of the demo's leader channels name it as their serviceUrl), keeps what was
// posted in a file, and shows it: GET /_connector/conversations and /_connector/conversations/{id}/activities (JSON).
// Like the Graph emulator it stands in for Microsoft's service and shares no code with the app.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { type JWTVerifyGetKey, jwtVerify } from 'jose';

/** The audience of the bot's tokens for the Bot Connector. */
export const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

export interface ConnectorStandInOptions {
  /**
   * Verify the bot's bearer token (signature, issuer, audience https://api.botframework.com, expiry, and the bot's app
   * id in `appid`/`azp`) against the local issuer; false accepts any request, as Agents Playground does.
   */
  auth: { issuer: string; keys: JWTVerifyGetKey; appId?: string } | false;
  /** Teams' limits: 7 operations per second per conversation, 30 per second per app; off unless given. */
  rateLimits?: RateLimits | false;
  /** Teams and their channels, for GET /v3/teams/{id}/conversations; a team not listed has only its General channel. */
  teams?: Record<string, { id: string; name?: string }[]>;
  port?: number;
  /** Activities kept (the oldest are dropped; default: all). A long-running demo sets a bound. */
  maxActivities?: number;
  /**
   * A JSON file the activities are kept in (written a moment after each change, loaded at start): after a restart the
   * bot can still update a card it posted before, and what was posted can still be shown.
   */
  file?: string;
}

export interface RateLimits {
  perConversationPerSecond: number;
  perAppPerSecond: number;
  /** Seconds in Retry-After (default 1). */
  retryAfterSeconds?: number;
}

export const TEAMS_RATE_LIMITS: RateLimits = { perConversationPerSecond: 7, perAppPerSecond: 30 };

export type ConnectorOperation = 'send' | 'reply' | 'update' | 'createConversation';

export interface RecordedActivity {
  operation: ConnectorOperation;
  conversationId: string;
  /** The id the stand-in gave the activity (or the id updated). */
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  /** The `appid`/`azp` of the token it came with, when verified. */
  appId?: string;
  at: number;
}

export interface RefusedRequest {
  status: 401 | 403 | 404 | 429;
  method: string;
  path: string;
  reason: string;
  at: number;
}

export interface ConnectorStandIn {
  /** The serviceUrl to put on activities, with Teams' trailing slash, e.g. http://127.0.0.1:43123/. */
  url: string;
  /**
   * Hosts an image as Teams hosts a pasted one (`{serviceUrl}v3/attachments/{id}/views/original`, the bot's token
   * required like every request here) and returns that contentUrl.
   */
  addAttachment(bytes: Uint8Array, contentType: string): string;
  /** Every attachment download, with the `appid` of the token it came with. */
  readonly attachmentDownloads: { id: string; appId?: string }[];
  /** Every activity the bot sent, updated or created a conversation with, in order. */
  readonly activities: RecordedActivity[];
  /** Requests refused (bad token, unknown activity, over a rate limit). */
  readonly refused: RefusedRequest[];
  /** Resolves with the first recorded activity (already there or still to come) that matches. */
  waitFor(match: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  setRateLimits(limits: RateLimits | false): void;
  /** A team and its channels, for GET /v3/teams/{id}/conversations (added or replaced). */
  setTeam(teamId: string, channels: { id: string; name?: string }[]): void;
  /**
   * The bot is removed from the conversation (a channel's team; the thread ids under it too): every send and update
   * there gets 403 BotNotInConversationRoster, as Teams answers; `status` 404 plays a deleted conversation instead.
   */
  removeBot(conversationId: string, status?: 403 | 404): void;
  /** The bot is back in the conversation (added to the team again). */
  restoreBot(conversationId: string): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startConnectorStandIn(options: ConnectorStandInOptions): Promise<ConnectorStandIn> {
  const activities: RecordedActivity[] = options.file ? loadActivities(options.file) : [];
  const refused: RefusedRequest[] = [];
  const known = new Set<string>(activities.map((a) => `${a.conversationId}\n${a.activityId}`));
  const hosted = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const attachmentDownloads: { id: string; appId?: string }[] = [];
  const waiters = new Set<{ match: (a: RecordedActivity) => boolean; resolve: (a: RecordedActivity) => void }>();
  let limits: RateLimits | false = options.rateLimits || false;
  const perConversation = new Map<string, number[]>();
  const removed = new Map<string, 403 | 404>();
  const teams = new Map(Object.entries(options.teams ?? {}));
  let perApp: number[] = [];
  let counter = 0;

  let saving: NodeJS.Timeout | null = null;
  const save = () => {
    if (!options.file || saving) return;
    saving = setTimeout(() => {
      saving = null;
      saveActivities(options.file as string, activities);
    }, 200);
  };
  const record = (entry: RecordedActivity) => {
    activities.push(entry);
    known.add(`${entry.conversationId}\n${entry.activityId}`);
    const max = options.maxActivities;
    if (max !== undefined && activities.length > max) for (const dropped of activities.splice(0, activities.length - max)) if (dropped.operation !== 'update') known.delete(`${dropped.conversationId}\n${dropped.activityId}`);
    save();
    for (const w of waiters) {
      if (w.match(entry)) {
        waiters.delete(w);
        w.resolve(entry);
      }
    }
  };
  const newActivityId = () => `${Date.now()}${String(++counter).padStart(4, '0')}`;

  /** Sliding one-second windows, as Teams counts; a request over either limit is refused and not counted. */
  function overLimit(conversationId: string): boolean {
    if (!limits) return false;
    const now = Date.now();
    const recent = (perConversation.get(conversationId) ?? []).filter((t) => now - t < 1000);
    perApp = perApp.filter((t) => now - t < 1000);
    if (recent.length >= limits.perConversationPerSecond || perApp.length >= limits.perAppPerSecond) {
      perConversation.set(conversationId, recent);
      return true;
    }
    recent.push(now);
    perApp.push(now);
    perConversation.set(conversationId, recent);
    return false;
  }

  async function authenticate(req: IncomingMessage): Promise<{ ok: true; appId?: string } | { ok: false; reason: string }> {
    if (!options.auth) return { ok: true };
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) return { ok: false, reason: 'no bearer token' };
    try {
      const { payload } = await jwtVerify(match[1], options.auth.keys, { issuer: options.auth.issuer, audience: [CONNECTOR_AUDIENCE, `${CONNECTOR_AUDIENCE}/`] });
      const appId = typeof payload.appid === 'string' ? payload.appid : typeof payload.azp === 'string' ? payload.azp : undefined;
      if (options.auth.appId && appId !== options.auth.appId) return { ok: false, reason: 'token for another app' };
      return { ok: true, appId };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.name : 'invalid token' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    const body = await readJson(req);
    const refuse = (status: RefusedRequest['status'], code: string, reason: string, headers: Record<string, string> = {}) => {
      refused.push({ status, method, path, reason, at: Date.now() });
      send(res, status, { error: { code, message: reason } }, headers);
    };

    // What was posted, for a person looking at the demo (this machine only: the server listens on loopback).
    if (method === 'GET' && segments[0] === '_connector') return showRecorded(res, segments.slice(1), activities, refuse);

    const auth = await authenticate(req);
    if (!auth.ok) return refuse(401, 'Unauthorized', auth.reason);
    if (segments[0] !== 'v3') return refuse(404, 'NotFound', 'unknown path');

    // GET /v3/attachments/{id}/views/{view}: an image someone pasted into the chat.
    if (method === 'GET' && segments[1] === 'attachments' && segments[3] === 'views' && segments.length === 5) {
      const found = hosted.get(segments[2] ?? '');
      if (!found) return refuse(404, 'NotFound', 'no such attachment');
      attachmentDownloads.push({ id: segments[2] ?? '', appId: auth.appId });
      res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': String(found.bytes.length) }).end(Buffer.from(found.bytes));
      return;
    }

    // GET /v3/teams/{teamId}/conversations: the team's channels.
    if (method === 'GET' && segments[1] === 'teams' && segments[3] === 'conversations' && segments.length === 4) {
      const teamId = segments[2] ?? '';
      return send(res, 200, { conversations: teams.get(teamId) ?? [{ id: teamId, name: null }] });
    }
    if (segments[1] !== 'conversations') return refuse(404, 'NotFound', 'unknown path');

    // POST /v3/conversations: a new conversation (a 1:1 chat, or a new channel thread), optionally with a first activity.
    if (method === 'POST' && segments.length === 2) {
      const params = (body ?? {}) as { isGroup?: boolean; channelData?: { channel?: { id?: string } }; members?: { id?: string }[]; activity?: Record<string, unknown> };
      const conversationId = params.isGroup && params.channelData?.channel?.id ? params.channelData.channel.id : `a:${randomUUID()}`;
      if (overLimit(conversationId)) return refuse(429, 'TooManyRequests', 'rate limit', retryAfter());
      const activityId = params.activity ? newActivityId() : '';
      record({ operation: 'createConversation', conversationId, activityId, activity: (params as Record<string, unknown>) ?? {}, appId: auth.appId, at: Date.now() });
      return send(res, 201, { id: conversationId, activityId, serviceUrl: standIn.url });
    }

    const conversationId = segments[2] ?? '';
    if (segments[3] !== 'activities' || !conversationId) return refuse(404, 'NotFound', 'unknown path');
    const gone = removed.get(conversationId) ?? removed.get(conversationId.split(';')[0] ?? conversationId);
    if (gone === 403) return refuse(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
    if (gone === 404) return refuse(404, 'ConversationNotFound', 'Conversation not found.');
    const activity = (body ?? {}) as Record<string, unknown>;

    if (method === 'POST' && segments.length === 4) {
      if (overLimit(conversationId)) return refuse(429, 'TooManyRequests', 'rate limit', retryAfter());
      const activityId = newActivityId();
      record({ operation: 'send', conversationId, activityId, activity, appId: auth.appId, at: Date.now() });
      return send(res, 201, { id: activityId });
    }
    if (method === 'POST' && segments.length === 5) {
      if (overLimit(conversationId)) return refuse(429, 'TooManyRequests', 'rate limit', retryAfter());
      const activityId = newActivityId();
      record({ operation: 'reply', conversationId, activityId, replyToId: segments[4], activity, appId: auth.appId, at: Date.now() });
      return send(res, 201, { id: activityId });
    }
    if (method === 'PUT' && segments.length === 5) {
      const activityId = segments[4] ?? '';
      if (!known.has(`${conversationId}\n${activityId}`)) return refuse(404, 'ActivityNotFound', 'no such activity in this conversation');
      if (overLimit(conversationId)) return refuse(429, 'TooManyRequests', 'rate limit', retryAfter());
      record({ operation: 'update', conversationId, activityId, activity, appId: auth.appId, at: Date.now() });
      return send(res, 200, { id: activityId });
    }
    return refuse(404, 'NotFound', 'unknown operation');
  }

  const retryAfter = () => ({ 'Retry-After': String((limits && limits.retryAfterSeconds) ?? 1) });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: { code: 'ServiceError', message: 'stand-in failure' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const standIn: ConnectorStandIn = {
    url: `http://127.0.0.1:${port}/`,
    addAttachment(bytes, contentType) {
      const id = `att-${randomUUID()}`;
      hosted.set(id, { bytes, contentType });
      return `http://127.0.0.1:${port}/v3/attachments/${id}/views/original`;
    },
    attachmentDownloads,
    activities,
    refused,
    waitFor(match, timeoutMs = 5000) {
      const found = activities.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching activity at the connector stand-in within ${timeoutMs} ms (recorded: ${activities.length})`));
        }, timeoutMs).unref();
      });
    },
    setRateLimits(next) {
      limits = next;
    },
    setTeam(teamId, channels) {
      teams.set(teamId, channels);
    },
    removeBot(id, status = 403) {
      removed.set(id, status);
    },
    restoreBot(id) {
      removed.delete(id);
    },
    clear() {
      activities.length = 0;
      refused.length = 0;
      perConversation.clear();
      perApp = [];
    },
    close: async () => {
      if (saving) {
        clearTimeout(saving);
        saving = null;
        if (options.file) saveActivities(options.file, activities);
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}

/**
 * GET /_connector/conversations → every conversation with how many activities it got and when the last came;
 * GET /_connector/conversations/{id}/activities → its activities in order (a channel's threads, `{id};messageid=…`, too).
 */
function showRecorded(res: ServerResponse, path: string[], activities: readonly RecordedActivity[], refuse: (status: 404, code: string, reason: string) => void): void {
  if (path[0] !== 'conversations') return refuse(404, 'NotFound', 'unknown path');
  if (path.length === 1) {
    const byConversation = new Map<string, { conversationId: string; activities: number; lastAt: string }>();
    for (const a of activities) {
      const id = a.conversationId.split(';')[0] ?? a.conversationId;
      const entry = byConversation.get(id) ?? { conversationId: id, activities: 0, lastAt: '' };
      entry.activities++;
      entry.lastAt = new Date(a.at).toISOString();
      byConversation.set(id, entry);
    }
    return send(res, 200, { conversations: [...byConversation.values()] });
  }
  if (path.length === 3 && path[2] === 'activities') {
    const id = path[1] ?? '';
    return send(res, 200, { conversationId: id, activities: activities.filter((a) => a.conversationId === id || a.conversationId.startsWith(`${id};`)) });
  }
  return refuse(404, 'NotFound', 'unknown path');
}

function loadActivities(file: string): RecordedActivity[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { activities?: unknown };
    return Array.isArray(parsed.activities) ? (parsed.activities as RecordedActivity[]).filter((a) => typeof a?.conversationId === 'string' && typeof a.activityId === 'string') : [];
  } catch {
    return []; // none yet, or unreadable: start empty
  }
}

/** Written to a temporary name and renamed, so a stop in the middle leaves the previous file whole. */
function saveActivities(file: string, activities: readonly RecordedActivity[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ activities }));
    renameSync(`${file}.tmp`, file);
  } catch {
    // A demo aid: what is in memory is still shown.
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers }).end(text);
}
