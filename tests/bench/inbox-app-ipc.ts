// The inbox benchmark's channel to its app process (inbox-app.ts): the commands, the replies, and the parent's side.
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

export interface InboxApp {
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

/** Starts the app's process (`node <serve's flags> --import tsx`) and composes the app over `graphUrl`. */
export async function startInboxApp(graphUrl: string, personas: DemoPersona[]): Promise<{ app: InboxApp; url: string; pid: number }> {
  const child: ChildProcess = spawn(process.execPath, [...serveFlags(), '--import', 'tsx', join(import.meta.dirname, 'inbox-app.ts')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: ((reply: AppReply) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (reply: AppReply) => waiting.shift()?.(reply));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w({ type: 'error', message: `the app's process exited (${code})` });
  });
  const app: InboxApp = {
    call(command, expect) {
      return new Promise((resolve, reject) => {
        waiting.push((reply) => (reply.type === expect ? resolve(reply as never) : reject(new Error(reply.type === 'error' ? reply.message : `expected ${expect}, got ${reply.type}`))));
        child.send(command);
      });
    },
    async close() {
      if (child.exitCode !== null || !child.connected) return;
      await app.call({ type: 'stop' }, 'ok').catch(() => child.kill('SIGTERM'));
      await exited;
    },
  };
  try {
    const { url } = await app.call({ type: 'start', graphUrl, personas }, 'ready');
    return { app, url, pid: child.pid ?? 0 };
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
}
