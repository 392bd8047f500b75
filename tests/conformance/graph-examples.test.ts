// Conformance: replays Microsoft's own Graph docs examples (../shared/graph/graph-examples.json) against the emulator and checks status, headers and shape.
//
// Each replayed example is one `it('#<index> <title>')`: it creates the state the example assumes through the
// emulator's real API, sends the example's request with the placeholders replaced by the ids it created, and
// compares the answer with the docs' response: the status, the headers that matter, and the body's shape
// (property names and JSON types, recursively; never ids, dates or other values). A truncated example is checked
// only for the properties it shows. Examples outside the emulated subset are listed, with the reason, in
// OUT-OF-SCOPE.md; the last test keeps that list and this file in step with the examples file.
//
// Where a test departs from the example on purpose it says why in a comment beside it (and OUT-OF-SCOPE.md lists
// those departures too). A difference that looks like an emulator bug is left failing, never loosened here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { EXAMPLES_FILE, type Example, emulatorPath, examplesPresent, hasFlag, loadExamples, outOfScopeIndexes } from './examples/catalog.js';
import { Fixtures, type Json, bytes, putFragment } from './examples/fixtures.js';
import { type ShapeOptions, compareShape, parseLenient } from './examples/shape.js';

const present = examplesPresent();
const examples: Example[] = present ? loadExamples() : [];

let em: TestEmulator;
let fx: Fixtures;

// --- sending an example and checking the answer ----------------------------------------------------------------

interface Sent {
  res: Response;
  text: string;
  json: unknown;
}

interface SendOptions {
  /** Replaces the example's body (e.g. real bytes for `<bytes 0-25 of the file>`). */
  body?: string | Buffer | Json | null;
  /** A URL the test got from setup (an upload session's uploadUrl, a Location), sent without a bearer token. */
  absoluteUrl?: string;
  headers?: Record<string, string>;
}

function example(index: number): Example {
  const ex = examples[index];
  if (!ex) throw new Error(`no example #${index}`);
  return ex;
}

/** Sends the example's request with `ids` substituted; redirects are not followed so that a 302 can be checked. */
async function send(ex: Example, ids: Record<string, string>, options: SendOptions = {}): Promise<Sent> {
  const req = ex.request;
  if (!req) throw new Error(`example #${ex.index} has no request`);
  const headers = new Headers();
  for (const [k, v] of Object.entries({ ...req.headers, ...options.headers })) {
    // Content-Length is fetch's to set; a header whose value is a placeholder is the test's to supply.
    if (k.toLowerCase() === 'content-length' || /[{}]/.test(v)) continue;
    headers.set(k, v);
  }
  const raw = 'body' in options ? options.body : req.body;
  const body = raw === null || raw === undefined ? undefined : typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : JSON.stringify(raw);
  let res: Response;
  if (options.absoluteUrl) {
    // Upload URLs and download URLs are pre-authenticated: Graph's docs say not to send the bearer token to them.
    res = await fetch(options.absoluteUrl, { method: req.method, headers, body, redirect: 'manual' });
  } else {
    res = await em.graph(emulatorPath(req.url, ids), { method: req.method, headers, body, redirect: 'manual' });
  }
  const text = await res.text();
  let json: unknown;
  if (/^application\/json/i.test(res.headers.get('content-type') ?? '') && text !== '') json = JSON.parse(text);
  return { res, text, json };
}

function shapeOptions(ex: Example): ShapeOptions {
  const response = ex.response;
  const partial =
    !response ||
    response.truncated ||
    hasFlag(ex, 'truncated_per_doc_annotation') ||
    hasFlag(ex, 'response_body_contains_ellipsis') ||
    hasFlag(ex, 'doc_block_marked_ignored') ||
    hasFlag(ex, 'response_shared_across_examples');
  const optional = ex.doc_annotations?.response?.optionalProperties;
  return { exact: !partial, optional: Array.isArray(optional) ? (optional as string[]) : undefined, appOnly: true };
}

/** The example's response body as JSON; the docs' near-JSON (trailing commas) parsed leniently. */
function exampleBody(ex: Example): unknown {
  const response = ex.response;
  if (!response) return undefined;
  if (response.body_kind === 'json') return response.body;
  if (response.body_kind === 'json-invalid') {
    const parsed = parseLenient(String(response.body));
    if (parsed === undefined) throw new Error(`example #${ex.index}: the response body does not parse even leniently`);
    return parsed;
  }
  return undefined;
}

interface CheckOptions {
  /** The status to expect when the example shows none, or where the docs are known to be wrong (commented at the call). */
  status?: number;
  /** The body to compare with, where the example's own cannot serve as it stands (commented at the call). */
  expected?: unknown;
}

