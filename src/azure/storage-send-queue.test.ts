// The Storage Queue adapter against a small fake of the Queue service's REST API (the operations it uses: put, get,
// delete and update messages, queue metadata), through the real @azure/storage-queue client. What this cannot show
// offline: Entra ID sign-in with the managed identity (the fake takes anonymous requests), and the real service's
// timing of visibility timeouts (the fake makes an updated message visible again at once).
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnonymousCredential, QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryScheduleLease } from '../app/scheduling/in-memory.js';
import type { SendJob } from '../app/ports/index.js';
import { StorageSendQueue, decodeJob, encodeJob } from './storage-send-queue.js';

interface FakeMessage {
  id: string;
  text: string;
  pop: string;
  dequeueCount: number;
  visible: boolean;
}

function fakeQueueService() {
  const queues = new Map<string, FakeMessage[]>();
  const requests: string[] = [];
  const queue = (name: string) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = []));
    return q;
  };
  const now = () => new Date().toUTCString();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, , name, messages, id] = url.pathname.split('/'); // /account/queue/messages/id
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push(`${req.method} ${name}${messages ? `/${messages}` : ''}${id ? '/id' : ''}`);
    const q = queue(name ?? '');
    const xml = (status: number, text: string, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-request-id': randomUUID(), ...headers }).end(text);
    if (!messages && url.searchParams.get('comp') === 'metadata') {
      return res.writeHead(200, { 'x-ms-approximate-messages-count': String(q.length), 'x-ms-request-id': randomUUID() }).end();
    }
    if (req.method === 'POST' && messages === 'messages') {
      const text = /<MessageText>([\s\S]*)<\/MessageText>/.exec(body)?.[1] ?? '';
      const m: FakeMessage = { id: randomUUID(), text, pop: randomUUID(), dequeueCount: 0, visible: true };
      q.push(m);
      return xml(201, `<?xml version="1.0" encoding="utf-8"?><QueueMessagesList><QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${now()}</InsertionTime><ExpirationTime>${now()}</ExpirationTime><PopReceipt>${m.pop}</PopReceipt><TimeNextVisible>${now()}</TimeNextVisible></QueueMessage></QueueMessagesList>`);
    }
    if (req.method === 'GET' && messages === 'messages') {
      const n = Number(url.searchParams.get('numofmessages') ?? 1);
      const got = q.filter((m) => m.visible).slice(0, n);
      for (const m of got) {
        m.visible = false;
        m.dequeueCount++;
        m.pop = randomUUID();
      }
      const items = got
        .map((m) => `<QueueMessage><MessageId>${m.id}</MessageId><InsertionTime>${now()}</InsertionTime><ExpirationTime>${now()}</ExpirationTime><PopReceipt>${m.pop}</PopReceipt><TimeNextVisible>${now()}</TimeNextVisible><DequeueCount>${m.dequeueCount}</DequeueCount><MessageText>${m.text}</MessageText></QueueMessage>`)
        .join('');
      return xml(200, `<?xml version="1.0" encoding="utf-8"?><QueueMessagesList>${items}</QueueMessagesList>`);
    }
    const m = q.find((x) => x.id === id);
    if (!m || m.pop !== url.searchParams.get('popreceipt')) return xml(404, '<?xml version="1.0" encoding="utf-8"?><Error><Code>MessageNotFound</Code><Message>no</Message></Error>', { 'x-ms-error-code': 'MessageNotFound' });
    if (req.method === 'DELETE') {
      q.splice(q.indexOf(m), 1);
      return res.writeHead(204, { 'x-ms-request-id': randomUUID() }).end();
    }
    if (req.method === 'PUT') {
      // Visible again at once: the test need not wait out the backoff.
      m.visible = true;
      m.pop = randomUUID();
      return res.writeHead(204, { 'x-ms-popreceipt': m.pop, 'x-ms-time-next-visible': now(), 'x-ms-request-id': randomUUID() }).end();
    }
    return xml(400, '<Error><Code>Unsupported</Code></Error>');
  };
  const server = createServer((req, res) => void handle(req, res));
  return { server, queues, requests };
}

const job = (channelId: string): SendJob => ({ type: 'channelDigest', channelId, date: '2026-11-24' });
const idOf = (j: SendJob) => (j.type === 'channelDigest' ? j.channelId : j.type);

