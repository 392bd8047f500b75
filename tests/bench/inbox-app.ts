// The app for the inbox benchmark (inbox-bench.ts), alone in its process as `npm start` runs it: composed over the
// bench demo's emulator, served by Node's HTTP server and @hono/node-server's listener, and timed per request. The
// benchmark's client talks to it over HTTP and steers it over the IPC channel (inbox-app-ipc.ts); keeping the client
// out of this process keeps its work and its garbage out of the app's time, as a browser's is in production.
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { composeApp } from '../../src/server/compose.js';
import { readConfig } from '../../src/server/config.js';
import { openStack } from '../../src/server/stack.js';
import { BENCH_NOW } from './bench-demo.js';
import type { AppCommand, CapturedRequest } from './inbox-app-ipc.js';
import { type TimedServer, reply as send, serveTimed, steer } from './timed-server.js';

let started: { server: TimedServer; stop(): Promise<void> } | undefined;
let profiler: Profiler | null = null;
let captured: CapturedRequest[] | null = null;

steer(handle);

async function handle(command: AppCommand): Promise<void> {
  switch (command.type) {
    case 'start': {
      const config = readConfig({ GRAPH_BASE_URL: command.graphUrl, PORT: '0' });
      const stack = await openStack(config);
      const composition = composeApp(config, stack, { personas: command.personas, log: () => {}, now: () => BENCH_NOW });
      await composition.ready;
      await Promise.all([composition.api.caseIndex.ready, composition.api.measureIndex.ready]);
      const server = await serveTimed(getRequestListener(composition.app.fetch));
      started = {
        server,
        async stop() {
          await composition.stop();
          await server.close();
        },
      };
      return send({ type: 'ready', url: server.url });
    }
    case 'captureStart':
      captured = [];
      diagnostics.subscribe('undici:request:create', onRequestCreated);
      return send({ type: 'ok' });
    case 'captureStop': {
      diagnostics.unsubscribe('undici:request:create', onRequestCreated);
      const requests = captured ?? [];
      captured = null;
      return send({ type: 'captured', requests });
    }
    case 'sampleStart':
      started?.server.startSampling();
      profiler = command.profileFile ? await startProfile(command.profileFile) : null;
      return send({ type: 'ok' });
    case 'sampleStop': {
      await profiler?.stop();
      profiler = null;
      if (!started) throw new Error('sampled before start');
      return send({ type: 'samples', ...started.server.stopSampling() });
    }
    case 'stop':
      await started?.stop();
      send({ type: 'ok' });
      process.disconnect();
      return;
    default:
      throw new Error(`'${command.type}' is the floor's command (inbox-floor.ts), not the app's`);
  }
}

/** The Graph requests the app sends, as undici reports them on its diagnostics channel (the app's transport is undici's). */
function onRequestCreated(message: unknown): void {
  const { request } = message as { request: { origin: string; path: string; headers: unknown } };
  const flat = Array.isArray(request.headers) ? (request.headers as unknown[]) : [];
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) headers[String(flat[i]).toLowerCase()] = String(flat[i + 1]);
  captured?.push({ url: `${request.origin}${request.path}`, headers });
}

interface Profiler {
  stop(): Promise<void>;
}

/** A CPU profile of the app's process over the samples (BENCH_INBOX_CPU_PROFILE). */
async function startProfile(file: string): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
