// Procedures benchmark (issue 8): publishing a procedure that applies to 4,000 employees under SharePoint's budget of
// 2,500 resource units a minute — the reading-list entries through $batch, against the floor the budget sets — and the
// daily digest to those who have the bot, through the Bot Connector stand-in with Teams' rate limits on.
//
// Part 1 runs the procedure use cases over the repositories and a Graph client paced to the budget, the emulator
// enforcing the same budget; the messenger is a stand-in that reaches nobody (no Teams here: part 2 is about Teams).
// Part 2 runs the app as `npm start` composes it (the 4,000-employee demo), the bot's real messenger and the Bot
// Connector stand-in, which refuses (429) anything over 7 a second per conversation or 30 a second for the app.
import { keyWindows } from '../../src/app/case-work/query-plan.js';
import { createProcedureModule } from '../../src/app/procedures/index.js';
import type { Messenger } from '../../src/app/ports/index.js';
import { generateMunicipality } from '../../src/demo/index.js';
import { type OrgUnits, type Person, orgUnitsById } from '../../src/domain/index.js';
import { startEmulator } from '../../infra/graph-emulator/server.js';
import { startAppStack } from '../support/app-stack.js';
import { TEAMS_RATE_LIMITS } from '../support/connector-stand-in.js';
import { docx } from '../support/procedure-town.js';
import { provisionedSite } from '../support/varde-site.js';
import type { EmulatorMetrics } from '../support/varde-site.js';
import type { BenchResult } from './run.js';

const BUDGET = 2500;
const EMPLOYEES = Number(process.env.BENCH_PROCEDURE_EMPLOYEES ?? 4000);
/** People of those who have the bot installed (a personal chat to send the digest to). */
const REACHABLE = Number(process.env.BENCH_DIGEST_REACHABLE ?? 1000);
/** What one reading-list entry costs: a create (one $batch part) is 2 resource units. */
const RU_PER_ENTRY = 2;

export async function proceduresBench(): Promise<BenchResult[]> {
  return [...(await publishing()), ...(await digest())];
}

// ── Part 1: publishing to 4,000 under the budget ───────────────────────────────────────────────────────────────

async function publishing(): Promise<BenchResult[]> {
  const em = await startEmulator({ dataDir: ':memory:' });
  try {
    const { repos, control, siteIds } = await provisionedSite(em, { userAgent: 'NONISV|Bench|Varde/0', ruPerMinute: BUDGET });
    for (const library of ['Prosedyrer', 'Styringsdokumenter']) await control('libraries/versioning', { site: siteIds.quality, list: library, minorVersions: true });
    const m = generateMunicipality({ seed: 8, employees: EMPLOYEES, now: new Date('2026-11-23T12:00:00Z') });
    await repos.organisation.upsertUnits(m.units);
    for (let at = 0; at < m.people.length; at += 500) await repos.organisation.upsertPeople(m.people.slice(at, at + 500));
    const units = orgUnitsById(m.units);
    const people = new Map(m.people.map((p) => [p.id, p]));
    const root = m.units.find((u) => u.parentId === null);
    const adviser = m.people.find((p) => p.roles.includes('qualityAdviser'));
    const chief = root ? people.get(root.leaderId) : undefined;
    if (!root || !adviser || !chief) throw new Error('the demo has no municipality, adviser or chief executive');

    const nobody: Messenger = { sendToPerson: async () => null, sendToChannel: async () => null, updateCard: async () => undefined };
    const module = createProcedureModule(
      {
        library: repos.procedures.library,
        reading: repos.procedures.reading,
        selfAssessments: repos.procedures.selfAssessments,
        measures: repos.measures,
        organisation: repos.organisation,
        org: { units: async (): Promise<OrgUnits> => units, person: async (id): Promise<Person | null> => people.get(id) ?? null },
        messenger: nobody,
        config: { tabBaseUrl: 'https://varde.example' },
      },
      { indexIntervalMs: 0 },
    );
    const created = await module.procedures.create(
      adviser,
      { kind: 'procedure', title: 'Informasjonssikkerhet for alle ansatte', description: '', documentType: 'procedure', ownerUnitId: root.id, ownerArea: null, reviewerId: adviser.id, appliesToUnitIds: [root.id], appliesToRoles: [], relatedRiskItemIds: [], keywords: [] },
      { name: 'Informasjonssikkerhet.docx', bytes: docx('Informasjonssikkerhet', 'Lås skjermen når du går fra den.') },
    );
    const sent = await module.procedures.submit(adviser, created.value.id, created.etag, { substantive: true, changeNote: null });
    const audience = m.people.length;

    // From here the emulator enforces the tenant's budget, and the client paces itself to it.
    await control('faults', { ruPerMinute: BUDGET });
    await control('metrics/reset');
    const started = performance.now();
    const ticker = setInterval(() => process.stdout.write(`\r  publishing to ${audience} people: ${((performance.now() - started) / 1000).toFixed(0)} s`), 5000);
    const decided = await module.procedures.decide(chief, sent.value.id, { outcome: 'approve', comment: null }, { etag: sent.etag });
    await module.idle();
    clearInterval(ticker);
    const minutes = (performance.now() - started) / 60_000;
    console.log('');
    const used = (await (await fetch(`${em.url}/_emulator/metrics`)).json()) as EmulatorMetrics;
    const entries = (await repos.procedures.reading.entriesForVersion(sent.value.id, decided.stored.value.approvedVersion ?? '', keyWindows(m.people.map((p) => p.id)))).length;
    if (entries !== audience) throw new Error(`expected ${audience} reading-list entries, found ${entries}`);
    const floor = (audience * RU_PER_ENTRY) / BUDGET;
    return [
      { name: `publishing to ${audience} employees: reading-list entries at ${BUDGET} RU/min`, value: minutes, unit: 'min', target: { op: '<=', value: floor * 1.25 } },
      { name: `floor set by the budget (${RU_PER_ENTRY} RU per entry)`, value: floor, unit: 'min' },
      { name: 'reading-list entries created', value: entries, unit: 'entries', target: { op: '>=', value: audience } },
      { name: 'requests refused for budget (429)', value: used.statuses['429'] ?? 0, unit: 'requests', target: { op: '<=', value: 0 } },
      { name: 'resource units spent publishing', value: used.resourceUnits.total, unit: 'RU', detail: `${(used.resourceUnits.total / audience).toFixed(2)} RU per employee` },
      { name: '$batch requests', value: used.requests.byRoute['POST /$batch'] ?? 0, unit: 'requests' },
    ];
  } finally {
    await em.close();
  }
}

