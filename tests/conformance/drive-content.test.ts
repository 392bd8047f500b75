// Conformance: simple upload (PUT …/content) and download (GET …/content, the pre-authenticated URL, byte ranges, expiry), and how contents are stored.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type DriveItemJson, body, bytes, download, errorCode, newFolder, newLibrary, rawRequest, upload } from './drive-support.js';

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

describe('simple upload', () => {
  it('simple upload of a new file answers 201 with a driveItem', async () => {
    const lib = await newLibrary(em);
    const res = await em.graph(`${lib.drive}/root:/FolderA/FileB.txt:/content`, { method: 'PUT', body: 'The contents of the file goes here.', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    const item = await body<DriveItemJson>(res);
    expect(item).toMatchObject({ name: 'FileB.txt', size: 35, file: { mimeType: 'text/plain' } });
    expect(item.id).toMatch(/^01[A-Z2-7]{32}$/);
  });

  it('simple upload to an existing file answers 200 with the same item and a new cTag', async () => {
    const lib = await newLibrary(em);
    const first = await upload(em, lib.drive, 'root:/a.txt:', 'one');
    const second = await upload(em, lib.drive, `items/${first.id}`, 'two!', 200);
    expect(second.id).toBe(first.id);
    expect(second.size).toBe(4);
    expect(second.cTag).not.toBe(first.cTag);
    expect(second.eTag).not.toBe(first.eTag);
    const byPath = await upload(em, lib.drive, 'root:/A.TXT:', 'three', 200);
    expect(byPath.id).toBe(first.id);
    expect(byPath.name).toBe('a.txt');
  });

  it('upload by path creates the missing folders on the way', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/2026/Mars/Referat.txt:', 'x');
    const mars = await body<DriveItemJson>(await em.graph(`${lib.drive}/root:/2026/Mars`));
    expect(mars.folder).toEqual({ childCount: 1 });
  });

  it('upload to items/{parent-id}:/{name}: creates the file in that folder', async () => {
    const lib = await newLibrary(em);
    const folder = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'Mappe'));
    const file = await upload(em, lib.drive, `items/${folder.id}:/notat.txt:`, 'x');
    expect(file.parentReference.id).toBe(folder.id);
  });

  it('@microsoft.graph.conflictBehavior=fail answers 409 nameAlreadyExists for a taken name; rename keeps both', async () => {
    const lib = await newLibrary(em);
    await upload(em, lib.drive, 'root:/a.txt:', 'a');
    const res = await em.graph(`${lib.drive}/root:/a.txt:/content?@microsoft.graph.conflictBehavior=fail`, { method: 'PUT', body: 'b' });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('nameAlreadyExists');
    const renamed = await upload(em, lib.drive, 'root:/a.txt:', 'c', 201, '?@microsoft.graph.conflictBehavior=rename');
    expect(renamed.name).toBe('a 1.txt');
  });

  it('content cannot be uploaded onto a folder: 400 by id, 409 by path', async () => {
    const lib = await newLibrary(em);
    const folder = await body<DriveItemJson>(await newFolder(em, lib.drive, 'root', 'F'));
    expect((await em.graph(`${lib.drive}/items/${folder.id}/content`, { method: 'PUT', body: 'x' })).status).toBe(400);
    expect((await em.graph(`${lib.drive}/root:/F:/content`, { method: 'PUT', body: 'x' })).status).toBe(409);
  });

  it('an empty file can be uploaded', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/empty.txt:', '');
    expect(file.size).toBe(0);
    expect((await download(em, `${lib.drive}/items/${file.id}/content`)).length).toBe(0);
  });

  it('a body over 250 MB answers 413 without being read', async () => {
    const lib = await newLibrary(em);
    const res = await rawRequest(`${em.graphUrl}${lib.drive}/root:/huge.bin:/content`, 'PUT', {
      authorization: 'Bearer t',
      'content-length': String(250 * 1024 * 1024 + 1),
    }, 'x');
    expect(res.status).toBe(413);
    expect((await em.graph(`${lib.drive}/root:/huge.bin`)).status).toBe(404);
  });

  it('If-Match on an upload to a path where nothing exists answers 412', async () => {
    const lib = await newLibrary(em);
    const res = await em.graph(`${lib.drive}/root:/new.txt:/content`, { method: 'PUT', body: 'x', headers: { 'if-match': '"{00000000-0000-0000-0000-000000000000},1"' } });
    expect(res.status).toBe(412);
  });
});

