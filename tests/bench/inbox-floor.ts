// The floor for the inbox benchmark (inbox-bench.ts): the least any server in the app's place does for a page. It
// takes the request, sends the app's captured Graph query through the app's transport, parses the answer, writes the
// items' fields back as JSON, and nothing else: no routing, token, scope, SDK or checks. Timed as the app is, under
// the same Node flags, it shows how much of the app's ratio to the emulator's time this machine's hops and wake-ups
// (client → server → emulator → server) cost before the app does any work of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { undiciTransport } from '../../src/sharepoint/graph/transport.js';
import type { AppCommand, CapturedRequest } from './inbox-app-ipc.js';
import { type TimedServer, reply, serveTimed, steer } from './timed-server.js';

const send = undiciTransport();
let query: CapturedRequest | null = null;
let server: TimedServer | undefined;

async function page(_req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!query) {
    res.writeHead(503).end();
    return;
  }
  const answer = await send(query.url, { method: 'GET', headers: query.headers, body: undefined, timeoutMs: 100_000 });
  const body = JSON.parse(Buffer.from(answer.bytes ?? new ArrayBuffer(0)).toString('utf8')) as { value?: { fields?: unknown }[] };
  const text = JSON.stringify({ items: (body.value ?? []).map((item) => item.fields) });
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

steer(handle);

async function handle(command: AppCommand): Promise<void> {
  switch (command.type) {
    case 'start':
      server = await serveTimed(page);
      return reply({ type: 'ready', url: server.url });
    case 'forward':
      query = command.request;
      return reply({ type: 'ok' });
    case 'sampleStart':
      server?.startSampling();
      return reply({ type: 'ok' });
    case 'sampleStop':
      if (!server) throw new Error('sampled before start');
      return reply({ type: 'samples', ...server.stopSampling() });
    case 'stop':
      await server?.close();
      reply({ type: 'ok' });
      process.disconnect();
      return;
    default:
      throw new Error(`'${command.type}' is the app's command, not the floor's`);
  }
}
