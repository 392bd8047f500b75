// The guard in front of every file the bot fetches: where a URL may point (and where the bot's token may go), how
// large a file may be, and which types Varde keeps, checked against the bytes themselves.
import { describe, expect, it } from 'vitest';
import { type FileCandidate, fetchFile, fetchFiles, fileCandidatesOf, localFileSources, looksLikeText, sniff, teamsFileSources } from './files.js';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const PDF = new TextEncoder().encode('%PDF-1.7\n…');
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
const EXE = new TextEncoder().encode('MZ\x90\x00 this program cannot be run in DOS mode');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

interface Call {
  url: string;
  authorization: string | undefined;
  redirect: RequestInit['redirect'];
}

/** A fake network: each URL answers as given; every request is recorded with the Authorization it carried. */
function network(routes: Record<string, () => Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    calls.push({ url, authorization: headers.get('authorization') ?? undefined, redirect: init.redirect });
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed');
    return route();
  };
  return { calls, fetch };
}

const file = (url: string, name = 'rapport.pdf'): FileCandidate => ({ name, declared: name.split('.').pop() ?? '', url, auth: 'none' });
const image = (url: string): FileCandidate => ({ name: '', declared: 'image/*', url, auth: 'bot' });
const bearer = async () => 'Bearer bot-token';
const ok = (bytes: Uint8Array, headers: Record<string, string> = {}) => () => new Response(bytes.slice(), { status: 200, headers });

describe('where a file may come from', () => {
  const cases: [string, boolean, boolean][] = [
    // url, may be downloaded in Teams, may get the bot's token in Teams
    ['https://contoso-my.sharepoint.com/personal/kari/_layouts/15/download.aspx?UniqueId=1&tempauth=x', true, false],
    ['https://contoso.sharepoint.com/sites/x/file.pdf', true, false],
    ['https://smba.trafficmanager.net/emea/v3/attachments/abc/views/original', false, true],
    ['https://europe.webchat.botframework.com/v3/attachments/1', false, true],
    ['https://teams.microsoft.com/api/x', false, false],
    ['https://emea.ng.msg.teams.microsoft.com/v1/objects/x', false, true],
    ['http://contoso.sharepoint.com/file.pdf', false, false],
    ['https://contoso.sharepoint.com:8443/file.pdf', false, false],
    ['https://user:pass@contoso.sharepoint.com/file.pdf', false, false],
    ['https://sharepoint.com/file.pdf', false, false],
    ['https://.sharepoint.com/file.pdf', false, false],
    ['https://contoso.sharepoint.com.evil.example/file.pdf', false, false],
    ['https://evilsharepoint.com/file.pdf', false, false],
    ['https://smba.trafficmanager.net.evil.example/x', false, false],
    ['https://169.254.169.254/metadata/instance', false, false],
    ['http://127.0.0.1:8080/file.pdf', false, false],
    ['http://localhost/file.pdf', false, false],
    ['file:///etc/passwd', false, false],
  ];
  it.each(cases)('%s: download %s, with the bot token %s', (url, download, withToken) => {
    const u = new URL(url);
    expect(teamsFileSources.download(u)).toBe(download);
    expect(teamsFileSources.withToken(u)).toBe(withToken);
  });

  it('locally, this machine only', () => {
    expect(localFileSources.download(new URL('http://127.0.0.1:43123/f/rapport.pdf'))).toBe(true);
    expect(localFileSources.download(new URL('http://[::1]:43123/f'))).toBe(true);
    expect(localFileSources.download(new URL('http://localhost/f'))).toBe(true);
    expect(localFileSources.download(new URL('https://contoso.sharepoint.com/f'))).toBe(false);
    expect(localFileSources.download(new URL('http://10.0.0.5/f'))).toBe(false);
    expect(localFileSources.download(new URL('http://user:x@127.0.0.1/f'))).toBe(false);
    expect(localFileSources.download(new URL('ftp://127.0.0.1/f'))).toBe(false);
  });

  it('a URL on a refused host is never requested', async () => {
    const net = network({});
    const got = await fetchFile(file('https://169.254.169.254/latest/meta-data/x.pdf', 'x.pdf'), bearer, { sources: teamsFileSources, fetch: net.fetch });
    expect(got).toMatchObject({ status: 'refused', reason: 'unavailable' });
    expect(net.calls).toEqual([]);
  });

  it('a redirect is checked like the first URL, and followed by hand, never by fetch', async () => {
    const start = 'https://contoso-my.sharepoint.com/dl/1';
    const net = network({ [start]: () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }) });
    const got = await fetchFile(file(start), bearer, { sources: teamsFileSources, fetch: net.fetch });
    expect(got).toMatchObject({ status: 'refused', reason: 'unavailable' });
    expect(net.calls.map((c) => c.url)).toEqual([start]);
    expect(net.calls[0]?.redirect).toBe('manual');
  });

  it('a redirect to another allowed host is followed', async () => {
    const start = 'https://contoso-my.sharepoint.com/dl/1';
    const next = 'https://contoso-my.sharepoint.com/dl/2';
    const net = network({ [start]: () => new Response(null, { status: 307, headers: { location: '/dl/2' } }), [next]: ok(PDF) });
    expect(await fetchFile(file(start), bearer, { sources: teamsFileSources, fetch: net.fetch })).toMatchObject({ status: 'received', contentType: 'application/pdf' });
    expect(net.calls.map((c) => c.url)).toEqual([start, next]);
  });

  it("the bot's token goes only to the Bot Connector, and never with a pre-authenticated file link", async () => {
    const img = 'https://smba.trafficmanager.net/emea/v3/attachments/a1/views/original';
    const doc = 'https://contoso-my.sharepoint.com/dl/1';
    const net = network({ [img]: ok(PNG), [doc]: ok(PDF) });
    const got = await fetchFiles([image(img), file(doc)], bearer, { sources: teamsFileSources, fetch: net.fetch });
    expect(got.map((g) => g.status)).toEqual(['received', 'received']);
    // Fetched side by side: compared in URL order.
    expect([...net.calls].sort((x, y) => x.url.localeCompare(y.url))).toEqual([
      { url: doc, authorization: undefined, redirect: 'manual' },
      { url: img, authorization: 'Bearer bot-token', redirect: 'manual' },
    ]);
  });

  it('an image whose Bot Connector URL redirects elsewhere does not take the token along', async () => {
    const img = 'https://smba.trafficmanager.net/emea/v3/attachments/a1/views/original';
    const blob = 'https://contoso.sharepoint.com/blob/1';
    const net = network({ [img]: () => new Response(null, { status: 302, headers: { location: blob } }), [blob]: ok(JPEG) });
    expect(await fetchFile(image(img), bearer, { sources: teamsFileSources, fetch: net.fetch })).toMatchObject({ status: 'received', contentType: 'image/jpeg' });
    expect(net.calls.map((c) => c.authorization)).toEqual(['Bearer bot-token', undefined]);
  });

  it('too many redirects end it', async () => {
    const url = (n: number) => `https://contoso.sharepoint.com/r/${n}`;
    const routes = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [url(n), () => new Response(null, { status: 302, headers: { location: url(n + 1) } })]));
    const net = network(routes);
    expect(await fetchFile(file(url(0)), bearer, { sources: teamsFileSources, fetch: net.fetch })).toMatchObject({ status: 'refused', reason: 'unavailable' });
    expect(net.calls).toHaveLength(4);
  });
});

