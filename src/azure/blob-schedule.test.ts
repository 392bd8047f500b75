// The blob lease and the delivery records against a small fake of the Blob service's REST API (put and get a blob with
// If-None-Match / If-Match, leases, listing by prefix, delete), through the real @azure/storage-blob client. What this
// cannot show offline: Entra ID sign-in (the fake takes anonymous requests) and the service's own lease clock (the
// fake's leases never expire by themselves).
import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnonymousCredential, ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobDeliveryLog, BlobScheduleLease } from './blob-schedule.js';

function fakeBlobService() {
  const blobs = new Map<string, { body: Buffer; etag: string; lease: string | null }>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').slice(3).map(decodeURIComponent); // /account/container/…blob
    const name = parts.join('/');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const base = { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2025-01-05', date: new Date().toUTCString() };
    const error = (status: number, code: string) =>
      res.writeHead(status, { ...base, 'x-ms-error-code': code, 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
    const existing = blobs.get(name);
    if (url.searchParams.get('comp') === 'list') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const delimiter = url.searchParams.get('delimiter');
      const names = [...blobs.keys()].filter((n) => n.startsWith(prefix)).sort();
      const prefixes = new Set<string>();
      const items: string[] = [];
      for (const n of names) {
        const rest = n.slice(prefix.length);
        if (delimiter && rest.includes(delimiter)) prefixes.add(prefix + rest.slice(0, rest.indexOf(delimiter) + 1));
        else items.push(n);
      }
      const xml =
        `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="http://fake/" ContainerName="c"><Prefix>${prefix}</Prefix>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}<Blobs>` +
        [...prefixes].map((p) => `<BlobPrefix><Name>${p}</Name></BlobPrefix>`).join('') +
        items.map((n) => `<Blob><Name>${n}</Name><Properties><Last-Modified>${new Date().toUTCString()}</Last-Modified><Etag>${blobs.get(n)?.etag}</Etag><Content-Length>${blobs.get(n)?.body.length}</Content-Length><BlobType>BlockBlob</BlobType></Properties></Blob>`).join('') +
        `</Blobs><NextMarker /></EnumerationResults>`;
      return res.writeHead(200, { ...base, 'content-type': 'application/xml' }).end(xml);
    }
    if (url.searchParams.get('comp') === 'lease') {
      if (!existing) return error(404, 'BlobNotFound');
      const action = req.headers['x-ms-lease-action'];
      if (action === 'acquire') {
        if (existing.lease) return error(409, 'LeaseAlreadyPresent');
        existing.lease = String(req.headers['x-ms-proposed-lease-id'] ?? randomUUID());
        return res.writeHead(201, { ...base, etag: existing.etag, 'last-modified': new Date().toUTCString(), 'x-ms-lease-id': existing.lease }).end();
      }
      if (existing.lease !== req.headers['x-ms-lease-id']) return error(409, 'LeaseIdMismatchWithLeaseOperation');
      if (action === 'release') existing.lease = null;
      return res.writeHead(200, { ...base, etag: existing.etag, 'last-modified': new Date().toUTCString(), ...(action === 'renew' ? { 'x-ms-lease-id': existing.lease ?? '' } : {}) }).end();
    }
    if (req.method === 'PUT') {
      if (req.headers['if-none-match'] === '*' && existing) return error(409, 'BlobAlreadyExists');
      if (req.headers['if-match'] && req.headers['if-match'] !== existing?.etag) return error(412, 'ConditionNotMet');
      const etag = `"0x${createHash('sha1').update(body).update(randomUUID()).digest('hex').slice(0, 16).toUpperCase()}"`;
      blobs.set(name, { body, etag, lease: existing?.lease ?? null });
      return res.writeHead(201, { ...base, etag, 'last-modified': new Date().toUTCString(), 'x-ms-request-server-encrypted': 'true' }).end();
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!existing) return error(404, 'BlobNotFound');
      return res
        .writeHead(200, { ...base, etag: existing.etag, 'last-modified': new Date().toUTCString(), 'content-length': String(existing.body.length), 'content-type': 'application/octet-stream', 'x-ms-blob-type': 'BlockBlob' })
        .end(req.method === 'GET' ? existing.body : undefined);
    }
    if (req.method === 'DELETE') {
      if (!existing) return error(404, 'BlobNotFound');
      blobs.delete(name);
      return res.writeHead(202, base).end();
    }
    return error(400, 'Unsupported');
  };
  return { server: createServer((req, res) => void handle(req, res)), blobs };
}

describe('the schedule blobs against a fake Blob service', () => {
  const fake = fakeBlobService();
  let container: ContainerClient;
  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    container = new ContainerClient(`http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/devstoreaccount1/varde-schedule`, new AnonymousCredential());
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('one instance holds the lease; the other is refused until it is released; the run date is recorded', async () => {
    const a = await new BlobScheduleLease(container).acquire('daily-reminders', 60_000);
    expect(a).not.toBeNull();
    expect(await new BlobScheduleLease(container).acquire('daily-reminders', 60_000)).toBeNull();
    expect(await a?.lastRunDate()).toBeNull();
    await a?.recordRun('2026-11-24');
    expect(await a?.renew()).toBe(true);
    await a?.release();
    const b = await new BlobScheduleLease(container).acquire('daily-reminders', 60_000);
    expect(await b?.lastRunDate()).toBe('2026-11-24');
    await b?.release();
  });

  it('a delivery record is created once and replaced only with the etag it was read with; old days are pruned', async () => {
    const log = new BlobDeliveryLog(container);
    const etag = await log.create('2026-11-24', '19:a@thread.tacv2', { state: 'claimed' });
    expect(etag).toMatch(/^"0x/);
    expect(await log.create('2026-11-24', '19:a@thread.tacv2', { state: 'again' })).toBeNull();
    const next = await log.replace('2026-11-24', '19:a@thread.tacv2', { state: 'sent' }, etag as string);
    expect(next).not.toBeNull();
    expect(await log.replace('2026-11-24', '19:a@thread.tacv2', { state: 'late' }, etag as string)).toBeNull();
    expect(await log.get('2026-11-24', '19:a@thread.tacv2')).toEqual({ value: { state: 'sent' }, etag: next });
    expect(await log.get('2026-11-24', 'nobody')).toBeNull();
    await log.create('2026-10-01', 'x', {});
    await log.create('2026-10-02', 'y', {});
    expect(await log.prune('2026-10-25')).toBe(2);
    expect([...fake.blobs.keys()].filter((k) => k.startsWith('deliveries/')).map((k) => k.split('/')[1])).toEqual(['2026-11-24']);
  });
});