/** Checks status, the headers that matter and the body's shape against the example's response. */
function check(ex: Example, sent: Sent, options: CheckOptions = {}): void {
  const response = ex.response;
  if (!response) throw new Error(`example #${ex.index} has no response`);
  const status = options.status ?? response.status;
  if (status === null || status === undefined) throw new Error(`example #${ex.index} shows no status; the test must give one`);
  expect(sent.res.status, sent.text).toBe(status);

  // Headers: every one the example shows is there (Location, Retry-After, Content-Range, …); the media type of
  // Content-Type is the example's (JSON with whatever OData parameters); Content-Length is the transport's business.
  for (const [name, value] of Object.entries(response.headers)) {
    const actual = sent.res.headers.get(name);
    if (name.toLowerCase() === 'content-length') continue;
    expect(actual, `header ${name}`).not.toBeNull();
    if (name.toLowerCase() === 'content-type') expect(actual?.split(';')[0]?.trim().toLowerCase(), name).toBe(value.split(';')[0]?.trim().toLowerCase());
  }
  const expected = options.expected ?? exampleBody(ex);
  if (expected !== undefined) {
    expect(sent.res.headers.get('content-type'), 'Content-Type').toMatch(/^application\/json\b/i);
    expect(compareShape(expected, sent.json, shapeOptions(ex))).toEqual([]);
  }
  if (status === 204) expect(sent.text, 'a 204 has no body').toBe('');
  if (status === 302) {
    const location = sent.res.headers.get('location');
    expect(location, 'Location').toBeTruthy();
    // Graph sends a pre-authenticated URL on its own download host; the emulator must send one that it serves.
    expect(new URL(location ?? '', em.url).origin).toBe(em.url);
  }
  if (status === 429 || status === 503) expect(sent.res.headers.get('retry-after'), 'Retry-After in seconds').toMatch(/^\d+(\.\d+)?$/);
}

/** Sends and checks in one go, for the examples that need nothing else. */
async function replay(index: number, ids: Record<string, string>, options: SendOptions & CheckOptions = {}): Promise<Sent> {
  const ex = example(index);
  const sent = await send(ex, ids, options);
  check(ex, sent, options);
  return sent;
}

// --- shared setups ----------------------------------------------------------------------------------------------

async function inventorySite() {
  const site = await fx.site();
  const inv = await fx.inventory(site.id);
  return { siteId: site.id, ...inv, ids: { '{site-id}': site.id, '{list-id}': inv.listId, '{item-id}': inv.itemIds[1] ?? '' } };
}

/** A site whose default library holds a file with three versions (16, 62 and 123 bytes, as in the docs). */
async function fileWithVersions() {
  const site = await fx.site();
  const driveId = await fx.driveId(site.id);
  const first = await fx.putFile(site.id, 'Report.docx', bytes(16, 1));
  await fx.putFile(site.id, 'Report.docx', bytes(62, 2), 200);
  await fx.putFile(site.id, 'Report.docx', bytes(123, 3), 200);
  return { siteId: site.id, driveId, itemId: first.id, ids: { '{site-id}': site.id, '{drive-id}': driveId, '{item-id}': first.id } };
}

/** The docs' children listing: a file, two folders and a spreadsheet, and enough more to need a second page. */
async function driveWithChildren(siteId: string, parentPath: string, parentId: string): Promise<void> {
  const prefix = parentPath === '' ? '' : `${parentPath}/`;
  await fx.putFile(siteId, `${prefix}myfile.jpg`, bytes(2048));
  await fx.putFile(siteId, `${prefix}my sheet(1).xlsx`, bytes(197));
  const documents = await fx.createFolder(siteId, parentId, 'Documents');
  for (let i = 0; i < 4; i++) await fx.putFile(siteId, `${prefix}Documents/doc${i}.txt`, `doc ${i}`);
  await fx.createFolder(siteId, parentId, 'Photos');
  expect(documents.id).toBeTruthy();
  // Graph pages children by 200: the examples show an @odata.nextLink, so the folder gets more than a page.
  for (let i = 0; i < 200; i++) await fx.putFile(siteId, `${prefix}filler${String(i).padStart(3, '0')}.txt`, `filler ${i}`);
}

/** Where the docs' example list item delta lives: a site and list id written literally in the URL. */
const DOCS_SITE_ID = 'contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE';
const DOCS_LIST_ID = '22e03ef3-6ef4-424d-a1d3-92a337807c30';
const DOCS_DELTA_TOKEN = '1230919asd190410jlka';

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

// --- the replays ------------------------------------------------------------------------------------------------