describe('size', () => {
  const url = 'http://127.0.0.1:1/f/rapport.pdf';

  it('a declared length over the limit is refused before the body is read', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(PDF);
      },
    });
    const net = network({ [url]: () => new Response(body, { headers: { 'content-length': String(30 * 1024 * 1024) } }) });
    const got = await fetchFile(file(url), bearer, { sources: localFileSources, fetch: net.fetch, maxBytes: 25 * 1024 * 1024 });
    expect(got).toEqual({ status: 'refused', name: 'rapport.pdf', reason: 'tooLarge', limitBytes: 25 * 1024 * 1024 });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('a body that runs past the limit without saying so is cut off there', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024;
        controller.enqueue(sent === 1024 ? new Uint8Array([...PDF, ...new Uint8Array(1024 - PDF.length)]) : new Uint8Array(1024));
      },
    });
    const net = network({ [url]: () => new Response(body) });
    const got = await fetchFile(file(url), bearer, { sources: localFileSources, fetch: net.fetch, maxBytes: 10 * 1024 });
    expect(got).toMatchObject({ status: 'refused', reason: 'tooLarge' });
    expect(sent).toBeLessThan(20 * 1024);
  });

  it('exactly the limit is taken', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set(PDF);
    const net = network({ [url]: ok(bytes) });
    expect(await fetchFile(file(url), bearer, { sources: localFileSources, fetch: net.fetch, maxBytes: 4096 })).toMatchObject({ status: 'received', bytes });
  });

  it('a server that never finishes is given up after the timeout', async () => {
    const slow = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(PDF);
          },
        }),
      );
    // Headers at once, then a body that stalls: the fetch here does not tie the body to the signal itself.
    const fetchWithSignal = async (u: string) => (u === url ? slow() : Promise.reject(new TypeError('fetch failed')));
    const started = Date.now();
    const got = await fetchFile(file(url), bearer, { sources: localFileSources, fetch: fetchWithSignal, timeoutMs: 200 });
    expect(got).toMatchObject({ status: 'refused' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('more files than allowed: the rest are refused as too many, without being fetched', async () => {
    const urls = Array.from({ length: 3 }, (_, i) => `http://127.0.0.1:1/f/${i}.pdf`);
    const net = network(Object.fromEntries(urls.map((u) => [u, ok(PDF)])));
    const got = await fetchFiles(
      urls.map((u, i) => file(u, `${i}.pdf`)),
      bearer,
      { sources: localFileSources, fetch: net.fetch, maxFiles: 2 },
    );
    expect(got.map((g) => (g.status === 'refused' ? g.reason : g.status))).toEqual(['received', 'received', 'tooMany']);
    expect(net.calls).toHaveLength(2);
  });
});

