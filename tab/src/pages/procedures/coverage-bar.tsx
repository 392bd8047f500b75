// A coverage percentage as text with a bar beside it (the bar is decoration: the text says it all, in every theme).
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { coverageFraction, formatPercent } from './procedure-format';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: '9rem', width: '100%', maxWidth: '24rem' },
  track: {
    flexGrow: 1,
    minWidth: '4rem',
    height: '0.5rem',
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    overflow: 'hidden',
  },
  fill: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  value: { minWidth: '3.5rem', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
});

export function CoverageBar({ percent, testId }: { percent: number | null; testId?: string }) {
  const styles = useStyles();
  return (
    <span className={styles.root} data-testid={testId} data-percent={percent ?? ''}>
      <Text className={styles.value} weight="semibold">
        {formatPercent(percent)}
      </Text>
      <span className={styles.track} aria-hidden="true">
        <span className={styles.fill} style={{ width: `${coverageFraction(percent) * 100}%`, display: 'block' }} />
      </span>
    </span>
  );
}
