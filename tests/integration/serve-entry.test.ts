// `npm run serve`, the production entry point, as App Service runs it: a child process configured by environment alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/emulator-process.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs the entry point with exactly `env` (plus PATH), collecting its output. */
function serve(env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(tsx, ['src/server/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exit };
}

async function waitFor(predicate: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run serve', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('refuses to start against Microsoft Graph without app credentials, in Norwegian, with exit code 1', async () => {
    const run = serve({});
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('AZURE_TENANT_ID, AZURE_CLIENT_ID og AZURE_CLIENT_SECRET må være satt');
  }, 60_000);

  it('provisions, serves health and the API gate on PORT, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = serve({ GRAPH_BASE_URL: emulator.graphUrl, PORT: String(port) });
    await waitFor(() => run.output().includes('listening on port'), 'the server to listen');
    expect(run.output()).toContain(`listening on port ${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    // The API is behind sign-in.
    expect((await fetch(`http://127.0.0.1:${port}/api/cases`)).status).toBe(401);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  }, 120_000);
});