// ── Part 2: the daily digest through Teams' limits ─────────────────────────────────────────────────────────────

async function digest(): Promise<BenchResult[]> {
  const now = new Date('2026-03-02T09:00:00Z');
  const stack = await startAppStack({ demo: { employees: EMPLOYEES, seed: 2026, now, years: 1 }, now: () => new Date() });
  try {
    const demo = stack.demo;
    if (!demo) throw new Error('no demo');
    const root = demo.units.find((u) => u.parentId === null);
    const adviser = demo.people.find((p) => p.roles.includes('qualityAdviser'));
    if (!root || !adviser) throw new Error('the demo has no municipality or adviser');
    const module = stack.composition.procedures;
    const chief = demo.people.find((p) => p.id === root.leaderId) as Person;

    // A procedure for everyone, approved: every employee has it on the reading list.
    const created = await module.procedures.create(
      adviser,
      { kind: 'procedure', title: 'Personvern for alle ansatte', description: '', documentType: 'procedure', ownerUnitId: root.id, ownerArea: null, reviewerId: adviser.id, appliesToUnitIds: [root.id], appliesToRoles: [], relatedRiskItemIds: [], keywords: [] },
      { name: 'Personvern.docx', bytes: docx('Personvern', 'Del ikke personopplysninger i chat.') },
    );
    const sent = await module.procedures.submit(adviser, created.value.id, created.etag, { substantive: true, changeNote: null });
    await module.procedures.decide(chief, sent.value.id, { outcome: 'approve', comment: null }, { etag: sent.etag });
    await module.idle();

    // REACHABLE of them have the bot: their chat references, as the bot saves one on install (one installed for real).
    const reachable = demo.people.slice(0, REACHABLE);
    const first = reachable[0] as Person;
    await stack.bot.install({ aadObjectId: first.id, name: first.name });
    const template = (await stack.repos.conversationReferences.get({ kind: 'person', id: first.id })) as Record<string, unknown>;
    for (let at = 1; at < reachable.length; at += 20) {
      await Promise.all(
        reachable.slice(at, at + 20).map((p) =>
          stack.repos.conversationReferences.save(
            { kind: 'person', id: p.id },
            { ...template, user: { id: `29:${p.id}`, aadObjectId: p.id, name: p.name }, conversation: { id: stack.bot.personalConversationId({ aadObjectId: p.id, name: p.name }), conversationType: 'personal', tenantId: (template.conversation as { tenantId?: string }).tenantId } },
          ),
        ),
      );
    }

    stack.connector.setRateLimits(TEAMS_RATE_LIMITS);
    stack.connector.clear();
    await fetch(`${stack.emulator.url}/_emulator/metrics/reset`, { method: 'POST' });
    const started = performance.now();
    const outcome = await module.sendReadingDigests(new Date());
    const seconds = (performance.now() - started) / 1000;
    const graph = (await (await fetch(`${stack.emulator.url}/_emulator/metrics`)).json()) as EmulatorMetrics;
    const sends = stack.connector.activities.filter((a) => a.operation === 'send' || a.operation === 'createConversation');
    const perConversation = new Map<string, number>();
    for (const a of sends) perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
    let peak = 0;
    const times = sends.map((a) => a.at).sort((x, y) => x - y);
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] as number) - (times[j] as number) >= 1000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const refused = stack.connector.refused.filter((r) => r.status === 429).length;
    return [
      { name: `daily digest: people with something new`, value: outcome.people, unit: 'people' },
      { name: 'digests sent (one per person with the bot)', value: outcome.sent, unit: 'messages', target: { op: '>=', value: reachable.length } },
      { name: 'people without the bot (unreachable)', value: outcome.unreachable, unit: 'people' },
      { name: 'digest run time', value: seconds, unit: 's', detail: `${(outcome.sent / seconds).toFixed(1)} messages/s` },
      { name: 'most messages to one conversation (Teams: 7/s)', value: Math.max(0, ...perConversation.values()), unit: 'messages', target: { op: '<=', value: 1 } },
      { name: 'most sends in any second (Teams: 30/s per app)', value: peak, unit: 'messages', target: { op: '<=', value: TEAMS_RATE_LIMITS.perAppPerSecond } },
      { name: 'sends refused by the connector (429)', value: refused, unit: 'requests', target: { op: '<=', value: 0 } },
      { name: 'Graph requests for the digest run', value: graph.requests.total, unit: 'requests', detail: `${graph.resourceUnits.total} RU` },
    ];
  } finally {
    await stack.stop();
  }
}
