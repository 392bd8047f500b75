// The reporter's own cases: newest first, Norwegian dates in Oslo time, at most N with a link to the rest, an empty state.
import { describe, expect, it } from 'vitest';
import { myReportsCard } from './my-reports-card.js';
import { CASE_URL, MORE_URL, MY_REPORTS } from './test-fixtures.js';

const json = (card: unknown): string => JSON.stringify(card);

describe('myReportsCard', () => {
  it('matches the snapshot', () => {
    expect(myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL })).toMatchSnapshot();
  });

  it('lists case number, kind, status and the date reported, newest first', () => {
    const text = json(myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL }));
    const order = ['AV-2026-00123', 'NU-2026-00077', 'FF-2026-00044'].map((n) => text.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const part of ['Avvik', 'Mottatt', 'Forbedringsforslag', 'Lukket', 'Under analyse', '23. nov. 2026', '1. mar. 2026']) expect(text).toContain(part);
  });

  it('dates by the Oslo calendar (22:30 UTC on 14 July is 15 July in Oslo)', () => {
    expect(json(myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL }))).toContain('15. jul. 2026');
  });

  it('opens a case from its row when it has a link', () => {
    const card = myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL });
    expect(card.body[1]).toMatchObject({ type: 'Container', selectAction: { type: 'Action.OpenUrl', url: CASE_URL } });
    expect(card.body[2]).not.toHaveProperty('selectAction');
  });

  it('shows at most N and links to the rest in Varde', () => {
    const card = myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL, max: 2 });
    expect(card.body.filter((e) => e.type === 'Container')).toHaveLength(2);
    expect(json(card)).toContain('Viser 2 av 3');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Vis flere i Varde', url: MORE_URL }]);
  });

  it('links to the rest when the caller fetched only a page', () => {
    const card = myReportsCard({ locale: 'en', reports: MY_REPORTS, moreUrl: MORE_URL, totalCount: 40 });
    expect(json(card)).toContain('Showing 3 of 40');
    expect(card.actions?.[0]?.title).toBe('Show more in Varde');
  });

  it('has no link when everything is shown', () => {
    expect(myReportsCard({ locale: 'nb-NO', reports: MY_REPORTS, moreUrl: MORE_URL }).actions).toBeUndefined();
  });

  it('has an empty state', () => {
    const card = myReportsCard({ locale: 'nn-NO', reports: [], moreUrl: MORE_URL });
    expect(json(card)).toContain('Du har ingen meldingar enno.');
    expect(card.actions).toBeUndefined();
  });
});
