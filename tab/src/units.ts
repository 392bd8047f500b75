// The unit tree for pickers: depth-first order with depth, limited to the subtrees a person works in (pure).
import type { MeView, UnitView } from '../../src/server/api/contract.js';

export interface UnitOption {
  unit: UnitView;
  depth: number;
}

const collator = new Intl.Collator('nb');

/** Depth-first from the roots (units whose parent is not in the list), children by name. */
export function unitTree(units: readonly UnitView[], rootIds?: readonly string[]): UnitOption[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, UnitView[]>();
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(u);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  const out: UnitOption[] = [];
  const seen = new Set<string>();
  const walk = (unit: UnitView, depth: number) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    out.push({ unit, depth });
    for (const child of children.get(unit.id) ?? []) walk(child, depth + 1);
  };
  const roots = rootIds && rootIds.length > 0 ? rootIds.map((id) => byId.get(id)).filter((u): u is UnitView => u !== undefined) : (children.get(null) ?? []);
  for (const root of roots) walk(root, 0);
  return out;
}

/** Where a person's pickers start: everything for those who see all (quality advisers, the chief executive), else the units they lead, else their own unit. */
export function pickerRoots(me: Pick<MeView, 'roles' | 'leadsUnitIds' | 'unitId'>): string[] | undefined {
  if (me.roles.includes('qualityAdviser') || me.roles.includes('chiefExecutive')) return undefined;
  if (me.leadsUnitIds.length > 0) return [...me.leadsUnitIds];
  return [me.unitId];
}

/** The option text: indented with non-breaking spaces, since a native option cannot be padded. */
export function indentedName(option: UnitOption): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(option.depth)}${option.unit.name}`;
}