describe('type', () => {
  const at = (name: string) => `http://127.0.0.1:1/f/${encodeURIComponent(name)}`;
  async function take(name: string, bytes: Uint8Array, declared?: string) {
    const net = network({ [at(name)]: ok(bytes) });
    const candidate = { ...file(at(name), name), ...(declared ? { declared } : {}) };
    return { got: await fetchFile(candidate, bearer, { sources: localFileSources, fetch: net.fetch }), calls: net.calls.length };
  }

  it.each([
    ['bilde.jpg', JPEG, 'image/jpeg'],
    ['skjerm.png', PNG, 'image/png'],
    ['rapport.pdf', PDF, 'application/pdf'],
    ['notat.docx', ZIP, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['liste.xlsx', ZIP, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['gammel.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'application/msword'],
    ['logg.txt', new TextEncoder().encode('Kl. 03:10 alarm på rom 12\r\n'), 'text/plain'],
    ['tall.csv', new TextEncoder().encode('dato;antall\n2026-01-01;3\n'), 'text/csv'],
  ])('%s is taken as %s', async (name, bytes, contentType) => {
    expect((await take(name, bytes)).got).toMatchObject({ status: 'received', name, contentType });
  });

  it.each([
    ['program.exe', EXE],
    ['script.js', new TextEncoder().encode('alert(1)')],
    ['tegning.svg', SVG],
    ['makro.docm', ZIP],
    ['arkiv.zip', ZIP],
    ['side.html', new TextEncoder().encode('<html></html>')],
  ])('%s is refused before it is fetched', async (name, bytes) => {
    const { got, calls } = await take(name, bytes);
    expect(got).toMatchObject({ status: 'refused', reason: 'notAllowed' });
    expect(calls).toBe(0);
  });

  it.each([
    ['a program named .pdf', 'faktura.pdf', EXE],
    ['a program named .jpg', 'bilde.jpg', EXE],
    ['a PDF named .docx', 'notat.docx', PDF],
    ['binary named .txt', 'logg.txt', new Uint8Array([0x41, 0, 0x42, 0])],
  ])('%s is refused once its bytes are seen', async (_what, name, bytes) => {
    expect((await take(name, bytes)).got).toMatchObject({ status: 'refused', reason: 'notAllowed' });
  });

  it('a pasted image (image/*) is named and typed by what it is; anything else under image/* is refused', async () => {
    const url = 'http://127.0.0.1:1/v3/attachments/a1/views/original';
    const png = network({ [url]: ok(PNG) });
    expect(await fetchFile(image(url), bearer, { sources: localFileSources, fetch: png.fetch })).toMatchObject({ status: 'received', name: 'bilde.png', contentType: 'image/png' });
    const svg = network({ [url]: ok(SVG) });
    expect(await fetchFile(image(url), bearer, { sources: localFileSources, fetch: svg.fetch })).toMatchObject({ status: 'refused', reason: 'notAllowed' });
    expect(await take('x', SVG, 'image/svg+xml')).toMatchObject({ got: { status: 'refused', reason: 'notAllowed' }, calls: 0 });
  });

  it('sniff and looksLikeText tell the formats apart', () => {
    expect([JPEG, PNG, PDF, ZIP, EXE].map(sniff)).toEqual(['jpeg', 'png', 'pdf', 'zip', null]);
    expect(sniff(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniff(new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic')]))).toBe('heic');
    expect(looksLikeText(new TextEncoder().encode('Hei, æøå!\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x48, 0x00]))).toBe(false);
  });

  it('an empty file or an error answer is refused as unavailable', async () => {
    expect((await take('tom.pdf', new Uint8Array(0))).got).toMatchObject({ status: 'refused', reason: 'unavailable' });
    const url = 'http://127.0.0.1:1/f/borte.pdf';
    const net = network({ [url]: () => new Response('gone', { status: 404 }) });
    expect(await fetchFile(file(url, 'borte.pdf'), bearer, { sources: localFileSources, fetch: net.fetch })).toMatchObject({ status: 'refused', reason: 'unavailable' });
  });
});

describe('which attachments of an activity are files', () => {
  it('Teams files and pasted images; not cards, not the HTML copy of the text, not a file link without a URL', () => {
    const candidates = fileCandidatesOf([
      { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'Rapport.PDF', content: { downloadUrl: 'https://c-my.sharepoint.com/dl/1', fileType: 'pdf' } },
      { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'x.pdf', content: {} },
      { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/emea/v3/attachments/1/views/original' },
      { contentType: 'text/html', content: '<p><img src="https://x/objects/1"></p>' },
      { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
    ]);
    expect(candidates).toEqual([
      { name: 'Rapport.PDF', declared: 'pdf', url: 'https://c-my.sharepoint.com/dl/1', auth: 'none' },
      { name: '', declared: 'image/*', url: 'https://smba.trafficmanager.net/emea/v3/attachments/1/views/original', auth: 'bot' },
    ]);
  });
});
