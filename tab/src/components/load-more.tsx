// «Vis flere» under a list read a page at a time: shown while the server has more, busy while the next page comes.
import { Button, Spinner } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n';

export interface LoadMoreProps {
  list: { continuation: string | null; loadingMore: boolean; loadMore(): void };
  testId?: string;
}

export function LoadMore({ list, testId }: LoadMoreProps) {
  const { t } = useI18n();
  if (!list.continuation) return null;
  return (
    <div>
      <Button onClick={list.loadMore} disabled={list.loadingMore} icon={list.loadingMore ? <Spinner size="tiny" /> : undefined} data-testid={testId}>
        {t('common.showMore')}
      </Button>
    </div>
  );
}
