// A path the tab does not know.
import { Text } from '@fluentui/react-components';
import { PageHeading } from '../components/page';
import { useI18n } from '../i18n/i18n';
import { AppLink } from '../router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <Text as="p">{t('notFound.body')}</Text>
      <AppLink href="/inbox">{t('notFound.back')}</AppLink>
    </>
  );
}
