// The inbox benchmark's channel to its server processes, the app (inbox-app.ts) and the floor (inbox-floor.ts): the
// commands, the replies, and the parent's side.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPersona } from '../../src/demo/index.js';

export interface CapturedRequest {
  url: string;
  headers: Record<string, string>;
}

export interface GcSeen {
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
}

export type AppCommand =
  | { type: 'start'; graphUrl: string; personas: DemoPersona[] }
  | { type: 'captureStart' }
  | { type: 'captureStop' }
  /** The floor's: the query it sends for every page from now on. */
  | { type: 'forward'; request: CapturedRequest }
  | { type: 'sampleStart'; profileFile?: string }
  | { type: 'sampleStop' }
  | { type: 'stop' };

export type AppReply =
  | { type: 'ready'; url: string }
  | { type: 'ok' }
  | { type: 'captured'; requests: CapturedRequest[] }
  | { type: 'samples'; timings: Record<string, number>; gc: GcSeen }
  | { type: 'error'; message: string };

type ReplyOf<T extends AppReply['type']> = Extract<AppReply, { type: T }>;

export interface BenchServer {
  /** Sends a command and waits for its reply (one at a time). */
  call<T extends AppReply['type']>(command: AppCommand, expect: T): Promise<ReplyOf<T>>;
  close(): Promise<void>;
}

/** Node's flags in `npm run serve` (package.json: `node <flags> --import tsx src/server/main.ts`), so the app runs as in production. */
export function serveFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: { serve: string } };
  const words = pkg.scripts.serve.split(/\s+/);
  return words[0] === 'node' ? words.slice(1, words.indexOf('--import')) : [];
}

const FILES = { app: 'inbox-app.ts', floor: 'inbox-floor.ts' } as const;

/** Starts the app's or the floor's process (`node <serve's flags> --import tsx`); the app is composed over `graphUrl`. */
export async function startBenchServer(kind: keyof typeof FILES, graphUrl: string, personas: DemoPersona[]): Promise<{ server: BenchServer; url: string; pid: number }> {
  const child: ChildProcess = spawn(process.execPath, [...serveFlags(), '--import', 'tsx', join(import.meta.dirname, FILES[kind])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: ((reply: AppReply) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (reply: AppReply) => waiting.shift()?.(reply));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w({ type: 'error', message: `the ${kind}'s process exited (${code})` });
  });
  const server: BenchServer = {
    call(command, expect) {
      return new Promise((resolve, reject) => {
        waiting.push((reply) => (reply.type === expect ? resolve(reply as never) : reject(new Error(reply.type === 'error' ? reply.message : `expected ${expect}, got ${reply.type}`))));
        child.send(command);
      });
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      await server.call({ type: 'stop' }, 'ok').catch(() => child.kill('SIGTERM'));
      await exited;
    },
  };
  try {
    const { url } = await server.call({ type: 'start', graphUrl, personas }, 'ready');
    return { server, url, pid: child.pid ?? 0 };
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
}
