// `npm start`: the whole local stack with no network and no credentials — Graph emulator, provisioning, demo data on first run, app server.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../infra/graph-emulator/server.js';
import { DEMO_DEFAULTS, demoPersonas, generateMunicipality } from '../src/demo/index.js';
import { readConfig } from '../src/server/config.js';
import { progressBar } from '../src/server/seed-cli.js';
import { isEmpty, seedDemo } from '../src/server/seed.js';
import { startAppServer } from '../src/server/serve.js';
import { openStack } from '../src/server/stack.js';

const dataDir = process.env.VARDE_DATA_DIR ?? '.data';
const emulator = await startEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 5099),
  dataDir: process.env.EMULATOR_DATA_DIR ?? join(dataDir, 'graph'),
  hostname: process.env.SP_HOSTNAME ?? 'varde-demo.sharepoint.com',
});
// The app finds Graph as it would in a tenant: by its base URL alone.
process.env.GRAPH_BASE_URL = emulator.graphUrl;
const config = readConfig();

console.log('Varde — lokal kjøring');
const { repos } = await openStack(config, (line) => console.log(`  ${line}`));

// The demo's parameters are kept, so that later starts show the same personas.
const demoFile = join(dataDir, 'demo.json');
let demo = existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as { seed: number; employees: number; now: string }) : undefined;
if (await isEmpty(repos)) {
  demo = { seed: DEMO_DEFAULTS.seed, employees: Number(process.env.VARDE_DEMO_EMPLOYEES ?? DEMO_DEFAULTS.employees), now: new Date().toISOString() };
  const m = generateMunicipality({ seed: demo.seed, employees: demo.employees, now: new Date(demo.now) });
  console.log(`  Legger inn demokommunen (${m.people.length} ansatte, ${m.deviations.length} avvik) …`);
  const bar = progressBar();
  const report = await seedDemo(repos, m, bar.update);
  bar.stop();
  console.log(`  Demodata klar på ${report.seconds.toFixed(1)} s.`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(demoFile, JSON.stringify(demo));
}

const app = await startAppServer(config);
console.log('');
console.log(`  App:             ${app.url}`);
console.log(`  Bot-endepunkt:   ${app.url}/api/messages`);
console.log(`  Graph-emulator:  ${emulator.graphUrl}   (målinger: ${emulator.url}/_emulator/metrics)`);
if (demo) {
  const m = generateMunicipality({ seed: demo.seed, employees: demo.employees, now: new Date(demo.now) });
  console.log('');
  console.log('  Demopersoner:');
  for (const p of demoPersonas(m)) console.log(`    ${p.label.padEnd(22)} ${p.name} <${p.email}>, ${p.unitName}`);
}
console.log('');
console.log('Ctrl-C stopper.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopper …');
    void app
      .close()
      .then(() => emulator.close())
      .then(() => process.exit(0));
  });
}
