// Conformance: resumable uploads — createUploadSession, fragments on the uploadUrl, their errors, status, cancel, conflicts, expiry, restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { examplesPresent, loadExamples } from './examples/catalog.js';
import { compareShape } from './examples/shape.js';
import { type DriveItemJson, type Json, body, bytes, download, errorCode, newFolder, newLibrary, rawRequest, upload } from './drive-support.js';

const UNIT = 320 * 1024;

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

afterEach(() => {
  vi.useRealTimers();
});

interface SessionJson {
  uploadUrl: string;
  expirationDateTime: string;
  nextExpectedRanges: string[];
}

async function createSession(emulator: TestEmulator, path: string, json: unknown = {}): Promise<SessionJson> {
  const res = await emulator.graph(`${path}/createUploadSession`, { method: 'POST', json });
  expect(res.status, await res.clone().text()).toBe(200);
  return body<SessionJson>(res);
}

/** PUTs bytes start..end (inclusive) of `file` to the upload URL, without a bearer token as the docs advise. */
function putFragment(uploadUrl: string, file: Buffer, start: number, end: number, total = file.length): Promise<Response> {
  return fetch(uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes ${start}-${end}/${total}` }, body: file.subarray(start, end + 1) });
}

describe('createUploadSession', () => {
  it('answers 200 with uploadUrl, expirationDateTime and nextExpectedRanges', async () => {
    const lib = await newLibrary(em);
    const session = await createSession(em, `${lib.drive}/root:/big.bin:`, { item: { '@microsoft.graph.conflictBehavior': 'rename', name: 'big.bin' } });
    expect(new URL(session.uploadUrl).origin).toBe(em.url);
    expect(session.uploadUrl).toMatch(/\/_content\/upload\/[A-Za-z0-9_-]+$/);
    expect(session.expirationDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(session.expirationDateTime)).toBeGreaterThan(Date.now());
    expect(session.nextExpectedRanges).toEqual(['0-']);
  });

  it.runIf(examplesPresent())('the session has the shape of Microsoft example #3', async () => {
    const lib = await newLibrary(em);
    const session = await createSession(em, `${lib.drive}/root:/largefile.dat:`);
    const example = loadExamples()[3]?.response?.body;
    expect(compareShape(example, session, { exact: true, optional: ['nextExpectedRanges'] })).toEqual([]);
  });

  it("a name that is taken answers 409 nameAlreadyExists at once (conflictBehavior fail is this action's default)", async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.bin:', 'a');
    const res = await em.graph(`${lib.drive}/root:/a.bin:/createUploadSession`, { method: 'POST', json: {} });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('nameAlreadyExists');
  });

  it('an item name in the body that differs from the path answers 400', async () => {
    const lib = await newLibrary(em);
    const res = await em.graph(`${lib.drive}/root:/a.bin:/createUploadSession`, { method: 'POST', json: { item: { name: 'b.bin' } } });
    expect(res.status).toBe(400);
  });
});

describe('uploading fragments', () => {
  it('fragments answer 202 with the next expected range until the last, which answers 201 with the driveItem', async () => {
    const lib = await newLibrary(em);
    const file = bytes(2 * UNIT + 1000, 3);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/Mappe/big.bin:`);
    const first = await putFragment(uploadUrl, file, 0, UNIT - 1);
    expect(first.status).toBe(202);
    expect((await body<SessionJson>(first)).nextExpectedRanges).toEqual([`${UNIT}-`]);
    const second = await putFragment(uploadUrl, file, UNIT, 2 * UNIT - 1);
    expect(second.status).toBe(202);
    const last = await putFragment(uploadUrl, file, 2 * UNIT, file.length - 1);
    expect(last.status).toBe(201);
    const item = await body<DriveItemJson>(last);
    expect(item).toMatchObject({ name: 'big.bin', size: file.length });
    expect((await download(em, `${lib.drive}/items/${item.id}/content`)).equals(file)).toBe(true);
    // The session ends with the upload.
    expect((await fetch(uploadUrl)).status).toBe(404);
  });

  it('an upload session to an existing file (by id) answers 200 at the end and adds a version', async () => {
    const lib = await newLibrary(em);
    const existing = await upload(em, lib.drive, 'root:/a.bin:', 'old');
    const file = bytes(UNIT + 10);
    const { uploadUrl } = await createSession(em, `${lib.drive}/items/${existing.id}`);
    expect((await putFragment(uploadUrl, file, 0, UNIT - 1)).status).toBe(202);
    const last = await putFragment(uploadUrl, file, UNIT, file.length - 1);
    expect(last.status).toBe(200);
    expect((await body<DriveItemJson>(last)).id).toBe(existing.id);
    const versions = await body<{ value: { id: string }[] }>(await em.graph(`${lib.drive}/items/${existing.id}/versions`));
    expect(versions.value.map((v) => v.id)).toEqual(['2.0', '1.0']);
  });

  it('items/{parent-id}:/{name}:/createUploadSession makes the file in that folder; replace takes over a taken name', async () => {
    const lib = await newLibrary(em);
    const folder = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'Mappe'));
    const old = await upload(em, lib.drive, `items/${folder.id}:/x.bin:`, 'old');
    const { uploadUrl } = await createSession(em, `${lib.drive}/items/${folder.id}:/x.bin:`, { item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    const res = await putFragment(uploadUrl, bytes(10), 0, 9);
    expect(res.status).toBe(200);
    const item = await body<DriveItemJson>(res);
    expect(item.id).toBe(old.id);
    expect(item.parentReference.id).toBe(folder.id);
  });

  it('conflictBehavior rename stores the upload under a free name', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/r.bin:', 'r');
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/r.bin:`, { item: { '@microsoft.graph.conflictBehavior': 'rename' } });
    const res = await putFragment(uploadUrl, bytes(10), 0, 9);
    expect(res.status).toBe(201);
    expect((await body<DriveItemJson>(res)).name).toBe('r 1.bin');
  });

  it('a name taken while uploading answers 409 nameAlreadyExists at the last fragment (conflictBehavior fail)', async () => {
    const lib = await newLibrary(em);
    const file = bytes(UNIT + 5);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/c.bin:`, { item: { '@microsoft.graph.conflictBehavior': 'fail' } });
    expect((await putFragment(uploadUrl, file, 0, UNIT - 1)).status).toBe(202);
    await upload(em, lib.drive, 'root:/c.bin:', 'meanwhile');
    const last = await putFragment(uploadUrl, file, UNIT, file.length - 1);
    expect(last.status).toBe(409);
    expect(await errorCode(last)).toBe('nameAlreadyExists');
    expect((await download(em, `${lib.drive}/root:/c.bin:/content`)).toString()).toBe('meanwhile');
  });

  it('deferCommit: the last fragment answers 202 and an empty POST to the uploadUrl makes the file', async () => {
    const lib = await newLibrary(em);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/d.bin:`, { deferCommit: true });
    const last = await putFragment(uploadUrl, bytes(10), 0, 9);
    expect(last.status).toBe(202);
    expect((await body<SessionJson>(last)).nextExpectedRanges).toEqual([]);
    expect((await em.graph(`${lib.drive}/root:/d.bin`)).status).toBe(404);
    const commit = await fetch(uploadUrl, { method: 'POST' });
    expect(commit.status).toBe(201);
    expect((await body<DriveItemJson>(commit)).size).toBe(10);
  });
});

describe('fragment errors', () => {
  async function started(): Promise<{ uploadUrl: string; file: Buffer }> {
    const lib = await newLibrary(em);
    const file = bytes(3 * UNIT);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/e.bin:`);
    expect((await putFragment(uploadUrl, file, 0, UNIT - 1)).status).toBe(202);
    return { uploadUrl, file };
  }

  it('an overlapping fragment answers 416 invalidRange', async () => {
    const { uploadUrl, file } = await started();
    const res = await putFragment(uploadUrl, file, UNIT - 10, 2 * UNIT - 11);
    expect(res.status).toBe(416);
    const err = await body<{ error: { code: string; message: string; innerError: Json } }>(res);
    expect(err.error.code).toBe('invalidRange');
    expect(err.error.message).toBe('Uploaded fragment overlaps with existing data.');
    expect(err.error.innerError['request-id']).toBeTypeOf('string');
    // Nothing was taken: the session still expects the same range.
    expect((await body<SessionJson>(await fetch(uploadUrl))).nextExpectedRanges).toEqual([`${UNIT}-`]);
  });

  it('an out-of-order fragment answers 416 invalidRange', async () => {
    const { uploadUrl, file } = await started();
    const res = await putFragment(uploadUrl, file, 2 * UNIT, 3 * UNIT - 1);
    expect(res.status).toBe(416);
    expect(await errorCode(res)).toBe('invalidRange');
  });

  it('a fragment without Content-Range answers 400 invalidRequest', async () => {
    const { uploadUrl, file } = await started();
    const res = await fetch(uploadUrl, { method: 'PUT', body: file.subarray(UNIT, 2 * UNIT) });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalidRequest');
  });

  it('a malformed Content-Range, or one whose length differs from the body, answers 400', async () => {
    const { uploadUrl, file } = await started();
    for (const range of [`bytes ${UNIT}-${2 * UNIT - 1}/*`, `${UNIT}-${2 * UNIT - 1}/${file.length}`, `bytes ${UNIT}-${2 * UNIT}/${file.length}`]) {
      const res = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-range': range }, body: file.subarray(UNIT, 2 * UNIT) });
      expect(res.status, range).toBe(400);
    }
  });

  it('a fragment that changes the total size answers 400', async () => {
    const { uploadUrl, file } = await started();
    const res = await putFragment(uploadUrl, file, UNIT, 2 * UNIT - 1, file.length + 1);
    expect(res.status).toBe(400);
  });

  it('a fragment that is not a multiple of 320 KiB, other than the last, answers 400', async () => {
    const { uploadUrl, file } = await started();
    const odd = await putFragment(uploadUrl, file, UNIT, UNIT + 1000);
    expect(odd.status).toBe(400);
    expect((await body<{ error: { message: string } }>(odd)).error.message).toMatch(/320 KiB/);
  });

  it('a fragment of 60 MiB or more answers 413 without being read', async () => {
    const { uploadUrl } = await started();
    const res = await rawRequest(uploadUrl, 'PUT', { 'content-length': String(61 * 1024 * 1024), 'content-range': `bytes ${UNIT}-${UNIT + 61 * 1024 * 1024 - 1}/${200 * 1024 * 1024}` }, 'x');
    expect(res.status).toBe(413);
  });

  it('an unknown upload session answers 404 itemNotFound to GET, PUT and DELETE', async () => {
    const url = `${em.url}/_content/upload/${'x'.repeat(32)}`;
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(url, { method, headers: { 'content-range': 'bytes 0-0/1' }, body: method === 'PUT' ? 'x' : undefined });
      expect(res.status, method).toBe(404);
      expect(await errorCode(res)).toBe('itemNotFound');
    }
  });
});

