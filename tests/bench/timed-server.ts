// What the inbox benchmark's two server processes share (the app, inbox-app.ts; the floor, inbox-floor.ts): an HTTP
// server timed per request the same way for both, their garbage collections while sampled, and their IPC channel.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PerformanceEntry, PerformanceObserver, constants } from 'node:perf_hooks';
import type { AppCommand, AppReply, GcSeen } from './inbox-app-ipc.js';

export const reply = (message: AppReply): void => {
  process.send?.(message);
};

/** Takes the parent's commands one by one (a failure goes back as an 'error' reply); the process ends with the channel. */
export function steer(handle: (command: AppCommand) => Promise<void>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: AppCommand) => {
    void handle(command).catch((err: unknown) => reply({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  });
}

export interface TimedServer {
  url: string;
  /** Starts timing requests sent with `x-bench-id`, and watching the process's garbage collections. */
  startSampling(): void;
  /** Server time (ms) by `x-bench-id` since startSampling, and the collections meanwhile. */
  stopSampling(): { timings: Record<string, number>; gc: GcSeen };
  close(): Promise<void>;
}

/**
 * Node's HTTP server around `listener`, each request sent with `x-bench-id` timed from Node's 'request' event
 * (headers read) to the response's 'finish' (the last byte handed to the socket).
 */
export async function serveTimed(listener: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<TimedServer> {
  let timings: Map<string, number> | null = null;
  let gc: { stop(): GcSeen } | null = null;
  const server = createServer((req, res) => {
    const at = performance.now();
    const id = req.headers['x-bench-id'];
    if (typeof id === 'string' && timings) res.once('finish', () => timings?.set(id, performance.now() - at));
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    startSampling() {
      timings = new Map();
      gc = watchGc();
    },
    stopSampling() {
      const out = { timings: Object.fromEntries(timings ?? []), gc: gc?.stop() ?? { minor: 0, minorMs: 0, major: 0, majorMs: 0 } };
      timings = null;
      gc = null;
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Garbage collections in this process until stopped: how many, and their pauses. */
function watchGc(): { stop(): GcSeen } {
  const seen: GcSeen = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        seen.minor++;
        seen.minorMs += e.duration;
      } else {
        seen.major++;
        seen.majorMs += e.duration;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return seen;
    },
  };
}
