// Writes a generated demo municipality into SharePoint through the repositories: idempotent by import keys, so a broken run is simply run again.
import { createHash } from 'node:crypto';
import type { BulkCreateResult } from '../app/ports/index.js';
import type { DemoMunicipality } from '../demo/index.js';
import { type CaseSeries, caseSeriesOf, parseCaseNumber } from '../domain/index.js';
import type { SharePointRepositories } from '../sharepoint/repositories/index.js';
import { seedProcedures } from './seed-procedures.js';

export type SeedProgress = (step: string, done: number, total: number) => void;

export interface SeedReport {
  created: number;
  alreadyPresent: number;
  failed: number;
  seconds: number;
}

/** The demo seed's import keys: stable for a seed, so a second run finds what the first wrote; long ids are hashed to fit the column. */
function keyOf(m: DemoMunicipality, kind: string, id: string): string {
  const key = `demo:${m.seed}:${kind}:${id}`;
  return key.length <= 64 ? key : `demo:${m.seed}:${kind}:#${createHash('sha256').update(id).digest('base64url').slice(0, 32)}`;
}

/** Bulk rows go in slices, so a progress bar moves and a failure loses little. */
const SLICE = 500;

async function inSlices<T>(step: string, rows: readonly T[], write: (slice: readonly T[]) => Promise<BulkCreateResult>, progress: SeedProgress, total: SeedReport) {
  for (let at = 0; at < rows.length; at += SLICE) {
    const result = await write(rows.slice(at, at + SLICE));
    total.created += result.created;
    total.alreadyPresent += result.alreadyPresent;
    total.failed += result.failed.length;
    progress(step, Math.min(at + SLICE, rows.length), rows.length);
  }
}


export async function seedDemo(repos: SharePointRepositories, m: DemoMunicipality, progress: SeedProgress = () => {}): Promise<SeedReport> {
  const started = Date.now();
  const total: SeedReport = { created: 0, alreadyPresent: 0, failed: 0, seconds: 0 };
  progress('Enheter', 0, m.units.length);
  const units = await repos.organisation.upsertUnits(m.units);
  total.created += units.created;
  progress('Enheter', m.units.length, m.units.length);
  for (let at = 0; at < m.people.length; at += SLICE) {
    const r = await repos.organisation.upsertPeople(m.people.slice(at, at + SLICE));
    total.created += r.created;
    progress('Personer', Math.min(at + SLICE, m.people.length), m.people.length);
  }
  await inSlices('Kvalitetsutvalg', m.committees.map((c) => ({ importKey: keyOf(m, 'committee', c.id), value: c })), (s) => repos.committees.createMany(s), progress, total);
  // Issue 8: real .docx and .pdf files with the workflow's metadata, approved ones published, a few reading lists.
  const procedures = await seedProcedures(repos, m, (done, all) => progress('Dokumenter', done, all));
  total.created += procedures.created + procedures.readingEntries + procedures.confirmations;
  total.alreadyPresent += procedures.alreadyPresent;
  total.failed += procedures.failed;
  await inSlices('Avvik', m.deviations.map((d) => ({ importKey: keyOf(m, 'deviation', d.id), value: d })), (s) => repos.deviations.createMany(s), progress, total);
  await inSlices('Tiltak', m.measures.map((x) => ({ importKey: keyOf(m, 'measure', x.id), value: x })), (s) => repos.measures.createMany(s), progress, total);
  await inSlices('Risikovurderinger', m.riskAssessments.map((a) => ({ importKey: keyOf(m, 'risk', a.id), value: a })), (s) => repos.risks.createAssessments(s), progress, total);
  await inSlices('Risikoelementer', m.riskItems.map((i) => ({ importKey: keyOf(m, 'riskItem', i.id), value: i })), (s) => repos.risks.createItems(s), progress, total);
  // The yearly round and KLG's proposals from it: a handful of records, each create idempotent on its id.
  for (const round of m.riskRounds ?? []) {
    await repos.riskStore.createRound(round);
  }
  for (let at = 0; at < (m.agendaItems ?? []).length; at += 10) {
    await Promise.all((m.agendaItems ?? []).slice(at, at + 10).map((item) => repos.agenda.create(item)));
    progress('Saker til KLG', Math.min(at + 10, m.agendaItems.length), m.agendaItems.length);
  }
  await inSlices('Varsler', m.whistleblowing.map((w) => ({ importKey: keyOf(m, 'whistleblowing', w.report.id), value: w.report })), (s) => repos.deviations.createMany(s), progress, total);
  // New reports must continue after the numbers the demo used.
  const highest = new Map<string, number>();
  for (const d of [...m.deviations, ...m.whistleblowing.map((w) => w.report)]) {
    const parts = parseCaseNumber(d.caseNumber);
    if (!parts.ok) continue;
    const key = `${caseSeriesOf(d.kind)}:${parts.value.year}`;
    highest.set(key, Math.max(highest.get(key) ?? 0, parts.value.sequence));
  }
  for (const [key, n] of highest) {
    const [series, year] = key.split(':') as [CaseSeries, string];
    await repos.caseNumbers.raiseTo(series, Number(year), n);
  }
  total.seconds = (Date.now() - started) / 1000;
  return total;
}

/**
 * The demo's committees that are not stored yet (a demo seeded before committee ids were made to fit the 64-character
 * key columns lost those of long-named services), by the seed's own import keys: one paged read when none is missing.
 */
export async function seedMissingCommittees(repos: SharePointRepositories, m: DemoMunicipality): Promise<number> {
  const stored = new Set((await repos.committees.list()).map((c) => c.id));
  const missing = m.committees.filter((c) => !stored.has(c.id));
  if (missing.length === 0) return 0;
  const result = await repos.committees.createMany(missing.map((c) => ({ importKey: keyOf(m, 'committee', c.id), value: c })));
  return result.created;
}

/** An empty quality site has no organisation yet: that is when `npm start` seeds. */
export async function isEmpty(repos: SharePointRepositories): Promise<boolean> {
  return (await repos.organisation.allUnits()).length === 0;
}