describe('download', () => {
  it('GET …/content answers 302 with a Location on the emulator, served without a bearer token', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'hello world');
    const res = await em.graph(`${lib.drive}/items/${file.id}/content`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${em.url}/_content/download/`));
    const got = await fetch(location);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(got.headers.get('accept-ranges')).toBe('bytes');
    expect(await got.text()).toBe('hello world');
  });

  it('the download URL serves a byte range with 206 and Content-Range', async () => {
    const lib = await newLibrary(em);
    const content = bytes(2048);
    const file = await upload(em, lib.drive, 'root:/a.bin:', content);
    const url = file['@microsoft.graph.downloadUrl'] ?? '';
    for (const [range, start, end] of [['bytes=0-1023', 0, 1023], ['bytes=2000-', 2000, 2047], ['bytes=-48', 2000, 2047], ['bytes=2040-9999', 2040, 2047]] as const) {
      const res = await fetch(url, { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/2048`);
      expect(Buffer.from(await res.arrayBuffer()).equals(content.subarray(start, end + 1))).toBe(true);
    }
  });

  it('a range that starts past the end answers 416 with Content-Range bytes */size', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.bin:', bytes(100));
    const res = await fetch(file['@microsoft.graph.downloadUrl'] ?? '', { headers: { range: 'bytes=100-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */100');
  });

  it('a download URL expires after an hour: 401', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'x');
    const url = file['@microsoft.graph.downloadUrl'] ?? '';
    expect((await fetch(url)).status).toBe(200);
    // The emulator runs in this process, so moving the clock moves its clock too.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60 * 1000);
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('-2147024891, System.UnauthorizedAccessException');
  });

  it('a download URL whose token was altered answers 401', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'x');
    const url = file['@microsoft.graph.downloadUrl'] ?? '';
    const altered = url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(altered)).status).toBe(401);
  });

  it('a download URL keeps serving the content it was handed out for', async () => {
    const lib = await newLibrary(em);
    const file = await upload(em, lib.drive, 'root:/a.txt:', 'first');
    await upload(em, lib.drive, `items/${file.id}`, 'second', 200);
    expect(await (await fetch(file['@microsoft.graph.downloadUrl'] ?? '')).text()).toBe('first');
    expect((await download(em, `${lib.drive}/items/${file.id}/content`)).toString()).toBe('second');
  });

  it('GET …/content of a folder answers 404 itemNotFound', async () => {
    const lib = await newLibrary(em);
    await newFolder(em, lib.drive, 'root', 'F');
    const res = await em.graph(`${lib.drive}/root:/F:/content`, { redirect: 'manual' });
    expect(res.status).toBe(404);
  });
});

describe('storage of contents', () => {
  it('the same content is stored once, no temp file is left, and it is deleted when no version refers to it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'varde-blobs-'));
    const own = await startTestEmulator({ dataDir });
    try {
      const lib = await newLibrary(own);
      const blobFiles = () =>
        readdirSync(join(dataDir, 'blobs'), { withFileTypes: true })
          .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
          .flatMap((d) => readdirSync(join(dataDir, 'blobs', d.name)));
      const a = await upload(own, lib.drive, 'root:/a.bin:', bytes(5000, 7));
      const b = await upload(own, lib.drive, 'root:/copy/b.bin:', bytes(5000, 7));
      expect(blobFiles()).toHaveLength(1);
      expect(readdirSync(join(dataDir, 'blobs', 'tmp'))).toEqual([]);
      expect((await own.graph(`${lib.drive}/items/${a.id}`, { method: 'DELETE' })).status).toBe(204);
      expect(blobFiles()).toHaveLength(1);
      expect((await download(own, `${lib.drive}/items/${b.id}/content`)).equals(bytes(5000, 7))).toBe(true);
      expect((await own.graph(`${lib.drive}/items/${b.id}`, { method: 'DELETE' })).status).toBe(204);
      expect(blobFiles()).toHaveLength(0);
    } finally {
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('what a crash leaves behind (temp files, blobs without a row, parts without a session) is cleared at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'varde-crash-blobs-'));
    try {
      let own = await startTestEmulator({ dataDir });
      const lib = await newLibrary(own);
      const file = await upload(own, lib.drive, 'root:/keep.bin:', bytes(300, 4));
      await own.close();
      const orphan = join(dataDir, 'blobs', 'ab', 'ab'.padEnd(64, '0'));
      mkdirSync(join(dataDir, 'blobs', 'ab'), { recursive: true });
      writeFileSync(orphan, 'stored, but the row never committed');
      writeFileSync(join(dataDir, 'blobs', 'tmp', 'half-written'), 'x');
      mkdirSync(join(dataDir, 'blobs', 'uploads'), { recursive: true });
      writeFileSync(join(dataDir, 'blobs', 'uploads', `${'z'.repeat(32)}.part`), 'x');
      own = await startTestEmulator({ dataDir });
      try {
        expect(existsSync(orphan)).toBe(false);
        expect(existsSync(join(dataDir, 'blobs', 'tmp', 'half-written'))).toBe(false);
        expect(readdirSync(join(dataDir, 'blobs', 'uploads'))).toEqual([]);
        expect((await download(own, `${lib.drive}/items/${file.id}/content`)).equals(bytes(300, 4))).toBe(true);
      } finally {
        await own.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
