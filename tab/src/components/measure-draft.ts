// A measure (tiltak) as typed into a form, what is wrong with it, and the fields every API that adds one takes (pure).
import type { PersonRef } from '../../../src/server/api/contract.js';

export interface MeasureDraft {
  title: string;
  description: string;
  owner: PersonRef | null;
  /** YYYY-MM-DD */
  deadline: string;
}

export function emptyMeasure(): MeasureDraft {
  return { title: '', description: '', owner: null, deadline: '' };
}

export type MeasureProblem = 'title' | 'owner' | 'deadline' | 'deadlinePast';

/** What is wrong with a measure before it is added (empty: nothing); the deadline may not be before today (Oslo). */
export function measureProblems(m: MeasureDraft, today: string): MeasureProblem[] {
  const out: MeasureProblem[] = [];
  if (!m.title.trim()) out.push('title');
  if (!m.owner) out.push('owner');
  if (!m.deadline) out.push('deadline');
  else if (m.deadline < today) out.push('deadlinePast');
  return out;
}

/** The shared part of the case's, the risk row's and the self-assessment's new-measure bodies: trimmed, no empty description. */
export interface MeasureFieldsBody {
  title: string;
  description?: string;
  ownerId: string;
  deadline: string;
}

export function measureFieldsBody(m: MeasureDraft & { owner: PersonRef }): MeasureFieldsBody {
  const description = m.description.trim();
  return { title: m.title.trim(), ownerId: m.owner.id, deadline: m.deadline, ...(description ? { description } : {}) };
}
