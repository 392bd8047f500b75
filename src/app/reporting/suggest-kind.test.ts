import { describe, expect, it } from 'vitest';
import { suggestKind } from './suggest-kind.js';

describe('suggestKind', () => {
  it.each([
    ['pasienten falt på badet i natt', 'adverseEvent'],
    ['Feil medisin ble gitt til beboer på rom 12', 'adverseEvent'],
    ['Pasienten holdt på å falle ut av senga', 'nearMiss'],
    ['Bebuaren heldt på å få feil medisin', 'nearMiss'],
    ['Det var nesten en feilmedisinering i dag', 'nearMiss'],
    ['Nestenuhell med heisen', 'nearMiss'],
    ['Feil dose ble oppdaget i tide', 'nearMiss'],
    ['Det kunne ha gått gale med rullatoren', 'nearMiss'],
    ['Forslag: flytt medisinskapet nærmere vaktrommet', 'improvementProposal'],
    ['Kunne vi hatt en fast sjekkliste for nattevakta?', 'improvementProposal'],
    ['Kunne me hatt betre skilting i gangen?', 'improvementProposal'],
    ['Eg har eit framlegg til ny vaktplan', 'improvementProposal'],
    ['Takk til nattevakta for god innsats!', 'positiveFeedback'],
    ['Bra jobba med brannøvelsen i går', 'positiveFeedback'],
    ['Godt jobba, alle saman', 'positiveFeedback'],
  ] as const)('%s → %s', (text, kind) => {
    expect(suggestKind(text)).toBe(kind);
  });

  it('matches at word starts only, in any case', () => {
    expect(suggestKind('BRA JOBBA')).toBe('positiveFeedback');
    // "utakknemlig" holds "takk" inside a word: not praise.
    expect(suggestKind('en utakknemlig oppgave, beboer slo seg')).toBe('adverseEvent');
    // "kanvi" is no phrase; "kan  vi" with extra spaces is.
    expect(suggestKind('kan  vi få ny heis')).toBe('improvementProposal');
  });

  it('a near miss that also thanks someone stays a near miss', () => {
    expect(suggestKind('Pasienten holdt på å falle, takk til Kari som tok henne imot')).toBe('nearMiss');
  });

  it('never throws and defaults to an adverse event for empty, odd or huge input', () => {
    expect(suggestKind('')).toBe('adverseEvent');
    expect(suggestKind('\u0000\u202e<script>alert(1)</script>')).toBe('adverseEvent');
    expect(suggestKind('x'.repeat(100_000))).toBe('adverseEvent');
    expect(suggestKind('\uD800 forslag')).toBe('improvementProposal');
  });
});
