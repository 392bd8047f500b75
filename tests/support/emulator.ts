// Starts an in-memory Graph emulator on a free port for one test file, with a small fetch helper that sends a bearer token.
import { type Emulator, type EmulatorOptions, startEmulator } from '../../infra/graph-emulator/server.js';

export interface TestEmulator extends Emulator {
  /** fetch against /v1.0 with a token; `path` like `/sites/root/lists`. */
  graph(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Creates a fresh site for the calling test and returns its id. */
  newSite(path?: string): Promise<string>;
}

let siteCounter = 0;

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ dataDir: ':memory:', ...options });
  const graph = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', 'Bearer test-token');
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const url = path.startsWith('http') ? path : `${emulator.graphUrl}${path}`;
    return fetch(url, { ...init, headers, body });
  };
  const newSite = async (path = `/sites/test${++siteCounter}-${Date.now()}`) => {
    const res = await fetch(`${emulator.url}/_emulator/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path }) });
    if (res.status !== 201) throw new Error(`could not create site: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  return Object.assign(emulator, { graph, newSite });
}
