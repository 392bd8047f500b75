// The welcome card: greeting, what Varde does, and the four ways in as Action.Execute verbs.
import { describe, expect, it } from 'vitest';
import { HOSTILE } from './test-fixtures.js';
import { welcomeCard } from './welcome-card.js';

describe('welcomeCard', () => {
  it('matches the snapshot in bokmål', () => {
    expect(welcomeCard({ locale: 'nb-NO', name: 'Kari' })).toMatchSnapshot();
  });

  it('is a 1.5 card with a schema', () => {
    const card = welcomeCard({ locale: 'nb-NO' });
    expect(card).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5' });
  });

  it('offers report, proposal, my reports and whistleblowing', () => {
    const actions = welcomeCard({ locale: 'nb-NO' }).actions ?? [];
    expect(actions.map((a) => [a.title, a.type === 'Action.Execute' ? a.verb : '', a.type === 'Action.Execute' ? a.data : undefined])).toEqual([
      ['Meld avvik', 'startReport', { kind: 'adverseEvent' }],
      ['Nytt forbedringsforslag', 'startReport', { kind: 'improvementProposal' }],
      ['Mine meldinger', 'myReports', undefined],
      ['Varsle om kritikkverdige forhold', 'startReport', { kind: 'whistleblowingReport' }],
    ]);
  });

  it('speaks nynorsk and English', () => {
    expect(welcomeCard({ locale: 'nn-NO' }).actions?.map((a) => a.title)).toContain('Nytt forbetringsforslag');
    expect(welcomeCard({ locale: 'en-US' }).actions?.map((a) => a.title)).toContain('My reports');
  });

  it('greets by name in a TextRun, so a name is never markup', () => {
    const card = welcomeCard({ locale: 'nb-NO', name: HOSTILE.bold });
    expect(card.body[0]).toEqual({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'Hei, **bold** and _italic_!', size: 'large', weight: 'bolder' }],
    });
  });

  it('greets without a name when there is none', () => {
    expect(JSON.stringify(welcomeCard({ locale: 'nb-NO', name: '  ' }).body[0])).toContain('"Hei!"');
  });
});
