// A handful of whistleblowing reports (varsling om kritikkverdige forhold): confidential route, own number series, named recipients.
import { addDays, addYears, daysBetween, reportDeviation, toOsloDate, type Deviation } from '../domain/index.js';
import { progressCase } from './deviation-lifecycle.js';
import { must, workingHours } from './measures.js';
import type { Organisation } from './organisation.js';
import { int, pick, type Random } from './random.js';

export interface WhistleblowingCase {
  readonly report: Deviation;
  /**
   * The named recipients under the whistleblowing routine (seed 003: it follows its own routine and
   * stays confidential); what the access policy gets as `whistleblowingRecipientIds`.
   */
  readonly recipientIds: readonly string[];
}

const TEMPLATES: readonly (readonly [title: string, description: string])[] = [
  ['Varsel om trakassering i arbeidsmiljøet', 'Varsler opplever at en kollega over tid er utsatt for nedsettende kommentarer og utestenging, uten at leder har grepet inn.'],
  ['Varsel om brudd på anskaffelsesreglene', 'Varsler mener at en avtale om kjøp av tjenester er inngått uten konkurranse, i strid med regelverket.'],
  ['Varsel om uforsvarlig bemanning', 'Varsler mener at bemanningen over lang tid har vært så lav at tjenesten ikke er forsvarlig, og at dette er tatt opp uten at noe har skjedd.'],
  ['Varsel om privat bruk av tjenestebil', 'Varsler har flere ganger sett at tjenestebil er brukt til private formål i helgene.'],
  ['Varsel om mangelfull journalføring', 'Varsler mener at vedtak og journalnotater med vilje ikke blir ført, slik at saker ikke kan etterprøves.'],
  ['Varsel om inhabilitet i saksbehandling', 'Varsler mener at en saksbehandler har behandlet en søknad fra en nær bekjent.'],
  ['Varsel om brudd på taushetsplikten', 'Varsler har sett at taushetsbelagte opplysninger er delt i en åpen kanal med mange mottakere.'],
];

const NO_MEASURE_REASONS = [
  'Behandlet etter varslingsrutinen; oppfølgingen skjer i personalsak.',
  'Forholdet er undersøkt og rettet. Varsler er orientert.',
];
const CLOSING_NOTES = ['Varslingssaken er undersøkt og avsluttet. Varsler er orientert om utfallet.', 'Avsluttet etter undersøkelse; ingen kritikkverdige forhold funnet. Varsler er orientert.'];

/** About one report a year per 1,600 employees, at least three: five for 4,000 employees over two years. */
export function whistleblowingCount(employees: number, years: number): number {
  return Math.max(3, Math.round((employees * years) / 1600));
}

export function generateWhistleblowing(random: Random, org: Organisation, now: Date, years: number): WhistleblowingCase[] {
  const { directory: dir } = org;
  const unitById = new Map(org.units.map((u) => [u.id, u]));
  const hr = unitById.get('hr');
  const hrUnitLeader = org.units.find((u) => u.level === 'unit' && u.parentId === 'hr')?.leaderId;
  const reporters = org.plan.filter((n) => n.level === 'service' || n.level === 'unit');
  const today = toOsloDate(now);
  const first = addDays(addYears(today, -years), 1);
  const span = daysBetween(first, today);

  const dates = Array.from({ length: whistleblowingCount(org.people.length, years) }, () => {
    const date = addDays(first, int(random, 0, span));
    return Math.min(now.getTime() - 60_000, workingHours(random, Date.parse(`${date}T00:00:00.000Z`)));
  }).sort((a, b) => a - b);

  const sequences = new Map<number, number>();
  return dates.map((ms, i) => {
    const node = pick(random, reporters);
    const reporterId = pick(random, dir.members.get(node.id) ?? []);
    const unitId = node.level === 'service' && node.parentId ? node.parentId : node.id;
    const inHr = unitById.get(unitId)?.parentId === 'hr';
    // The HR head and the HR unit leader receive; when the report concerns HR, the chief executive and the safety representative.
    const recipients = (inHr || !hr ? [dir.chiefExecutiveId, dir.mainSafetyRepId] : [hr.leaderId, hrUnitLeader ?? dir.chiefExecutiveId]).filter(
      (id) => id !== reporterId,
    );
    const reportedAt = new Date(ms);
    const year = Number(toOsloDate(reportedAt).slice(0, 4));
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const [title, description] = pick(random, TEMPLATES);
    const report = must(
      reportDeviation(
        { id: `whistleblowing-${String(i + 1).padStart(4, '0')}`, sequence, kind: 'whistleblowingReport', title, description, reporterId, unitId, consequenceFor: ['organisation'] },
        reportedAt,
      ),
      'whistleblowing report',
    );
    const handlerId = recipients[0] ?? dir.chiefExecutiveId;
    const progressed = progressCase(random, report, handlerId, { cause: null, noMeasureReasons: NO_MEASURE_REASONS, closingNotes: CLOSING_NOTES }, {
      now,
      persons: dir.persons,
      nextMeasureId: () => '',
      measureChance: () => 0, // measures would show on the unit's action list and reveal the case
      ownerCandidates: () => [],
    });
    return { report: progressed.deviation, recipientIds: recipients };
  });
}
