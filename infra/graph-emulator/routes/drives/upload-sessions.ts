// Resumable uploads: …/createUploadSession, and the uploadUrl it hands out (PUT fragments, GET status, DELETE, POST commit), served without a token.
import { randomBytes } from 'node:crypto';
import { invalidRange, invalidRequest, itemNotFound, nameAlreadyExists, payloadTooLarge } from '../../errors.js';
import { type EmulatorRequest, type EmulatorResponse, json, jsonBody, noContent } from '../../request.js';
import type { Router } from '../../router.js';
import { type EmulatorContext, MAX_UPLOAD_FRAGMENT } from '../../server.js';
import { partPath, putFile, unpin, writeFragment } from '../../store/blobs.js';
import { type UploadSessionState, deleteSession, getSession, saveSession, sweepSessions } from '../../store/drives.js';
import { driveContext, driveItemResource } from './item-resource.js';
import { checkIfMatch, conflictBehavior, driveFrom, parseAddress, resolvePartial } from './resolve.js';
import { collect, commitFile } from './writes.js';

/** Fragments must be whole multiples of 320 KiB, except the last (Graph docs, "Upload bytes to the upload session"). */
export const FRAGMENT_UNIT = 320 * 1024;
/** OneDrive for Business sessions expire 15 minutes after the last fragment, and a day after they began at the latest. */
const IDLE_LIFETIME_MS = 15 * 60 * 1000;
const MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;

const expiry = (s: Pick<UploadSessionState, 'created'>) =>
  new Date(Math.min(Date.now() + IDLE_LIFETIME_MS, Date.parse(s.created) + MAX_LIFETIME_MS)).toISOString();

/** The ranges still missing, written as the docs' examples do ("26-"); fragments arrive in order, so there is at most one. */
function nextExpectedRanges(s: UploadSessionState): string[] {
  return s.total === null || s.received < s.total ? [`${s.received}-`] : [];
}

const status = (s: UploadSessionState) => ({ expirationDateTime: s.expires, nextExpectedRanges: nextExpectedRanges(s) });

export function registerCreateUploadSessionRoute(r: Router, ctx: EmulatorContext, base: string): void {
  r.add('POST', `${base}/createUploadSession`, 2, (req, params) => {
    sweepSessions(ctx);
    const scope = driveFrom(ctx, params);
    const addr = parseAddress(scope, params);
    const body = req.body.length > 0 ? jsonBody(req) : {};
    const props = (body.item ?? {}) as Record<string, unknown>;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) throw invalidRequest("'item' must be a driveItemUploadableProperties object.");
    if (body.deferCommit !== undefined && typeof body.deferCommit !== 'boolean') throw invalidRequest("'deferCommit' must be true or false.");
    // The docs give fail as this action's default, unlike PUT …/content, which replaces.
    const conflict = conflictBehavior(props['@microsoft.graph.conflictBehavior'], 'fail');
    const name = addr.segments.at(-1);
    if (props.name !== undefined && (typeof props.name !== 'string' || (name !== undefined && props.name.toLowerCase() !== name.toLowerCase())))
      throw invalidRequest("The item's 'name' must be the name at the end of the path it is uploaded to.");

    const { item, missing } = resolvePartial(ctx, scope, addr);
    if (addr.segments.length === 0 && item.isFolder)
      throw invalidRequest('To upload a new file, address it by folder and name: …/items/{parent-id}:/{file-name}:/createUploadSession.');
    if (missing.length === 0 && addr.segments.length > 0 && (item.isFolder || conflict === 'fail'))
      throw nameAlreadyExists(`The specified item name '${item.name}' already exists.`);
    checkIfMatch(missing.length === 0 ? item : undefined, req.headers['if-match']);

    const now = new Date().toISOString();
    const session: UploadSessionState = {
      id: randomBytes(24).toString('base64url'),
      driveId: scope.drive.id,
      target: addr.segments.length === 0 ? { itemId: item.id } : addr,
      conflict,
      deferCommit: body.deferCommit === true,
      total: typeof props.fileSize === 'number' && Number.isSafeInteger(props.fileSize) && props.fileSize > 0 ? props.fileSize : null,
      received: 0,
      created: now,
      expires: '',
      createdBy: req.caller,
    };
    session.expires = expiry(session);
    saveSession(ctx.db, session);
    return json(200, {
      '@odata.context': driveContext(req, 'microsoft.graph.uploadSession'),
      uploadUrl: `${ctx.origin()}/_content/upload/${session.id}`,
      ...status(session),
    });
  });
}

/** A session that exists and has not expired; an expired one is cleaned up and answers like an unknown one. */
function liveSession(ctx: EmulatorContext, id: string): UploadSessionState {
  const s = /^[A-Za-z0-9_-]{16,64}$/.test(id) ? getSession(ctx.db, id) : undefined;
  if (s && Date.parse(s.expires) > Date.now()) return s;
  if (s) deleteSession(ctx, s.id);
  throw itemNotFound('The upload session was not found; it may have expired or been completed or cancelled.');
}

