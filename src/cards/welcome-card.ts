// The bot's first card: a greeting, what Varde does, and the ways in (report, propose, my reports, whistleblow).
import type { AdaptiveCard } from './card-types.js';
import { adaptiveCard, execute, paragraph, plain } from './elements.js';
import { t } from './strings.js';
import { oneLine } from './text.js';
import { VERBS } from './verbs.js';

export interface WelcomeCardInput {
  /** Teams locale of the reader, e.g. 'nb-NO'. */
  readonly locale: string;
  /** The reader's given or display name; greeted without a name when absent. */
  readonly name?: string | null;
}

export function welcomeCard(input: WelcomeCardInput): AdaptiveCard {
  const { locale } = input;
  const name = oneLine(input.name ?? '', 80);
  const greeting = name === '' ? t(locale, 'welcome.greetingNoName') : t(locale, 'welcome.greeting', { name });
  const body = [
    // The greeting holds the person's name, so it is a TextRun (no markdown), sized as a heading.
    plain(greeting, { size: 'large', weight: 'bolder' }),
    paragraph(t(locale, 'welcome.intro')),
    paragraph(t(locale, 'welcome.culture'), { isSubtle: true, spacing: 'small' }),
  ];
  return adaptiveCard(body, [
    execute(t(locale, 'welcome.reportDeviation'), VERBS.startReport, { kind: 'adverseEvent' }, 'positive'),
    execute(t(locale, 'welcome.newProposal'), VERBS.startReport, { kind: 'improvementProposal' }),
    execute(t(locale, 'welcome.myReports'), VERBS.myReports),
    // Whistleblowing has its own confidential route (seed 003), so its own way in.
    execute(t(locale, 'welcome.whistleblowing'), VERBS.startReport, { kind: 'whistleblowingReport' }),
  ]);
}
