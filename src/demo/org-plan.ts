// Plans the demo organisation: which sectors, units and services exist, their names and how many people work directly in each.
import { SECTORS, UNIT_SPECS, type Area, type UnitSpec } from './catalogue.js';
import { PLACE_NAMES } from './names.js';
import { shuffle, type Random } from './random.js';
import { slug } from './text.js';

/** Named positions in the central staff (kommunedirektørens stab and the sector heads' staff). */
export type Position =
  | 'chiefExecutive'
  | 'qualityAdviser'
  | 'staffAdviser'
  | 'sectorHead'
  | 'qualityCoordinator'
  | 'chiefMunicipalPhysician'
  | 'userRepresentative';

export interface PlannedNode {
  readonly id: string;
  readonly name: string;
  readonly level: 'municipality' | 'sector' | 'unit' | 'service';
  readonly parentId: string | null;
  /** The sector's code ('mh'); null for the municipality. */
  readonly sectorCode: string | null;
  readonly area: Area;
  /** The unit's kind from the catalogue ('nursingHome'); services inherit it. */
  readonly kind: string;
  /** People whose place of work is this node itself (not the nodes below). */
  readonly size: number;
  /** For central nodes: who the people are, in order; their count is the size. */
  readonly positions: readonly Position[];
  readonly userRepresentative: boolean;
}

/** Parents come before their children. */
export type OrganisationPlan = readonly PlannedNode[];

export const MUNICIPALITY_ID = 'kommune';

// Kommunedirektøren, the two quality advisers of "kvalitet og internkontroll" (seeds 000, 001),
// the emergency preparedness coordinator and an adviser.
const MUNICIPALITY_STAFF: readonly Position[] = ['chiefExecutive', 'qualityAdviser', 'qualityAdviser', 'staffAdviser', 'staffAdviser'];

function sectorStaff(code: string): Position[] {
  const spec = SECTORS.find((s) => s.code === code);
  if (!spec) throw new RangeError(`Unknown sector ${code}`);
  return [
    'sectorHead',
    ...Array<Position>(spec.coordinators).fill('qualityCoordinator'),
    'staffAdviser',
    ...(code === 'mh' ? (['chiefMunicipalPhysician'] as Position[]) : []),
    ...Array<Position>(spec.userRepresentatives).fill('userRepresentative'),
  ];
}

interface Leaf {
  readonly index: number; // into the nodes list
  readonly weight: number;
  readonly min: number;
}

const UNIT_OWN_SHARE = 0.06; // leader, deputy and administration at unit level

/** How many units of a kind: the catalogue's count at 4,000 employees, growing with the square root above. */
export function unitCount(spec: UnitSpec, employees: number): number {
  return spec.count === undefined ? 1 : Math.max(1, Math.round(spec.count * Math.sqrt(Math.max(1, employees / 4000))));
}

function placeDrawer(random: Random): () => string {
  let pool: string[] = [];
  let round = 0;
  return () => {
    if (pool.length === 0) {
      round++;
      pool = shuffle(random, PLACE_NAMES).map((p) => (round === 1 ? p : `${p} ${round}`));
    }
    return pool.pop() as string;
  };
}

/** The plan for `employees` people in total (every person, leaders and staff included). */
export function planOrganisation(random: Random, employees: number, municipalityName: string): OrganisationPlan {
  const nodes: PlannedNode[] = [];
  const leaves: Leaf[] = [];
  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
    ids.add(id);
    return id;
  };
  const central = (node: Omit<PlannedNode, 'size' | 'userRepresentative'>) =>
    nodes.push({ ...node, size: node.positions.length, userRepresentative: false });

  central({ id: uniqueId(MUNICIPALITY_ID), name: municipalityName, level: 'municipality', parentId: null, sectorCode: null, area: 'office', kind: 'municipality', positions: MUNICIPALITY_STAFF });
  for (const sector of SECTORS) {
    central({ id: uniqueId(sector.code), name: sector.name, level: 'sector', parentId: MUNICIPALITY_ID, sectorCode: sector.code, area: 'office', kind: 'sector', positions: sectorStaff(sector.code) });
  }

  const placesByKind = new Map<string, () => string>();
  for (const spec of UNIT_SPECS) {
    const drawPlace = placesByKind.get(spec.kind) ?? placeDrawer(random);
    placesByKind.set(spec.kind, drawPlace);
    for (let u = 0; u < unitCount(spec, employees); u++) {
      const name = spec.name.replace('{place}', drawPlace);
      const unitId = uniqueId(`${spec.sector}-${slug(name)}`);
      const own = spec.services.length === 0 ? 1 : UNIT_OWN_SHARE;
      const base = { sectorCode: spec.sector, area: spec.area, kind: spec.kind, positions: [], userRepresentative: spec.userRepresentative ?? false };
      leaves.push({ index: nodes.length, weight: spec.size * own, min: spec.services.length === 0 ? 3 : 2 });
      nodes.push({ ...base, id: unitId, name, level: 'unit', parentId: spec.sector, size: 0 });

      const servicePlace = placeDrawer(random);
      const totalWeight = spec.services.reduce((sum, x) => sum + x.weight, 0);
      for (const service of spec.services) {
        const serviceName = service.name.replace('{place}', servicePlace);
        leaves.push({ index: nodes.length, weight: (spec.size * (1 - own) * service.weight) / totalWeight, min: 3 });
        nodes.push({ ...base, id: uniqueId(`${unitId}-${slug(serviceName)}`), name: serviceName, level: 'service', parentId: unitId, size: 0 });
      }
    }
  }

  const centralSize = nodes.reduce((sum, n) => sum + n.size, 0);
  const sizes = allocate(employees - centralSize, leaves, centralSize);
  leaves.forEach((leaf, i) => {
    nodes[leaf.index] = { ...(nodes[leaf.index] as PlannedNode), size: sizes[i] as number };
  });
  return nodes;
}

/** Minimums first, then the rest in proportion to the weights, with largest remainders: the sizes sum to `total` exactly. */
function allocate(total: number, leaves: readonly Leaf[], centralSize: number): number[] {
  const minimum = leaves.reduce((sum, l) => sum + l.min, 0);
  if (total < minimum) throw new RangeError(`The demo municipality needs at least ${minimum + centralSize} employees`);
  const extra = total - minimum;
  const weight = leaves.reduce((sum, l) => sum + l.weight, 0);
  const exact = leaves.map((l) => (l.weight / weight) * extra);
  const sizes = leaves.map((l, i) => l.min + Math.floor(exact[i] as number));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    sizes[i] = (sizes[i] as number) + 1;
  }
  return sizes;
}
