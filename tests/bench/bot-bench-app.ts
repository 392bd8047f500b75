// The bot benchmark's server process: Varde composed as `npm start` composes it, and the bare echo bot, each behind the
// same timing middleware; nothing else runs here. tests/bench/bot-bench.ts starts it (GRAPH_BASE_URL at its emulator)
// and drives it over IPC.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { CaseNumberAllocator } from '../../src/app/ports/index.js';
import { composeApp } from '../../src/server/compose.js';
import { readConfig } from '../../src/server/config.js';
import { startAppServer } from '../../src/server/serve.js';
import { openStack } from '../../src/server/stack.js';
import { startEchoBot } from './bot-echo.js';

/** One POST /api/messages as the server saw it: when it reached the Hono app (epoch ms, fractional) and how long until its response was ready. */
export interface ServerTiming {
  at: number;
  ms: number;
}

/** What the benchmark asks of this process; each answers with `result` (or `error`) under the same `id`. */
export type AppCommand =
  | { id: number; cmd: 'gc' }
  | { id: number; cmd: 'cpu' }
  | { id: number; cmd: 'timings'; ids: string[] }
  | { id: number; cmd: 'counters' }
  | { id: number; cmd: 'profileStart' }
  | { id: number; cmd: 'profileStop'; file: string }
  | { id: number; cmd: 'close' };

export interface AppReady {
  type: 'ready';
  app: string;
  echo: string;
}

/** The app and the echo inside a Hono app that times every POST /api/messages carrying the client's x-bench-id. */
function timedApp(app: Hono, seen: Map<string, ServerTiming>): Hono {
  const outer = new Hono();
  outer.use('/api/messages', async (c, next) => {
    const start = performance.now();
    await next();
    const id = c.req.header('x-bench-id');
    if (id) seen.set(id, { at: performance.timeOrigin + start, ms: performance.now() - start });
  });
  outer.all('*', (c) => app.fetch(c.req.raw, c.env));
  return outer;
}

const config = readConfig({ GRAPH_BASE_URL: process.env.GRAPH_BASE_URL, PORT: '0' });
const stack = await openStack(config);
// Block reservations of case numbers, counted so that their Graph requests can be told apart from the reports' own.
const allocator = stack.repos.caseNumbers;
let allocations = 0;
const counting: CaseNumberAllocator = {
  allocate: (series, year, count) => {
    allocations++;
    return allocator.allocate(series, year, count);
  },
  raiseTo: (series, year, highest) => allocator.raiseTo(series, year, highest),
};
const events: Record<string, number> = {};
const composition = composeApp(config, { ...stack, repos: { ...stack.repos, caseNumbers: counting } }, { log: (event) => void (events[event] = (events[event] ?? 0) + 1) });
// As `npm start`: the caches a report needs are warm (lists, unit tree, leader channels, a block of case numbers) before it listens.
await composition.ready;
const seen = new Map<string, ServerTiming>();
const app = await startAppServer(config, timedApp(composition.app, seen));
const echo = await startEchoBot(config, { wrap: (inner) => timedApp(inner, seen) });
let profiler: Session | undefined;

async function run(command: AppCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'gc':
      (globalThis as { gc?: () => void }).gc?.();
      return null;
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    case 'timings': {
      const out = command.ids.map((id) => seen.get(id) ?? null);
      for (const id of command.ids) seen.delete(id);
      return out;
    }
    case 'counters': {
      const result = { allocations, events: { ...events } };
      allocations = 0;
      for (const key of Object.keys(events)) delete events[key];
      return result;
    }
    case 'profileStart':
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
      await profiler.post('Profiler.start');
      return null;
    case 'profileStop': {
      if (!profiler) return null;
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      profiler = undefined;
      writeFileSync(join(command.file), JSON.stringify(profile));
      return null;
    }
    case 'close':
      composition.stop();
      await app.close();
      await echo.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: AppCommand) => {
  run(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (err: unknown) => process.send?.({ id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
process.send?.({ type: 'ready', app: app.url, echo: echo.endpoint } satisfies AppReady);