describe('status, cancel and expiry', () => {
  it('GET on the uploadUrl tells the expiration and the missing range', async () => {
    const lib = await newLibrary(em);
    const file = bytes(2 * UNIT);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/s.bin:`);
    await putFragment(uploadUrl, file, 0, UNIT - 1);
    const res = await fetch(uploadUrl);
    expect(res.status).toBe(200);
    const status = await body<SessionJson>(res);
    expect(status.nextExpectedRanges).toEqual([`${UNIT}-`]);
    expect(Date.parse(status.expirationDateTime)).toBeGreaterThan(Date.now());
  });

  it('DELETE on the uploadUrl answers 204 and the session is gone', async () => {
    const lib = await newLibrary(em);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/x.bin:`);
    const res = await fetch(uploadUrl, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await fetch(uploadUrl)).status).toBe(404);
    expect((await em.graph(`${lib.drive}/root:/x.bin`)).status).toBe(404);
  });

  it('a session expires 15 minutes after its last fragment and then answers 404', async () => {
    const lib = await newLibrary(em);
    const file = bytes(2 * UNIT);
    const { uploadUrl } = await createSession(em, `${lib.drive}/root:/t.bin:`);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    expect((await putFragment(uploadUrl, file, 0, UNIT - 1)).status).toBe(202);
    // Ten more minutes: within 15 of the last fragment, though 20 after the session began.
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    expect((await fetch(uploadUrl)).status).toBe(200);
    vi.setSystemTime(Date.now() + 16 * 60 * 1000);
    expect((await fetch(uploadUrl)).status).toBe(404);
  });
});

describe('resuming after a restart', () => {
  it('a half-finished upload session resumes after the emulator restarts on the same dataDir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'varde-upload-'));
    try {
      const file = bytes(2 * UNIT + 77, 9);
      let first: TestEmulator | undefined = await startTestEmulator({ dataDir });
      const lib = await newLibrary(first);
      const session = await createSession(first, `${lib.drive}/root:/resume.bin:`);
      expect((await putFragment(session.uploadUrl, file, 0, UNIT - 1)).status).toBe(202);
      await first.close();
      first = undefined;

      const second = await startTestEmulator({ dataDir });
      try {
        // Same upload path; the port of the new process differs.
        const uploadUrl = `${second.url}${new URL(session.uploadUrl).pathname}`;
        const status = await body<SessionJson>(await fetch(uploadUrl));
        expect(status.nextExpectedRanges).toEqual([`${UNIT}-`]);
        expect((await putFragment(uploadUrl, file, UNIT, 2 * UNIT - 1)).status).toBe(202);
        const last = await putFragment(uploadUrl, file, 2 * UNIT, file.length - 1);
        expect(last.status).toBe(201);
        const item = await body<DriveItemJson>(last);
        expect((await download(second, `${lib.drive}/items/${item.id}/content`)).equals(file)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