const REPLAYED: Record<number, () => Promise<void>> = {
  // Delete columnDefinition (from a content type)
  0: async () => {
    const site = await fx.site();
    const { contentTypeId, columnId } = await fx.contentTypeWithColumn(site.id);
    const ids = { '{site-id}': site.id, '{contentType-id}': contentTypeId, '{column-id}': columnId };
    await replay(0, ids);
    await fx.call('GET', `/sites/${site.id}/contentTypes/${contentTypeId}/columns/${columnId}`, 404);
  },

  // Get columnDefinition (of a content type)
  1: async () => {
    const site = await fx.site();
    const { contentTypeId, columnId } = await fx.contentTypeWithColumn(site.id);
    await replay(1, { '{site-id}': site.id, '{contentType-id}': contentTypeId, '{column-id}': columnId });
  },

  // Update columnDefinition (of a content type): the body sends required, hidden and propagateChanges.
  2: async () => {
    const site = await fx.site();
    const { contentTypeId, columnId } = await fx.contentTypeWithColumn(site.id);
    const sent = await replay(2, { '{site-id}': site.id, '{contentType-id}': contentTypeId, '{column-id}': columnId });
    expect((sent.json as Json).required).toBe(true);
  },

  // Create an upload session (by path in the site's default library).
  3: async () => {
    const site = await fx.site();
    const sent = await replay(3, { '{site-id}': site.id, '{item-path}': 'largefile.dat' });
    const uploadUrl = String((sent.json as Json).uploadUrl);
    // The docs' uploadUrl is on Graph's upload host; the emulator's must be one it serves itself.
    expect(new URL(uploadUrl).origin).toBe(em.url);
  },

  // Upload bytes 0-25 of a 128-byte file.
  4: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    const sent = await send(example(4), {}, { absoluteUrl: uploadUrl, body: file.subarray(0, 26), headers: { 'Content-Range': 'bytes 0-25/128' } });
    check(example(4), sent);
    expect((sent.json as Json).nextExpectedRanges).toEqual(['26-']);
  },

  // A 202 for a fragment, response only (an ignored block whose nextExpectedRanges shows gaps). SharePoint takes
  // fragments in order, so the test sends two in order and checks the answer's shape.
  5: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    expect((await putFragment(uploadUrl, file, 0, 25)).status).toBe(202);
    const res = await putFragment(uploadUrl, file, 26, 63);
    const text = await res.text();
    check(example(5), { res, text, json: JSON.parse(text) });
  },

  // Completing a file: the final fragment answers 201 with the driveItem.
  6: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    expect((await putFragment(uploadUrl, file, 0, 100)).status).toBe(202);
    const sent = await send(example(6), {}, { absoluteUrl: uploadUrl, body: file.subarray(101, 128), headers: { 'Content-Range': 'bytes 101-127/128' } });
    check(example(6), sent);
    const item = sent.json as { id: string; size: number };
    expect(item.size).toBe(128);
    const content = await em.graph(`/sites/${site.id}/drive/items/${item.id}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(file)).toBe(true);
  },

  // Completing a file with deferCommit: after the last fragment, POST to the upload URL with no content.
  7: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd', {}, { deferCommit: true });
    expect((await putFragment(uploadUrl, file, 0, 127)).status).toBe(202);
    // Nothing is there until the commit.
    await fx.call('GET', `/sites/${site.id}/drive/root:/largefile.vhd`, 404);
    const sent = await send(example(7), {}, { absoluteUrl: uploadUrl, body: null });
    check(example(7), sent);
    expect((sent.json as { size: number }).size).toBe(128);
  },

  // Handling upload conflicts: a file of the same name appears during the session; the last fragment answers 409.
  8: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd', { '@microsoft.graph.conflictBehavior': 'fail' });
    expect((await putFragment(uploadUrl, file, 0, 63)).status).toBe(202);
    await fx.putFile(site.id, 'largefile.vhd', 'created meanwhile');
    const res = await putFragment(uploadUrl, file, 64, 127);
    const text = await res.text();
    check(example(8), { res, text, json: /^application\/json/i.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined });
  },

  // Cancel the upload session: 204, and the session is gone.
  9: async () => {
    const site = await fx.site();
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    await replay(9, {}, { absoluteUrl: uploadUrl });
    expect((await fetch(uploadUrl)).status).toBe(404);
  },

  // Resuming an in-progress upload: GET on the upload URL tells what is missing.
  10: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    expect((await putFragment(uploadUrl, file, 0, 25)).status).toBe(202);
    const sent = await replay(10, {}, { absoluteUrl: uploadUrl });
    expect((sent.json as Json).nextExpectedRanges).toEqual(['26-']);
  },

  // Listing versions of a DriveItem.
  16: async () => {
    const { ids } = await fileWithVersions();
    const sent = await replay(16, ids);
    expect((sent.json as { value: unknown[] }).value).toHaveLength(3);
  },

  // Upload a new file by path; the missing folder FolderA is created on the way.
  17: async () => {
    const site = await fx.site();
    await replay(17, { '{site-id}': site.id });
    const folder = await fx.call<Json>('GET', `/sites/${site.id}/drive/root:/FolderA`, 200);
    expect(folder.folder).toBeTypeOf('object');
  },

  // Update an existing file's content by id. The docs show 201 Created here, but Graph answers 200 OK when it
  // replaces an existing file (microsoftgraph/microsoft-graph-docs#3673, PR #2960: "200 OK not 201 CREATED").
  18: async () => {
    const site = await fx.site();
    const existing = await fx.putFile(site.id, 'FileB.txt', 'old contents');
    await replay(18, { '{site-id}': site.id, '{item-id}': existing.id }, { status: 200 });
  },

  // Graph's error body, shown for invalidRange (416): a fragment that overlaps what the session already has.
  // The block is marked ignored and spells the request id `requestId`; Graph's real errors (and the throttling
  // example, #39) spell it `request-id`, so the shape is checked with that spelling.
  19: async () => {
    const site = await fx.site();
    const file = bytes(128);
    const uploadUrl = await fx.uploadSession(site.id, 'largefile.vhd');
    expect((await putFragment(uploadUrl, file, 0, 25)).status).toBe(202);
    const res = await putFragment(uploadUrl, file, 10, 40);
    const text = await res.text();
    const expected = { error: { code: 'invalidRange', message: '', innerError: { 'request-id': '', date: '' } } };
    check(example(19), { res, text, json: JSON.parse(text) }, { status: 416, expected });
    expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe('invalidRange');
  },

  // JSON batching: the docs' first batch, with its five requests mapped onto the emulated subset (see batchOf20).
  20: async () => {
    await batch20();
  },

  // JSON batching with dependsOn: the docs' chain 1 ← 2 ← 4 ← 3, with real requests in place of "...".
  21: async () => {
    await batch21();
  },

  // Create a new list (Books with Author and PageCount), verbatim.
  22: async () => {
    const site = await fx.site();
    await replay(22, { '{site-id}': site.id });
  },

  // Get metadata for a list by id.
  23: async () => {
    const { ids } = await inventorySite();
    await replay(23, ids);
  },

  // Get metadata for a list by its title.
  24: async () => {
    const { ids } = await inventorySite();
    await replay(24, { ...ids, '{list-title}': 'Inventory' });
  },

  // Get a list with select and expand of columns and items (without $, as the docs write it).
  25: async () => {
    const { ids } = await inventorySite();
    await replay(25, ids);
  },

  // List columnDefinitions in a list.
  26: async () => {
    const site = await fx.site();
    const list = await fx.call<{ id: string }>('POST', `/sites/${site.id}/lists`, 201, { displayName: 'Contacts', columns: [{ name: 'Address', text: {} }] });
    await replay(26, { '{site-id}': site.id, '{list-id}': list.id });
  },

  // Enumerate lists in a site: the default Documents library and a generic list.
  27: async () => {
    const site = await fx.site();
    await fx.driveId(site.id);
    await fx.call('POST', `/sites/${site.id}/lists`, 201, { displayName: 'MicroFeed', list: { template: 'genericList' } });
    const sent = await replay(27, { '{site-id}': site.id });
    const templates = (sent.json as { value: { list: { template: string } }[] }).value.map((l) => l.list.template);
    expect(templates).toEqual(expect.arrayContaining(['documentLibrary', 'genericList']));
  },

  // Create a columnDefinition in a list, verbatim (a text column named Title).
  28: async () => {
    const site = await fx.site();
    const list = await fx.call<{ id: string }>('POST', `/sites/${site.id}/lists`, 201, { displayName: 'Columns', list: { template: 'genericList' } });
    await replay(28, { '{site-id}': site.id, '{list-id}': list.id });
  },

  // Create a new item in a list (Title, Color, Weight).
  29: async () => {
    const { ids } = await inventorySite();
    await replay(29, ids);
  },

  // Delete an item from a list: 204, and the item is gone.
  30: async () => {
    const { siteId, listId, ids } = await inventorySite();
    await replay(30, ids);
    await fx.call('GET', `/sites/${siteId}/lists/${listId}/items/${ids['{item-id}']}`, 404);
  },

  // listItem delta, initial request, on a document library: more than a page of items, so the answer carries an @odata.nextLink.
  31: async () => {
    const { siteId, listId, folderId } = await deltaLibrary();
    const sent = await replay(31, { [DOCS_SITE_ID]: siteId, [DOCS_LIST_ID]: listId });
    const page = sent.json as { value: { id: string; contentType?: { name: string } }[]; '@odata.nextLink'?: string };
    expect(page['@odata.nextLink']).toMatch(/\/items\/delta\?(.*&)?token=/);
    // Beyond shape: the docs' folder is an item of content type Folder, its files of Document. A library's folders
    // and files differ by content type, which is how a listItem tells them apart without expanding driveItem.
    const folderItem = await fx.call<{ id: string }>('GET', `/sites/${siteId}/drive/items/${folderId}/listItem`, 200);
    expect(page.value.find((i) => i.id === folderItem.id)?.contentType?.name, 'content type of the folder TestFolder').toBe('Folder');
  },

  // listItem delta, last page: after the first round, the folder is renamed and a file deleted; following the
  // deltaLink (the example's `token=`) answers both, the deleted one with the `deleted` facet, and a new deltaLink.
  32: async () => {
    const { siteId, listId, folderId, fileBId } = await deltaLibrary(0);
    let link = `/sites/${siteId}/lists/${listId}/items/delta`;
    for (;;) {
      const page = await fx.call<{ '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>('GET', link, 200);
      if (page['@odata.deltaLink']) {
        link = page['@odata.deltaLink'];
        break;
      }
      link = page['@odata.nextLink'] ?? '';
    }
    await fx.call('PATCH', `/sites/${siteId}/drive/items/${folderId}`, 200, { name: 'TestFolder2' });
    await fx.call('DELETE', `/sites/${siteId}/drive/items/${fileBId}`, 204);
    const sent = await replay(32, { [DOCS_SITE_ID]: siteId, [DOCS_LIST_ID]: listId, [DOCS_DELTA_TOKEN]: tokenOf(link) });
    expect((sent.json as { '@odata.deltaLink'?: string })['@odata.deltaLink']).toMatch(/\/items\/delta\?(.*&)?token=/);
  },

  // listItem delta with token=latest: no items, a deltaLink.
  33: async () => {
    const { siteId, listId } = await deltaLibrary(0);
    const sent = await replay(33, { [DOCS_SITE_ID]: siteId, [DOCS_LIST_ID]: listId });
    expect((sent.json as { '@odata.deltaLink'?: string })['@odata.deltaLink']).toMatch(/\/items\/delta\?(.*&)?token=/);
  },

  // Get listItem with expand=fields.
  34: async () => {
    const { ids } = await inventorySite();
    await replay(34, ids);
  },

  // Enumerate items with expand=fields(select=Name,Color,Quantity).
  35: async () => {
    const { ids } = await inventorySite();
    await replay(35, ids);
  },

  // Update listItem fields.
  36: async () => {
    const { ids } = await inventorySite();
    await replay(36, ids);
  },

  // Get a site resource by path: {hostname}:/{relative-path}.
  37: async () => {
    const site = await fx.site();
    await replay(37, { '{hostname}': site.hostname, '{relative-path}': site.path.slice(1) });
  },

  // Create a columnDefinition in a site, verbatim.
  38: async () => {
    const site = await fx.site();
    await replay(38, { '{site-id}': site.id });
  },

  // Throttling: a 429 with Retry-After and Graph's error body (response only; the emulator's fault injection throttles).
  39: async () => {
    const site = await fx.site();
    await setFaults({ rate429: 1, retryAfterSeconds: 2 });
    let res: Response;
    try {
      res = await em.graph(`/sites/${site.id}`);
    } finally {
      await setFaults({ rate429: 0, retryAfterSeconds: 1 });
    }
    const text = await res.text();
    check(example(39), { res, text, json: JSON.parse(text) });
  },

  // Get Drive: /me/drive → the site's default library (the app is app-only and works in SharePoint sites).
  40: async () => {
    const site = await fx.site();
    await replay(40, { '{site-id}': site.id });
  },

  // Get Drive: /users/{id}/drive → the site's default library (as #40).
  41: async () => {
    const site = await fx.site();
    await replay(41, { '{site-id}': site.id });
  },

  // Get Drive: /groups/{id}/drive → the site's default library (a group's drive is its team site's library).
  42: async () => {
    const site = await fx.site();
    await replay(42, { '{site-id}': site.id });
  },

  // Get the document library for a site.
  43: async () => {
    const site = await fx.site();
    await replay(43, { '{siteId}': site.id });
  },

  // Get a drive by id.
  44: async () => {
    const site = await fx.site();
    await replay(44, { '{drive-id}': await fx.driveId(site.id) });
  },

  // Download: 302 to a pre-authenticated URL that the emulator serves, with the file's bytes.
  45: async () => {
    const site = await fx.site();
    const file = bytes(2048);
    const item = await fx.putFile(site.id, 'download.bin', file);
    const sent = await replay(45, { '{site-id}': site.id, '{item-id}': item.id });
    const target = await fetch(sent.res.headers.get('location') ?? '');
    expect(target.status).toBe(200);
    expect(Buffer.from(await target.arrayBuffer()).equals(file)).toBe(true);
  },

  // Partial range download from the download URL: 206 with Content-Range.
  46: async () => {
    const site = await fx.site();
    const file = bytes(2048);
    const item = await fx.putFile(site.id, 'download.bin', file);
    const redirect = await em.graph(`/sites/${site.id}/drive/items/${item.id}/content`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const sent = await send(example(46), {}, { absoluteUrl: redirect.headers.get('location') ?? '' });
    check(example(46), sent);
    expect(sent.res.headers.get('content-range')).toBe('bytes 0-1023/2048');
    expect(sent.res.headers.get('content-type')).toMatch(/^application\/octet-stream\b/);
    const partial = await fetch(redirect.headers.get('location') ?? '', { headers: { range: 'bytes=0-1023' } });
    expect(Buffer.from(await partial.arrayBuffer()).equals(file.subarray(0, 1024))).toBe(true);
  },

  // Get the root folder of the site's default library.
  47: async () => {
    const site = await fx.site();
    await fx.putFile(site.id, 'hello.txt', 'hello');
    await replay(47, { '{site-id}': site.id });
  },

  // List children of the root.
  48: async () => {
    const site = await fx.site();
    const root = await fx.call<{ id: string }>('GET', `/sites/${site.id}/drive/root`, 200);
    await driveWithChildren(site.id, '', root.id);
    await replay(48, { '{site-id}': site.id });
  },

  // List children of a folder by id.
  49: async () => {
    const site = await fx.site();
    const driveId = await fx.driveId(site.id);
    const root = await fx.call<{ id: string }>('GET', `/sites/${site.id}/drive/root`, 200);
    const folder = await fx.createFolder(site.id, root.id, 'Shared');
    await driveWithChildren(site.id, 'Shared', folder.id);
    await replay(49, { '{drive-id}': driveId, '{item-id}': folder.id });
  },

  // List children of a folder by path.
  50: async () => {
    const site = await fx.site();
    const driveId = await fx.driveId(site.id);
    const root = await fx.call<{ id: string }>('GET', `/sites/${site.id}/drive/root`, 200);
    const parent = await fx.createFolder(site.id, root.id, 'Projects');
    const folder = await fx.createFolder(site.id, parent.id, 'Varde');
    await driveWithChildren(site.id, 'Projects/Varde', folder.id);
    await replay(50, { '{drive-id}': driveId, '{path-relative-to-root}': 'Projects/Varde' });
  },

  // Download a previous version: 302 to a URL that serves that version's bytes.
  51: async () => {
    const { ids } = await fileWithVersions();
    const sent = await replay(51, { ...ids, '{version-id}': '1.0' });
    const target = await fetch(sent.res.headers.get('location') ?? '');
    expect(target.status).toBe(200);
    expect(Buffer.from(await target.arrayBuffer()).equals(bytes(16, 1))).toBe(true);
  },

  // Get a DriveItemVersion.
  52: async () => {
    const { ids } = await fileWithVersions();
    await replay(52, { ...ids, '{version-id}': '2.0' });
  },

  // Restore a previous version: 204, and the file's content is that version's again.
  53: async () => {
    const { siteId, itemId, ids } = await fileWithVersions();
    await replay(53, { ...ids, '{version-id}': '1.0' });
    const content = await em.graph(`/sites/${siteId}/drive/items/${itemId}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(bytes(16, 1))).toBe(true);
  },

  // Listing versions of a ListItem: three saves, three versions.
  54: async () => {
    const { siteId, listId, ids } = await inventorySite();
    const item = `/sites/${siteId}/lists/${listId}/items/${ids['{item-id}']}`;
    await fx.call('PATCH', `${item}/fields`, 200, { Quantity: 2000 });
    await fx.call('PATCH', `${item}/fields`, 200, { Quantity: 1500 });
    const sent = await replay(54, ids);
    expect((sent.json as { value: unknown[] }).value).toHaveLength(3);
  },

  // Get a ListItemVersion with expand=fields.
  55: async () => {
    const { siteId, listId, ids } = await inventorySite();
    await fx.call('PATCH', `/sites/${siteId}/lists/${listId}/items/${ids['{item-id}']}/fields`, 200, { Quantity: 2000 });
    await replay(55, { ...ids, '{version-id}': '1.0' });
  },

  // Restore a previous version of a ListItem: 204, and the item's fields are that version's again.
  56: async () => {
    const { siteId, listId, ids } = await inventorySite();
    const item = `/sites/${siteId}/lists/${listId}/items/${ids['{item-id}']}`;
    await fx.call('PATCH', `${item}/fields`, 200, { Quantity: 1 });
    await replay(56, { ...ids, '{version-id}': '1.0' });
    const now = await fx.call<{ fields: { Quantity: number } }>('GET', `${item}?expand=fields`, 200);
    expect(now.fields.Quantity).toBe(2357);
  },

  // Get a site resource by id.
  57: async () => {
    const site = await fx.site();
    await replay(57, { '{site-id}': site.id });
  },
};

