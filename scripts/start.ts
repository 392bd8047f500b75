// `npm start`: the whole local stack with no network and no credentials — Graph emulator, provisioning, demo data on first run, app server with the bot.
// `npm run playground` (`npm start -- --playground [--as <persona>]`): the same, plus Microsoft 365 Agents Playground to chat with the bot.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startConnectorStandIn } from '../infra/connector-stand-in/connector-stand-in.js';
import { startEmulator } from '../infra/graph-emulator/server.js';
import { DEMO_DEFAULTS, type DemoPersona, type PersonaKey, demoPersonas, generateMunicipality } from '../src/demo/index.js';
import { composeApp } from '../src/server/compose.js';
import { LOCAL_APP, readConfig } from '../src/server/config.js';
import { progressBar } from '../src/server/seed-cli.js';
import { isEmpty, seedDemo, seedMissingCommittees } from '../src/server/seed.js';
import { connectorTeams, demoChannelPlan, installDemoBot, seedCommitteeWork } from '../src/server/seed-committee-demo.js';
import { startAppServer } from '../src/server/serve.js';
import { openStack } from '../src/server/stack.js';

const args = process.argv.slice(2);
const withPlayground = args.includes('--playground');
const PERSONA_KEYS: readonly PersonaKey[] = ['employee', 'serviceLeader', 'unitLeader', 'sectorHead', 'qualityAdviser', 'chiefExecutive'];
const asArg = args.includes('--as') ? args[args.indexOf('--as') + 1] : undefined;
if (asArg !== undefined && !PERSONA_KEYS.includes(asArg as PersonaKey)) {
  console.error(`--as tar en av ${PERSONA_KEYS.join(', ')}.`);
  process.exit(2);
}
const asPersona = asArg as PersonaKey | undefined;
// Agents Playground cannot sign what it sends: the bot admits unsigned activities from this machine for this run only.
if (withPlayground) process.env.BOT_ALLOW_UNSIGNED_LOCAL = '1';

const dataDir = process.env.VARDE_DATA_DIR ?? '.data';
const emulator = await startEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 5099),
  dataDir: process.env.EMULATOR_DATA_DIR ?? join(dataDir, 'graph'),
  hostname: process.env.SP_HOSTNAME ?? 'varde-demo.sharepoint.com',
});
// The app finds Graph as it would in a tenant: by its base URL alone.
process.env.GRAPH_BASE_URL = emulator.graphUrl;
// Reports submitted while Graph is unreachable wait on disk, beside the emulator's data, and survive a restart.
process.env.VARDE_PENDING_DIR ??= join(dataDir, 'pending-reports');
// The daily reminder digest (issue 9) runs at 08:00 Oslo time; its lease, run date and delivery records survive a restart.
process.env.VARDE_REMINDERS ??= 'on';
process.env.VARDE_SCHEDULE_DIR ??= join(dataDir, 'schedule');
const config = readConfig();

console.log('Varde — lokal kjøring');
const stack = await openStack(config, (line) => console.log(`  ${line}`));
const { repos } = stack;

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
} else {
  // Demo data from before the inbox's and the action list's columns (SectorId, SeverityRank, StatusRank) gets them now;
  // a no-op once done.
  const [cases, measures] = await Promise.all([repos.backfillDerivedColumns(), repos.backfillMeasureSectors()]);
  if (cases + measures > 0) console.log(`  ${cases} saker og ${measures} tiltak fikk kommunalsjefområde (sakene også rangering) for innboksen og aksjonslisten.`);
}
const generated = demo ? generateMunicipality({ seed: demo.seed, employees: demo.employees, now: new Date(demo.now) }) : undefined;
const personas = generated ? demoPersonas(generated) : [];
// Committees a demo from an older run could not store (ids too long for the key columns, before they were made to fit).
if (generated) {
  const added = await seedMissingCommittees(repos, generated);
  if (added > 0) console.log(`  ${added} kvalitetsutvalg lagt til.`);
}

