// The end of a form that writes: what went wrong or what was done, then the button that sends it (a spinner in place of
// its icon while it runs).
import { Button, Spinner } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';
import type { ApiRequestError } from '../api/client';
import { ErrorMessage, Notice } from './error-message';

export interface FormFooterProps {
  error: ApiRequestError | null;
  /** Shown as a success notice; null or empty: nothing. */
  done: ReactNode;
  busy: boolean;
  submitLabel: string;
  submitTestId: string;
  submitIcon?: ReactElement;
  /** A send that is not the page's main action is a plain button. */
  submitAppearance?: 'primary' | 'secondary';
  errorTestId?: string;
  noticeTestId?: string;
  /** Another way to show the error (an upload's, say). */
  errorView?: (error: ApiRequestError) => ReactNode;
}

export function FormFooter({ error, done, busy, submitLabel, submitTestId, submitIcon, submitAppearance = 'primary', errorTestId, noticeTestId, errorView }: FormFooterProps) {
  return (
    <>
      {error && (errorView ? errorView(error) : <ErrorMessage error={error} testId={errorTestId} />)}
      {done && (
        <Notice intent="success" testId={noticeTestId}>
          {done}
        </Notice>
      )}
      <div>
        <Button type="submit" appearance={submitAppearance} icon={submitIcon && (busy ? <Spinner size="tiny" /> : submitIcon)} disabled={busy} data-testid={submitTestId}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