async function setFaults(config: Record<string, number>): Promise<void> {
  const res = await fetch(`${em.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
  expect(res.status, await res.text()).toBe(200);
}

/**
 * The docs' listItem delta examples read a document library (Shared Documents with TestFolder, TestItemA.txt and
 * TestItemB.txt: folders and documents). Here: the site's default library with that folder and those files, and
 * with `fillers` more files so that the first round has more than Graph's page of 200 and ends its first page with
 * an @odata.nextLink. Answers the library's list id and the drive ids of the three.
 */
async function deltaLibrary(fillers = 198): Promise<{ siteId: string; listId: string; folderId: string; fileBId: string }> {
  const site = await fx.site();
  const root = await fx.call<{ id: string }>('GET', `/sites/${site.id}/drive/root`, 200);
  const folder = await fx.createFolder(site.id, root.id, 'TestFolder');
  await fx.putFile(site.id, 'TestItemA.txt', 'A');
  const fileB = await fx.putFile(site.id, 'TestItemB.txt', 'B');
  for (let i = 0; i < fillers; i++) await fx.putFile(site.id, `TestFolder/filler${String(i).padStart(3, '0')}.txt`, `filler ${i}`);
  const library = await fx.call<{ id: string; list: { template: string } }>('GET', `/sites/${site.id}/lists/Documents`, 200);
  expect(library.list.template).toBe('documentLibrary');
  return { siteId: site.id, listId: library.id, folderId: folder.id, fileBId: fileB.id };
}

// --- $batch (#20, #21) ------------------------------------------------------------------------------------------

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Header names are case-insensitive (the docs' own batch shows `location` and `OData-Version`): compare them in lower case. */
function lowerHeaders<T extends { headers?: Record<string, string> }>(r: T): T {
  if (!r.headers) return r;
  return { ...r, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])) };
}

/**
 * #20: the docs' batch has five requests: a file download by path (302), two collections (planner tasks, a group's
 * events), a PATCH with a body and Content-Type, and a query with $select/$filter and an advanced-query header.
 * Planner, groups and users are not SharePoint; each request keeps its id, method and role and gets the nearest
 * emulated request instead: 1 the same download from the site's library; 2 the items of an empty list (the docs'
 * `value: []`); 3 a list that does not exist (the docs' failing request); 4 a PATCH of an item's fields with a body
 * and Content-Type; 5 a filtered item query with SharePoint's own advanced-query header (Prefer:
 * HonorNonIndexedQueriesWarningMayFailRandomly) in place of ConsistencyLevel. The docs' 204 answer to its PATCH is
 * compared with a sixth request, a DELETE, as no emulated PATCH answers 204.
 */
async function batch20(): Promise<void> {
  const ex = example(20);
  const requestBody = ex.request?.body as { requests: { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }[] };
  const { siteId, listId, itemIds } = await inventorySite();
  await fx.putFile(siteId, 'report.docx', bytes(300));
  const empty = await fx.call<{ id: string }>('POST', `/sites/${siteId}/lists`, 201, { displayName: 'Tasks', list: { template: 'genericList' } });
  const mapped: Record<string, { url: string; headers?: Record<string, string>; body?: unknown }> = {
    '1': { url: emulatorPath(requestBody.requests[0]?.url ?? '', { '{site-id}': siteId, '{file}': 'report.docx' }) },
    '2': { url: `/sites/${siteId}/lists/${empty.id}/items` },
    '3': { url: `/sites/${siteId}/lists/NoSuchList/items` },
    '4': { url: `/sites/${siteId}/lists/${listId}/items/${itemIds[0]}/fields`, headers: { 'Content-Type': 'application/json' }, body: { Color: 'Redmond red' } },
    '5': {
      url: `sites/${siteId}/lists/${listId}/items?$select=id&$expand=fields($select=Name,Color)&$filter=fields/Color eq 'Blue'`,
      headers: { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
    },
  };
  const requests = requestBody.requests.map((r) => {
    const m = mapped[r.id];
    if (!m) throw new Error(`batch request ${r.id} has no mapping`);
    return { id: r.id, method: r.method, ...m };
  });
  expect(requests.map((r) => [r.id, r.method])).toEqual(requestBody.requests.map((r) => [r.id, r.method]));
  // The docs' response 4 is a 204 with "body": null; no emulated PATCH answers 204, so a sixth request, a DELETE,
  // stands in for that response's shape.
  requests.push({ id: '6', method: 'DELETE', url: `/sites/${siteId}/lists/${listId}/items/${itemIds[2]}` });

  const res = await em.graph('/$batch', { method: 'POST', json: { requests }, headers: { Accept: 'application/json' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/i);
  const out = (await res.json()) as { responses: BatchResponse[] };
  const docs = (exampleBody(ex) as { responses: BatchResponse[] }).responses;
  // The envelope: one response per request, each with the request's id and a status; in any order, as in the docs.
  expect(compareShape({ responses: [{ id: '', status: 0 }] }, out, { exact: false })).toEqual([]);
  expect(out.responses.map((r) => r.id).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  const byId = new Map(out.responses.map((r) => [r.id, lowerHeaders(r)]));
  const docById = new Map(docs.map((r) => [r.id, lowerHeaders(r)]));
  const shapeOf = (id: string, expected: unknown) => expect(compareShape(expected, byId.get(id), { exact: false }), `response ${id}`).toEqual([]);

  // 1: the download answers 302 with a Location the emulator serves.
  expect(byId.get('1')?.status).toBe(302);
  shapeOf('1', docById.get('1'));
  const location = byId.get('1')?.headers?.location ?? '';
  expect(new URL(location).origin).toBe(em.url);
  expect(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(bytes(300))).toBe(true);
  // 2: a collection with @odata.context and an empty value.
  expect(byId.get('2')?.status).toBe(200);
  expect(compareShape(docById.get('2'), byId.get('2'), { exact: false })).toEqual([]);
  expect((byId.get('2')?.body as { value: unknown[] }).value).toEqual([]);
  // 3: a failed request carries Graph's error body. (The docs' request fails on authorization, 401; this one is a 404.)
  expect(byId.get('3')?.status).toBe(404);
  shapeOf('3', docById.get('3'));
  // 4: the write succeeds. The docs' PATCH /me answers 204 with "body": null; a PATCH of fields answers 200 with the fields.
  expect(byId.get('4')?.status).toBe(200);
  shapeOf('4', { id: '', status: 0, body: { Color: '' } });
  // 5: the query answers 200 with @odata.context and the matching items. The docs' users query also asks for
  // $count and gets OData-Version and @odata.count; SharePoint list items have no $count, so those are not compared.
  expect(byId.get('5')?.status).toBe(200);
  shapeOf('5', { id: '', status: 0, body: { '@odata.context': '', value: [{ id: '', fields: { Name: '', Color: '' } }] } });
  // 6 (for the docs' 4): a 204 is shown with "body": null.
  expect(byId.get('6')?.status).toBe(204);
  shapeOf('6', docById.get('4'));
}

/**
 * #21: the docs show only the request: ids 1, 2, 4, 3 where 2 depends on 1, 4 on 2 and 3 on 4, urls elided ("...").
 * The chain here: 1 and 2 update one item's fields, 4 reads it, 3 lists its versions; each must see the one before.
 * A second batch with the same chain whose first request fails shows Graph's 424 Failed Dependency down the chain.
 */
async function batch21(): Promise<void> {
  const ex = example(21);
  const chain = (ex.request?.body as { requests: { id: string; method: string; dependsOn?: string[] }[] }).requests;
  const { siteId, listId, itemIds } = await inventorySite();
  const item = `/sites/${siteId}/lists/${listId}/items/${itemIds[0]}`;
  const urls: Record<string, Json> = {
    '1': { method: 'PATCH', url: `${item}/fields`, headers: { 'Content-Type': 'application/json' }, body: { Color: 'Purple' } },
    '2': { method: 'PATCH', url: `${item}/fields`, headers: { 'Content-Type': 'application/json' }, body: { Quantity: 7 } },
    '4': { method: 'GET', url: `${item}?$expand=fields($select=Color,Quantity)` },
    '3': { method: 'GET', url: `${item}/versions` },
  };
  const build = (override: Record<string, Json> = {}) =>
    chain.map((r) => ({ id: r.id, ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}), ...urls[r.id], ...override[r.id] }));
  expect(chain.map((r) => r.dependsOn ?? [])).toEqual([[], ['1'], ['2'], ['4']]);

  const res = await em.graph('/$batch', { method: 'POST', json: { requests: build() } });
  expect(res.status).toBe(200);
  const out = (await res.json()) as { responses: BatchResponse[] };
  expect(compareShape({ responses: [{ id: '', status: 0, headers: {}, body: {} }] }, out, { exact: false })).toEqual([]);
  const byId = new Map(out.responses.map((r) => [r.id, r]));
  expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4']);
  expect(['1', '2', '4', '3'].map((id) => byId.get(id)?.status)).toEqual([200, 200, 200, 200]);
  expect((byId.get('4')?.body as { fields: Json }).fields).toMatchObject({ Color: 'Purple', Quantity: 7 });
  expect((byId.get('3')?.body as { value: unknown[] }).value).toHaveLength(3);

  const failing = await em.graph('/$batch', { method: 'POST', json: { requests: build({ '1': { url: `${item}9999/fields` } }) } });
  expect(failing.status).toBe(200);
  const failed = (await failing.json()) as { responses: BatchResponse[] };
  const status = Object.fromEntries(failed.responses.map((r) => [r.id, r.status]));
  expect(status).toEqual({ '1': 404, '2': 424, '4': 424, '3': 424 });
  const dependent = failed.responses.find((r) => r.id === '2');
  expect(compareShape({ error: { code: '', message: '' } }, dependent?.body, { exact: false })).toEqual([]);
}

// --- the suite --------------------------------------------------------------------------------------------------

const title = present
  ? 'Graph docs examples replayed against the emulator'
  : `Graph docs examples: SKIPPED, ${EXAMPLES_FILE} is not on this machine (it is shared beside the repository, not part of it)`;

// The reason is in the suite's name, and said once more here for reporters that do not list skipped suites.
if (!present) console.warn(title);

describe.skipIf(!present)(title, () => {
  beforeAll(async () => {
    em = await startTestEmulator();
    fx = new Fixtures(em);
  });

  afterAll(async () => {
    await em?.close();
  });

  for (const ex of examples) {
    const run = REPLAYED[ex.index];
    if (run) it(`#${ex.index} ${ex.title}`, run, 120_000);
  }

  it('every example is either replayed here or listed in OUT-OF-SCOPE.md, never both', () => {
    const listed = outOfScopeIndexes();
    const replayed = Object.keys(REPLAYED).map(Number);
    const all = examples.map((e) => e.index);
    expect(listed.filter((i) => replayed.includes(i)), 'replayed and also listed').toEqual([]);
    expect(all.filter((i) => !listed.includes(i) && !replayed.includes(i)), 'neither replayed nor listed').toEqual([]);
    expect([...listed, ...replayed].filter((i) => !all.includes(i)), 'no such example').toEqual([]);
    expect(new Set(listed).size, 'listed twice').toBe(listed.length);
  });
});
