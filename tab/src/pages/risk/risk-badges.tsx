// How risk looks: a colour is always shown with its word and a pattern (red hatched, yellow dotted, green plain), never
// by colour alone; status and escalation badges in words.
import { Badge, makeStyles, mergeClasses, tokens, type Theme } from '@fluentui/react-components';
import { ArrowUpRegular, ChevronDoubleUpRegular } from '@fluentui/react-icons';
import type { RiskAssessmentStatus, RiskEscalationView, RiskPositionView, RiskUnitState } from '../../../../src/server/api/contract-risk.js';
import { useThemeObject } from '../../components/theme-context';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Colour } from './matrix';
import { useRiskLabels } from './risk-i18n';

export const useRiskStyles = makeStyles({
  swatch: {
    display: 'inline-block',
    flexShrink: 0,
    width: '0.9rem',
    height: '0.9rem',
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForeground1}`,
    boxSizing: 'border-box',
  },
  red: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    backgroundImage: `repeating-linear-gradient(45deg, ${tokens.colorNeutralForeground1} 0 1.5px, transparent 1.5px 4px)`,
  },
  yellow: {
    backgroundColor: tokens.colorPaletteYellowBackground3,
    backgroundImage: `radial-gradient(circle, ${tokens.colorNeutralForeground1} 1px, transparent 1.4px)`,
    backgroundSize: '4px 4px',
  },
  green: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  /** A cell or block tinted by its colour (text stays the neutral foreground: contrast in every theme). */
  tintRed: { backgroundColor: tokens.colorStatusDangerBackground1, color: tokens.colorNeutralForeground1 },
  tintYellow: { backgroundColor: tokens.colorStatusWarningBackground1, color: tokens.colorNeutralForeground1 },
  tintGreen: { backgroundColor: tokens.colorStatusSuccessBackground1, color: tokens.colorNeutralForeground1 },
  chip: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function useColourClasses() {
  const s = useRiskStyles();
  return {
    swatch: (c: Colour) => mergeClasses(s.swatch, c === 'red' ? s.red : c === 'yellow' ? s.yellow : s.green),
    tint: (c: Colour) => (c === 'red' ? s.tintRed : c === 'yellow' ? s.tintYellow : s.tintGreen),
  };
}

/**
 * The swatch's fill: the colour, unless the theme draws it in the ink of the pattern (Teams' high-contrast theme makes
 * every palette colour the foreground), where the page's background keeps the hatching and dots visible.
 */
function swatchFill(theme: Theme, colour: Colour): string | undefined {
  const fill = colour === 'red' ? theme.colorPaletteRedBackground3 : colour === 'yellow' ? theme.colorPaletteYellowBackground3 : theme.colorPaletteGreenBackground3;
  return fill.toLowerCase() === theme.colorNeutralForeground1.toLowerCase() ? theme.colorNeutralBackground1 : undefined;
}

export function Swatch({ colour }: { colour: Colour }) {
  const c = useColourClasses();
  const fill = swatchFill(useThemeObject(), colour);
  return <span className={c.swatch(colour)} style={fill ? { backgroundColor: fill } : undefined} aria-hidden="true" data-colour={colour} />;
}

/** «▨ Rød (20)»: the colour as a patterned swatch and in words, with the score. */
export function RiskChip({ position, testId }: { position: Pick<RiskPositionView, 'colour' | 'score'> | null; testId?: string }) {
  const s = useRiskStyles();
  const { t } = useI18n();
  const labels = useRiskLabels();
  if (!position)
    return (
      <span className={s.muted} data-testid={testId} data-colour="none">
        {t('risk.notAssessed')}
      </span>
    );
  return (
    <span className={s.chip} data-testid={testId} data-colour={position.colour} data-score={position.score}>
      <Swatch colour={position.colour} />
      {t('risk.colourScore', { colour: labels.colour[position.colour], score: position.score })}
    </span>
  );
}

export function AssessmentStatusBadge({ status, testId }: { status: RiskAssessmentStatus; testId?: string }) {
  const labels = useRiskLabels();
  const colour = status === 'draft' ? 'informative' : status === 'forwarded' ? 'success' : 'brand';
  return (
    <Badge appearance="tint" color={colour} data-testid={testId} data-status={status}>
      {labels.status[status]}
    </Badge>
  );
}

export function UnitStateBadge({ state }: { state: RiskUnitState }) {
  const labels = useRiskLabels();
  const colour = state === 'notStarted' ? 'subtle' : state === 'draft' ? 'informative' : state === 'forwarded' ? 'success' : 'brand';
  return (
    <Badge appearance="tint" color={colour} data-state={state}>
      {labels.unitState[state]}
    </Badge>
  );
}

/** The row goes, or has gone, to KLG: an arrow and words, never a colour alone. */
export function EscalationMarker({ mustReport, escalation, testId }: { mustReport: boolean; escalation: RiskEscalationView | boolean | null; testId?: string }) {
  const { t } = useI18n();
  if (escalation === true)
    return (
      <Badge appearance="filled" color="danger" icon={<ChevronDoubleUpRegular />} data-testid={testId} data-escalated="true">
        {t('risk.panel.escalation')}
      </Badge>
    );
  if (escalation)
    return (
      <Badge appearance="filled" color="danger" icon={<ChevronDoubleUpRegular />} data-testid={testId} data-escalated="true" title={t('risk.escalatedTo', { committee: escalation.committeeName, date: formatDate(escalation.at) })}>
        {t('risk.escalated', { date: formatDate(escalation.at) })}
      </Badge>
    );
  if (mustReport)
    return (
      <Badge appearance="outline" color="danger" icon={<ArrowUpRegular />} data-testid={testId} data-escalated="false">
        {t('risk.mustReport')}
      </Badge>
    );
  return null;
}
