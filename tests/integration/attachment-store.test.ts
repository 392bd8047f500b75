// The attachment libraries over real HTTP against the emulator: simple uploads and upload sessions (several fragments,
// one lost on the way), the CaseId link, safe repeats, listing and reading only a case's own files, and refusals.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentRejected } from '../../src/app/ports/index.js';
import { SharePointAttachmentStore } from '../../src/sharepoint/repositories/attachment-store.js';
import { ListDirectory } from '../../src/sharepoint/repositories/index.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { type VardeSite, provisionedSite } from '../support/varde-site.js';

let em: TestEmulator;
let site: VardeSite;
const fragmentPuts: { range: string; failed: boolean }[] = [];
let loseFragment: number | null = null;

/** The session's fragments go through this fetch: it can lose one on the way (the connection drops after sending). */
const flakyFetch = async (url: string, init: RequestInit) => {
  if (init.method === 'PUT') {
    const n = fragmentPuts.length;
    const range = new Headers(init.headers).get('content-range') ?? '';
    if (n === loseFragment) {
      fragmentPuts.push({ range, failed: true });
      // The bytes reach the server, the answer never comes back.
      await fetch(url, init);
      throw new TypeError('fetch failed');
    }
    fragmentPuts.push({ range, failed: false });
  }
  return fetch(url, init);
};

let store: SharePointAttachmentStore;

beforeAll(async () => {
  em = await startTestEmulator();
  site = await provisionedSite(em);
  // Small limits, so that a file of a few hundred kB takes the session path in several fragments.
  store = new SharePointAttachmentStore(site.client, new ListDirectory(site.client, site.siteIds), { fetch: flakyFetch, simpleUploadMaxBytes: 100_000, fragmentBytes: 320 * 1024 });
});

afterAll(async () => {
  await em.close();
});

const bytes = (size: number, seed: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + seed) % 256);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const target = (caseId: string, caseNumber: string, route: 'ordinary' | 'confidential' = 'ordinary') => ({ caseId, caseNumber, route });

describe('saving', () => {
  it('a small file: one PUT into the case number’s folder, linked by CaseId, read back byte for byte', async () => {
    const file = bytes(5_000, 1);
    const saved = await store.save(target('case-1', 'AV-2026-00001'), { name: 'bilde.jpg', contentType: 'image/jpeg', bytes: file });
    expect(saved).toMatchObject({ name: 'bilde.jpg', size: 5_000 });
    expect(saved.webUrl).toContain('/Vedlegg/AV-2026-00001/bilde.jpg');
    const read = await store.read('case-1', 'ordinary', saved.id);
    expect(sha(read?.bytes ?? new Uint8Array())).toBe(sha(file));
  });

  it('a large file: an upload session in fragments, resumed where the session stands after one is lost', async () => {
    fragmentPuts.length = 0;
    loseFragment = 1;
    const file = bytes(1_000_000, 2);
    const saved = await store.save(target('case-2', 'AV-2026-00002'), { name: 'rapport.pdf', contentType: 'application/pdf', bytes: file });
    loseFragment = null;
    expect(fragmentPuts.filter((f) => !f.failed).length).toBeGreaterThanOrEqual(3);
    expect(fragmentPuts[1]?.failed).toBe(true);
    // After the lost fragment (which landed), the next PUT starts where the session says: not the same range again.
    expect(fragmentPuts[2]?.range).not.toBe(fragmentPuts[1]?.range);
    const read = await store.read('case-2', 'ordinary', saved.id);
    expect(read?.bytes.length).toBe(file.length);
    expect(sha(read?.bytes ?? new Uint8Array())).toBe(sha(file));
  });

  it('a repeat (a retry after a lost answer) leaves one file, with the latest bytes', async () => {
    await store.save(target('case-3', 'AV-2026-00003'), { name: 'notat.txt', contentType: 'text/plain', bytes: bytes(10, 3) });
    await store.save(target('case-3', 'AV-2026-00003'), { name: 'notat.txt', contentType: 'text/plain', bytes: bytes(12, 4) });
    const listed = await store.list('case-3');
    expect(listed.map((f) => [f.name, f.size])).toEqual([['notat.txt', 12]]);
  });

  it('names SharePoint would refuse are made safe', async () => {
    const saved = await store.save(target('case-4', 'AV-2026-00004'), { name: 'Rom 12: fall?.jpg', contentType: 'image/jpeg', bytes: bytes(10, 5) });
    expect(saved.name).toBe('Rom 12_ fall_.jpg');
  });

  it('a whistleblowing report’s file goes to the confidential site’s library, never the quality site’s', async () => {
    const saved = await store.save(target('case-5', 'VA-2026-00001', 'confidential'), { name: 'bevis.pdf', contentType: 'application/pdf', bytes: bytes(100, 6) });
    expect(saved.webUrl).toContain('/Varslingsvedlegg/VA-2026-00001/');
    expect((await store.list('case-5', 'confidential')).map((f) => f.name)).toEqual(['bevis.pdf']);
    expect(await store.list('case-5', 'ordinary')).toEqual([]);
    expect(await store.read('case-5', 'ordinary', saved.id)).toBeNull();
  });

  it('refuses an empty file for good, and bad case references before any request', async () => {
    await expect(store.save(target('case-6', 'AV-2026-00006'), { name: 'tom.txt', contentType: 'text/plain', bytes: new Uint8Array() })).rejects.toBeInstanceOf(AttachmentRejected);
    await expect(store.save(target("x' or 1 eq 1", 'AV-2026-00006'), { name: 'a.txt', contentType: 'text/plain', bytes: bytes(1, 1) })).rejects.toThrow();
    await expect(store.save(target('case-6', '../../x'), { name: 'a.txt', contentType: 'text/plain', bytes: bytes(1, 1) })).rejects.toThrow();
  });
});

describe('listing and reading', () => {
  it('lists only the case’s own files, and reads a file only for its own case', async () => {
    const a = await store.save(target('case-7', 'AV-2026-00007'), { name: 'a.pdf', contentType: 'application/pdf', bytes: bytes(10, 7) });
    await store.save(target('case-8', 'AV-2026-00008'), { name: 'b.pdf', contentType: 'application/pdf', bytes: bytes(10, 8) });
    expect((await store.list('case-7')).map((f) => f.name)).toEqual(['a.pdf']);
    expect(await store.read('case-8', 'ordinary', a.id)).toBeNull();
    expect(await store.read('case-7', 'ordinary', 'no-such-item')).toBeNull();
    expect(await store.read('case-7', 'ordinary', '../../sites')).toBeNull();
    expect(await store.list("case-7' or CaseId ne '")).toEqual([]);
  });
});