// The demo's Teams: a Bot Connector stand-in on a fixed port (the leader channels' conversation references name it), with
// the demo's leader teams and their channels; what the bot posts there is kept under .data/ and shown at /_connector/.
const [units, committees] = await Promise.all([repos.organisation.allUnits(), repos.committees.list()]);
const unitLeader = personas.find((p) => p.key === 'unitLeader');
const channelPlan = demoChannelPlan(units, committees, unitLeader ? [unitLeader.unitId] : []);
const connector = await startConnectorStandIn({
  auth: { issuer: emulator.issuer.issuerUrl(), keys: emulator.issuer.keys, ...(config.bot ? { appId: config.bot.appId } : {}) },
  teams: connectorTeams(channelPlan),
  port: Number(process.env.CONNECTOR_PORT ?? Number(process.env.EMULATOR_PORT ?? 5099) + 1),
  maxActivities: 2000,
  file: join(dataDir, 'connector', 'activities.json'),
});

// In the demo, whistleblowing reports go to the quality adviser unless VARDE_WHISTLEBLOWING_RECIPIENTS says otherwise.
const adviser = personas.find((p) => p.key === 'qualityAdviser');
const composition = composeApp(config, stack, {
  ...(config.whistleblowingRecipientIds.length === 0 && adviser ? { whistleblowingRecipientIds: [adviser.personId] } : {}),
  // The local sign-in page offers them (POST /api/local/sign-in { persona }).
  personas,
});
await composition.ready;
const app = await startAppServer(config, composition.app);

// Varde in the demo's leader teams (as Teams tells the bot), committees linked and meetings planned: only what is missing.
if (personas.length > 0 && config.bot) {
  const started = Date.now();
  try {
    const installed = await installDemoBot({
      plan: channelPlan,
      botEndpoint: `${app.url}/api/messages`,
      serviceUrl: connector.url,
      appId: config.bot.appId,
      tenantId: config.auth.tenantId,
      sign: (audience, serviceUrl) => emulator.issuer.botFramework.sign(audience, serviceUrl),
      references: repos.conversationReferences,
    });
    const sectorCommittees = committees.filter((c) => c.kind === 'sectorQualityCommittee' || c.kind === 'extendedLeadershipMeeting' || c.kind === 'executiveLeadershipGroup' || c.kind === 'patientSafetyCommittee' || c.unitId === unitLeader?.unitId);
    const work = await seedCommitteeWork({
      appUrl: app.url,
      plan: channelPlan,
      committeeIds: sectorCommittees.map((c) => c.id),
      measureOwnerIds: units.filter((u) => u.level === 'sector').map((u) => u.leaderId),
      now: () => new Date(),
    });
    // After the committees' own links: until then a sector committee would take its unit's leader channel for its own.
    for (const [unitId, channelId] of channelPlan.leaderChannels) if ((await repos.leaderChannels.leaderChannelOf(unitId)) === null) await repos.leaderChannels.setLeaderChannel(unitId, channelId);
    if (installed + work.linked + work.planned > 0) console.log(`  Varde lagt til i ${installed} lederteam, ${work.linked} utvalg koblet til kanal, ${work.planned} møter planlagt${work.pastKulMeeting ? ', forrige KUL-møte med vedtak' : ''} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  } catch (err) {
    // The demo runs without its channels rather than not at all; the next start tries again.
    console.log(`  Lederkanalene i demoen kunne ikke settes opp: ${err instanceof Error ? err.message : String(err)}`);
  }
}
console.log('');
// The app serves the tab at its root; outside Teams the tab offers the local sign-in (a demo persona, local runs only).
console.log(`  Fanen:           ${app.url}/   (logg inn lokalt ved å velge en demoperson på siden)`);
console.log(`  Bot-endepunkt:   ${app.url}/api/messages`);
console.log(`  Graph-emulator:  ${emulator.graphUrl}   (målinger: ${emulator.url}/_emulator/metrics)`);
console.log(`  Teams (lokalt):  ${connector.url}_connector/conversations   (det boten har postet; …/conversations/<kanal-id>/activities per kanal)`);
if (personas.length > 0) {
  console.log('');
  console.log('  Demopersoner (velg en av dem når du logger inn i fanen):');
  for (const p of personas) console.log(`    ${p.label.padEnd(22)} ${p.name} <${p.email}>, ${p.unitName}`);
}

let playground: ChildProcess | undefined;
if (withPlayground) playground = await startPlayground(`${app.url}/api/messages`, personas);
console.log('');
console.log('Ctrl-C stopper.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopper …');
    if (playground?.exitCode === null) playground.kill('SIGTERM');
    // The app's last writes (the read log, waiting reports) first, while Graph is still there.
    void composition
      .stop()
      .then(() => app.close())
      .then(() => connector.close())
      .then(() => emulator.close())
      .then(() => process.exit(0));
  });
}

/**
 * Starts Microsoft 365 Agents Playground against the bot, as the demo personas (one of them the current user, by
 * default the employee). It would open the system browser through xdg-open: the stand-in scripts/xdg-open comes first
 * on its PATH and only notes the URL, which is printed here. Telemetry is off, and the child gets no credentials.
 */
async function startPlayground(botEndpoint: string, people: DemoPersona[]): Promise<ChildProcess> {
  const dir = resolve(dataDir, 'playground');
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'config.yml');
  writeFileSync(configPath, JSON.stringify(playgroundConfig(people, asPersona), null, 2));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/SECRET|PASSWORD|TOKEN|^AZURE_|^MICROSOFT_|^BOT_/i.test(key)) env[key] = value;
  Object.assign(env, {
    PATH: `${resolve(import.meta.dirname)}:${process.env.PATH ?? ''}`,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
    M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
    VARDE_OPEN_URL_FILE: join(dir, 'opened-urls.txt'),
  });
  const cli = resolve(import.meta.dirname, '../node_modules/@microsoft/m365agentsplayground/cli.js');
  const port = process.env.PLAYGROUND_PORT ?? '56150';
  // cwd: the playground writes a devTools/ folder where it runs.
  const child = spawn(process.execPath, [cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', port, '--disable-telemetry'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`Agents Playground stoppet (kode ${code}).`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Listening on (\d+)/.exec(seen);
      if (match) resolveUrl(`http://localhost:${match[1]}`);
    });
  });
  child.stdout?.resume();
  const current = people.find((p) => p.key === (asPersona ?? 'employee'));
  console.log('');
  console.log(`  Agents Playground: ${url}   (åpne i nettleseren; du er ${current ? `${current.name}, ${current.label.toLowerCase()}` : 'testbrukeren'})`);
  return child;
}

