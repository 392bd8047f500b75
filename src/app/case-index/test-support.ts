// Used by the case-index, case-work search and dashboard tests only: case sources and rounds built by hand.
import type { CaseFacts, CaseSource, FeedItem, FeedRound, MeasureFact } from '../ports/index.js';

let counter = 0;

/** A new medium adverse event in sh-a, reported by the nurse: the counted fields every test case starts from. */
export const CASE_FACTS: Omit<CaseFacts, 'id' | 'caseNumber'> = {
  kind: 'adverseEvent',
  status: 'new',
  severity: 'medium',
  unitId: 'sh-a',
  reporterId: 'nurse',
  handlerId: null,
  reportedAt: '2026-03-02T09:00:00.000Z',
  closedAt: null,
  healthRelated: false,
};

export function caseSource(patch: Partial<CaseSource> = {}): CaseSource {
  counter++;
  return {
    id: `d${counter}`,
    caseNumber: `AV-2026-${String(counter).padStart(5, '0')}`,
    ...CASE_FACTS,
    title: 'Feil dose',
    description: 'Beboer fikk feil dose.',
    location: 'Rom 12',
    immediateAction: null,
    ...patch,
  };
}

export function measureFact(patch: Partial<MeasureFact> = {}): MeasureFact {
  counter++;
  return { id: `m${counter}`, unitId: 'sh-a', source: 'deviation', status: 'open', deadline: '2026-03-01', ...patch };
}

/** A full round of the values, item ids 'i1', 'i2' … in order. */
export function fullRound<T>(values: readonly T[], token = 't1'): FeedRound<T> {
  return { kind: 'full', changed: values.map((value, i): FeedItem<T> => ({ itemId: `i${i + 1}`, value })), deletedItemIds: [], token };
}

export function changes<T>(changed: readonly FeedItem<T>[], deletedItemIds: readonly string[] = [], token = 't2'): FeedRound<T> {
  return { kind: 'changes', changed, deletedItemIds, token };
}
