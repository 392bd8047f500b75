// Last opp nytt dokument: the file (.docx or .pdf) and its metadata; stored as a draft (0.1), then sent for approval from the document's page.
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUploadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DocumentDetail } from '../../../../src/server/api/contract-procedures.js';
import type { ApiRequestError } from '../../api/client';
import { useBusyAction } from '../../components/use-busy-action';
import { ErrorMessage } from '../../components/error-message';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageIntro } from '../../components/page-intro';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi, useMe } from '../../session/session';
import { FileField, fileReady, useUploadLimits } from './file-field';
import { emptyDraft, metadataInput, metadataProblems, type MetadataDraft } from './metadata-draft';
import { MetadataFields } from './metadata-fields';
import { documentHref } from './procedure-routes';
import { multipartBody, titleFromFileName } from './upload';

const useStyles = makeStyles({
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/** The existing document a 409 'duplicateName' points to, when the viewer may see it. */
export function duplicateOf(error: ApiRequestError): string | null {
  if (error.status !== 409 || error.code !== 'duplicateName') return null;
  const id = (error.body as unknown as { existingId?: unknown }).existingId;
  return typeof id === 'string' && id !== '' ? id : null;
}

export function UploadError({ error }: { error: ApiRequestError }) {
  const { t } = useI18n();
  const existing = duplicateOf(error);
  return (
    <>
      <ErrorMessage error={error} testId="upload-error" />
      {existing && (
        <Text>
          <AppLink href={documentHref(existing, 'upload')} data-testid="upload-existing">
            {t('proc.upload.openExisting')}
          </AppLink>
        </Text>
      )}
    </>
  );
}

export function NewDocumentPage() {
  const styles = useStyles();
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  const { navigate } = useRouter();
  const limits = useUploadLimits();
  const [file, setFile] = useState<File | null>(null);
  const [draft, setDraft] = useState<MetadataDraft>(() => emptyDraft(me.leadsUnitIds[0] ?? me.unitId));
  const [tried, setTried] = useState(false);
  const { busy, error, setError, run } = useBusyAction();
  const problems = metadataProblems(draft);

  const chooseFile = (f: File | null) => {
    setFile(f);
    if (f && !draft.title.trim()) setDraft((d) => ({ ...d, title: titleFromFileName(f.name) }));
  };

  const upload = async () => {
    setTried(true);
    setError(null);
    if (!fileReady(file, limits) || Object.keys(problems).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus());
      return;
    }
    await run(async () => {
      const { body, contentType } = multipartBody([
        { name: 'file', file, fileName: file.name },
        { name: 'metadata', value: JSON.stringify(metadataInput(draft)) },
      ]);
      const created = await api.upload<DocumentDetail>('/api/procedures', body, contentType);
      navigate(`${documentHref(created.id)}?uploaded=1`);
    });
  };

  return (
    <>
      <PageHeading title={t('proc.new.title')}>{t('proc.new.title')}</PageHeading>
      <PageIntro>
        {t('proc.new.intro')}
      </PageIntro>
      <form
        className={page.form}
        aria-labelledby="new-document-form"
        data-testid="new-document-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <h2 id="new-document-form" className={page.h2}>
          {t('proc.new.formTitle')}
        </h2>
        <FileField label={t('proc.upload.file')} file={file} onChange={chooseFile} limits={limits} showProblems={tried} testId="new-file" />
        <MetadataFields draft={draft} onChange={setDraft} problems={problems} showProblems={tried} kindFixed={false} />
        {error && <UploadError error={error} />}
        <div className={styles.buttons}>
          <Button type="submit" appearance="primary" icon={busy ? <Spinner size="tiny" /> : <ArrowUploadRegular />} disabled={busy} data-testid="new-submit">
            {t('proc.new.submit')}
          </Button>
          <AppLink href="/procedures">{t('common.cancel')}</AppLink>
        </div>
      </form>
    </>
  );
}