/** `bytes {start}-{end}/{total}`; Graph needs the total known from the first fragment on. */
function parseContentRange(header: string | undefined): { start: number; end: number; total: number } {
  if (header === undefined) throw invalidRequest('A Content-Range header (bytes {start}-{end}/{total}) is required for each fragment.');
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim());
  const [start, end, total] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  if (!m || end < start || end >= total) throw invalidRequest(`The Content-Range header '${header}' is not valid; expected bytes {start}-{end}/{total}.`);
  return { start, end, total };
}

// One fragment at a time per session: a second one waits, then sees the first one's progress.
const queues = new Map<string, Promise<unknown>>();
function serialized<T>(id: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(id) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  queues.set(id, tail);
  void tail.then(() => {
    if (queues.get(id) === tail) queues.delete(id);
  });
  return run;
}

/** Turns the received bytes into the file; a name taken in the meantime is a 409 that keeps the session for a retry. */
async function complete(ctx: EmulatorContext, req: EmulatorRequest, s: UploadSessionState): Promise<EmulatorResponse> {
  const scope = driveFrom(ctx, { drive: s.driveId });
  if ('segments' in s.target && s.conflict === 'fail' && resolvePartial(ctx, scope, s.target).missing.length === 0)
    throw nameAlreadyExists('Another file exists with the same name as the uploaded session.');
  const blob = await putFile(ctx.blobDir, partPath(ctx.blobDir, s.id), s.total ?? 0);
  try {
    const written = commitFile(ctx, scope, s.target, blob, s.conflict, s.createdBy);
    return json(written.created ? 201 : 200, {
      '@odata.context': driveContext(req, `drives('${scope.drive.id}')/items/$entity`),
      ...driveItemResource(ctx, scope, written.item),
    });
  } finally {
    // The part file has become a blob either way, so the session cannot be resumed: it ends here.
    deleteSession(ctx, s.id);
    unpin(blob.sha256);
    collect(ctx, [blob.sha256]);
  }
}

export function registerUploadUrlRoutes(r: Router, ctx: EmulatorContext): void {
  const path = '/_content/upload/:session';

  r.add('PUT', path, 2, (req, params) =>
    serialized(params.session ?? '', async () => {
      const s = liveSession(ctx, params.session ?? '');
      const range = parseContentRange(req.headers['content-range']);
      const length = req.body.length;
      if (length >= MAX_UPLOAD_FRAGMENT) throw payloadTooLarge(`A fragment must be smaller than ${MAX_UPLOAD_FRAGMENT} bytes (60 MiB).`);
      if (length !== range.end - range.start + 1)
        throw invalidRequest(`The Content-Range header names ${range.end - range.start + 1} bytes but the body has ${length}.`);
      if (s.total !== null && range.total !== s.total)
        throw invalidRequest(`The Content-Range header declares a file of ${range.total} bytes; this session's file is ${s.total} bytes.`);
      if (range.start < s.received) throw invalidRange('Uploaded fragment overlaps with existing data.');
      if (range.start > s.received) throw invalidRange('Uploaded fragment is out of order.');
      // A file smaller than one unit cannot be split in whole units, and the docs' own example splits a 128-byte
      // file at byte 26: the rule binds files of 320 KiB and more, which is where SharePoint's commit depends on it.
      if (range.end !== range.total - 1 && range.total >= FRAGMENT_UNIT && length % FRAGMENT_UNIT !== 0)
        throw invalidRequest(`Each fragment but the last must be a multiple of 320 KiB (${FRAGMENT_UNIT} bytes); this one is ${length} bytes.`);

      await writeFragment(ctx.blobDir, s.id, range.start, req.body);
      const next: UploadSessionState = { ...s, total: range.total, received: range.end + 1 };
      next.expires = expiry(next);
      saveSession(ctx.db, next);
      if (next.received < range.total || next.deferCommit) return json(202, status(next));
      return complete(ctx, req, next);
    }),
  );

  r.add('GET', path, 1, (_req, params) => json(200, status(liveSession(ctx, params.session ?? ''))));

  r.add('DELETE', path, 2, (_req, params) => {
    deleteSession(ctx, liveSession(ctx, params.session ?? '').id);
    return noContent();
  });

  // deferCommit: the empty POST that turns the received bytes into the file (OneDrive for Business and SharePoint).
  r.add('POST', path, 2, (req, params) =>
    serialized(params.session ?? '', async () => {
      const s = liveSession(ctx, params.session ?? '');
      if (s.total === null || s.received < s.total) throw invalidRequest('The upload is not complete; upload the missing ranges first.');
      return complete(ctx, req, s);
    }),
  );
}
