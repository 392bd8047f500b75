// Shows an API error to the person: the server's Norwegian message, the fields it names, and a retry where one makes sense.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApiRequestError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Trying again helps with the network, the server or a loading index, not with a refusal or a bad request. */
function retryable(error: ApiRequestError): boolean {
  return !(error.status >= 400 && error.status < 500) || error.status === 408 || error.status === 429;
}

export function ErrorMessage({ error, onRetry, testId }: { error: ApiRequestError; onRetry?: () => void; testId?: string }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" role="alert" data-testid={testId ?? 'api-error'} data-error-code={error.code}>
      <MessageBarBody>
        <MessageBarTitle>{t('error.title')}</MessageBarTitle>
        {error.message}
        {error.body.details && error.body.details.length > 0 && (
          <ul>
            {error.body.details.map((d) => (
              <li key={`${d.field}:${d.message}`}>{t('error.field', { field: d.field, message: d.message })}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {onRetry && retryable(error) && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('error.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Notice({ intent, children, testId }: { intent: 'success' | 'info' | 'warning'; children: ReactNode; testId?: string }) {
  return (
    <MessageBar intent={intent} role="status" data-testid={testId}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
