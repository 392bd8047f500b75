// A page's one-paragraph introduction under its heading, with room before the first section.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalL}`, maxWidth: '60rem' },
});

export function PageIntro({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Text as="p" className={styles.intro}>
      {children}
    </Text>
  );
}