describe('the queue message', () => {
  it('is base64 of a small JSON with the job and nothing else, and reads back', () => {
    const text = encodeJob(job('19:ledere@thread.tacv2'));
    expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual({ v: 1, job: { type: 'channelDigest', channelId: '19:ledere@thread.tacv2', date: '2026-11-24' } });
    expect(decodeJob(encodeJob({ type: 'readingDigest', date: '2026-11-24' }))).toEqual({ type: 'readingDigest', date: '2026-11-24' });
    expect(decodeJob(text)).toEqual(job('19:ledere@thread.tacv2'));
  });

  it('anything else is not a job', () => {
    for (const bad of ['', 'not base64!', Buffer.from('{"v":2}').toString('base64'), Buffer.from(JSON.stringify({ v: 1, job: { type: 'other', channelId: 'x', date: '2026-11-24' } })).toString('base64')]) expect(decodeJob(bad)).toBeNull();
  });
});

describe('the Storage Queue adapter against a fake Queue service', () => {
  const fake = fakeQueueService();
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/devstoreaccount1`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  const adapter = (options: { maxAttempts?: number } = {}) =>
    new StorageSendQueue({
      queueUrl: `${base}/varde-reminders`,
      credential: { getToken: async () => null },
      client: new QueueClient(`${base}/varde-reminders`, new AnonymousCredential()),
      poisonClient: new QueueClient(`${base}/varde-reminders-poison`, new AnonymousCredential()),
      consumerLease: new InMemoryScheduleLease(),
      idlePollMs: 20,
      ...options,
    });

  it('sends, receives, handles and deletes each job; a failing one comes back, then goes to the poison queue', async () => {
    const q = adapter({ maxAttempts: 2 });
    const handled: string[] = [];
    await q.enqueue([job('a'), job('b'), job('fails')]);
    expect(fake.queues.get('varde-reminders')).toHaveLength(3);
    q.start(async (j, attempt) => {
      handled.push(`${idOf(j)}#${attempt}`);
      if (idOf(j) === 'fails') throw Object.assign(new Error('429'), { statusCode: 429 });
    });
    const until = Date.now() + 5000;
    while ((fake.queues.get('varde-reminders')?.length ?? 0) > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    await q.idle();
    await q.stop();
    expect(handled.sort()).toEqual(['a#1', 'b#1', 'fails#1', 'fails#2']);
    expect(fake.queues.get('varde-reminders')).toEqual([]);
    expect(fake.queues.get('varde-reminders-poison')?.map((m) => decodeJob(m.text))).toEqual([job('fails')]);
    expect(fake.requests).toContain('PUT varde-reminders/messages/id'); // the first failure: back on the queue with a backoff
  });

  it('a message that is not a job goes straight to the poison queue', async () => {
    await new QueueClient(`${base}/varde-reminders`, new AnonymousCredential()).sendMessage('c29tZXRoaW5nIGVsc2U=');
    const q = adapter();
    const handled: string[] = [];
    q.start(async (j) => void handled.push(idOf(j)));
    const until = Date.now() + 5000;
    while ((fake.queues.get('varde-reminders')?.length ?? 0) > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    await q.stop();
    expect(handled).toEqual([]);
    expect(fake.queues.get('varde-reminders-poison')?.map((m) => m.text)).toContain('c29tZXRoaW5nIGVsc2U=');
  });

  it('only the instance holding the consumer lease takes jobs', async () => {
    const lease = new InMemoryScheduleLease();
    const holder = await lease.acquire('reminder-sender', 60_000);
    expect(holder).not.toBeNull();
    const q = new StorageSendQueue({
      queueUrl: `${base}/varde-reminders`,
      credential: { getToken: async () => null },
      client: new QueueClient(`${base}/varde-reminders`, new AnonymousCredential()),
      poisonClient: new QueueClient(`${base}/varde-reminders-poison`, new AnonymousCredential()),
      consumerLease: lease,
      idlePollMs: 20,
    });
    const handled: string[] = [];
    await q.enqueue([job('waits')]);
    q.start(async (j) => void handled.push(idOf(j)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handled).toEqual([]);
    await holder?.release();
    const until = Date.now() + 5000;
    while (handled.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    await q.stop();
    expect(handled).toEqual(['waits']);
  });
});
