// Compares the declared schema with what a tenant has and lists the steps to make them match; pure, so --dry-run and tests see the same plan.
import type { ListSpec, SiteKey } from '../schema/schema-types.js';
import { type GraphColumn, columnBody, columnDrift } from './column-definition.js';

export interface ExistingList {
  id: string;
  displayName: string;
  template: string;
  columns: GraphColumn[];
}

/** What provisioning read from a site; `undefined` lists mean the site does not exist. */
export interface SiteState {
  siteId?: string;
  lists: ExistingList[];
}

export type Step =
  | { kind: 'createList'; site: SiteKey; list: ListSpec }
  | { kind: 'createColumn'; site: SiteKey; list: ListSpec; column: ListSpec['columns'][number] }
  | { kind: 'updateColumn'; site: SiteKey; list: ListSpec; columnName: string; columnId: string; changes: Record<string, unknown>; reasons: string[] }
  | { kind: 'conflict'; site: SiteKey; list: ListSpec; reason: string };

/** Steps in a safe order: lists first, then their columns; a step never deletes. */
export function planProvisioning(specs: readonly ListSpec[], state: Record<SiteKey, SiteState>): Step[] {
  const steps: Step[] = [];
  for (const list of specs) {
    const existing = state[list.site].lists.find((l) => l.displayName.toLowerCase() === list.displayName.toLowerCase());
    if (!existing) {
      // A new list is created with all its columns at once (one request), as Graph allows.
      steps.push({ kind: 'createList', site: list.site, list });
      continue;
    }
    const wantedTemplate = list.template;
    if (existing.template !== wantedTemplate) {
      steps.push({ kind: 'conflict', site: list.site, list, reason: `listen ${list.displayName} finnes, men som ${existing.template}` });
      continue;
    }
    for (const column of list.columns) {
      const have = existing.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
      if (!have) {
        steps.push({ kind: 'createColumn', site: list.site, list, column });
        continue;
      }
      const drift = columnDrift(column, have);
      if (drift.kind === 'update')
        steps.push({ kind: 'updateColumn', site: list.site, list, columnName: column.name, columnId: have.id, changes: drift.changes, reasons: drift.reasons });
      if (drift.kind === 'conflict') steps.push({ kind: 'conflict', site: list.site, list, reason: drift.reason });
    }
  }
  return steps;
}

/** One line per step, in Norwegian, for the plan that `--dry-run` prints and the log of a real run. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createList':
      return `Opprett ${step.list.template === 'documentLibrary' ? 'dokumentbibliotek' : 'liste'} «${step.list.displayName}» med ${step.list.columns.length} kolonner`;
    case 'createColumn':
      return `Legg til kolonnen ${step.column.name} i «${step.list.displayName}»`;
    case 'updateColumn':
      return `Oppdater kolonnen ${step.columnName} i «${step.list.displayName}» (${step.reasons.join(', ')})`;
    case 'conflict':
      return `KONFLIKT i «${step.list.displayName}»: ${step.reason}. Endres ikke automatisk.`;
  }
}

/** The `POST …/lists` body for a new list with its columns. */
export function listBody(list: ListSpec): Record<string, unknown> {
  return {
    displayName: list.displayName,
    description: list.description,
    list: { template: list.template },
    columns: list.columns.map((c) => columnBody(c)),
  };
}