/** The playground's mock tenant: the demo personas as its users, so the bot sees people the municipality knows. */
function playgroundConfig(people: DemoPersona[], currentKey: PersonaKey | undefined) {
  const user = (p: DemoPersona) => {
    const parts = p.name.split(' ');
    return { id: `29:${p.personId}`, name: p.name, userPrincipleName: p.email, aadObjectId: p.personId, givenName: parts.slice(0, -1).join(' ') || p.name, surname: parts.at(-1) ?? '', email: p.email };
  };
  const current = people.find((p) => p.key === (currentKey ?? 'employee'));
  const others = people.filter((p) => p !== current).slice(0, 5);
  const base = {
    version: '0.1.1',
    tenantId: LOCAL_APP.tenantId,
    bot: { id: `28:${LOCAL_APP.clientId}`, name: 'Varde' },
    personalChat: { id: 'a:varde-personlig-chat' },
    groupChat: { id: '19:varde-gruppechat@thread.v2', name: 'Varde-gruppechat' },
    team: { id: '19:varde-kvalitet@thread.tacv2', name: 'Kvalitet', aadGroupId: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', channels: [{ id: '19:varde-ledere@thread.tacv2', name: 'Ledere' }] },
  };
  // Without demo personas (data from before demo.json was kept) the playground's own users stand in.
  if (!current || others.length < 5) return { ...base, ...PLAYGROUND_USERS };
  return { ...base, currentUser: user(current), users: others.map(user) };
}

const PLAYGROUND_USERS = {
  currentUser: { id: 'user-id-0', name: 'Alex Wilber', userPrincipleName: 'alexw@example.com', aadObjectId: '00000000-0000-0000-0000-0000000000020', givenName: 'Alex', surname: 'Wilber', email: 'alexw@example.com' },
  users: [1, 2, 3, 4, 5].map((i) => ({
    id: `user-id-${i}`,
    name: `Testbruker ${i}`,
    userPrincipleName: `test${i}@example.com`,
    aadObjectId: `00000000-0000-0000-0000-00000000002${i}`,
    givenName: 'Testbruker',
    surname: String(i),
    email: `test${i}@example.com`,
  })),
};
