// Guesses what kind of report a free-text chat message is (bokmål and nynorsk keywords), to prefill the form; the reporter can change it.
import type { DeviationKind } from '../../domain/index.js';

/** The kinds an employee reports from the chat; whistleblowing has its own route and is never guessed. */
export type ChatReportKind = Extract<DeviationKind, 'adverseEvent' | 'nearMiss' | 'improvementProposal' | 'positiveFeedback'>;

// A keyword matches at the start of a word and may go on (`forslag` matches `forslaget`, `nesten` matches
// `nestenuhell`); `\b` is ASCII-only in JavaScript, so the word boundary is spelt out with Unicode letters.
const stems = (words: readonly string[]): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escape).join('|')})`, 'iu');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Checked in this order: a near miss that also thanks a colleague is still a near miss. */
const RULES: readonly (readonly [ChatReportKind, RegExp])[] = [
  [
    'nearMiss',
    stems([
      'nesten', // nesten falt, nestenuhell (bm/nn)
      'holdt på å', // bm
      'heldt på å', // nn
      'holdt på og', // common spelling
      'var nære på',
      'var nære ved',
      'nære på',
      'nær ulykke',
      'like før det gikk galt',
      'kunne gått galt',
      'kunne ha gått galt',
      'kunne gått gale', // nn
      'kunne ha gått gale', // nn
      'oppdaget i tide',
      'oppdaga i tide',
      'oppdagat i tide',
      'avverget', // bm
      'avverga',
      'unngikk', // bm
      'unngjekk', // nn
    ]),
  ],
  [
    'improvementProposal',
    stems([
      'forslag', // forslag, forslaget
      'forbedringsforslag',
      'framlegg', // nn
      'kunne vi',
      'kunne me', // nn
      'kan vi',
      'kan me', // nn
      'burde vi',
      'burde me', // nn
      'bør vi',
      'bør me', // nn
      'hva om vi',
      'kva om me', // nn
      'foreslår',
      'foreslå',
      'forbedre',
      'forbetre', // nn
      'det hadde vært lurt',
      'det hadde vore lurt', // nn
      'ønsker at vi',
      'ønskjer at me', // nn
      'idé',
      'ide til',
    ]),
  ],
  [
    'positiveFeedback',
    stems([
      'takk', // takk, takker, takknemlig
      'bra jobba',
      'bra jobbet',
      'godt jobba',
      'godt jobbet',
      'godt gjort',
      'skryt',
      'ros til',
      'vil rose',
      'ville rose',
      'flott innsats',
      'god innsats',
      'fantastisk innsats',
      'kjempeinnsats',
      'heia',
    ]),
  ],
];

/** The kind the text most likely reports; an adverse event (avvik) when nothing points elsewhere. */
export function suggestKind(text: string): ChatReportKind {
  const normalised = text.normalize('NFC');
  for (const [kind, pattern] of RULES) if (pattern.test(normalised)) return kind;
  return 'adverseEvent';
}
