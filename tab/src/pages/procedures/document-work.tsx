// What an editor does to a document: send it for approval, upload a new version, edit a draft's metadata.
import { Checkbox, Field, Textarea } from '@fluentui/react-components';
import { ArrowUploadRegular, SendRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DocumentDetail, SubmitForApprovalBody } from '../../../../src/server/api/contract-procedures.js';
import { FormFooter } from '../../components/form-footer';
import { usePageStyles } from '../../components/page';
import { submitWith } from '../../components/submit-with';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { useDocumentWrite, type DocumentWriteTarget } from './document-write';
import { FileField, fileReady, useUploadLimits } from './file-field';
import { draftFromDetail, metadataPatch, metadataProblems, type MetadataDraft } from './metadata-draft';
import { MetadataFields } from './metadata-fields';
import { UploadError } from './new-document-page';
import { documentApiPath } from './procedure-query';
import { multipartBody, sameFileType } from './upload';

export function SubmitForm({ target, headingId, onDone }: { target: DocumentWriteTarget; headingId: string; /** Said by the caller instead (the form goes away once sent). */ onDone?: (text: string) => void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const write = useDocumentWrite(target);
  const { detail } = target;
  // A first version is always substantive (everyone it applies to must read it).
  const first = detail.approvedVersion === null;
  const [substantive, setSubstantive] = useState(true);
  const [changeNote, setChangeNote] = useState('');

  const submit = () =>
    void write.run(
      (etag) => {
        const body: SubmitForApprovalBody = { etag, substantive: first || substantive, ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}) };
        return api.post<DocumentDetail>(documentApiPath(detail.id, '/submit'), body);
      },
      (next) => {
        const text = t('proc.submit.done', { version: next.pending?.version ?? next.latestVersion, names: next.approvers.map((p) => p.name).join(', ') || t('proc.submit.noApprover') });
        if (!onDone) return text;
        onDone(text);
        return null;
      },
    );

  return (
    <form className={page.form} aria-labelledby={headingId} data-testid="submit-form" onSubmit={submitWith(submit)}>
      <p>{detail.approvers.length > 0 ? t('proc.submit.approvers', { names: detail.approvers.map((p) => p.name).join(', ') }) : t('proc.submit.noApprover')}</p>
      <Checkbox
        label={first ? t('proc.submit.firstVersion') : t('proc.submit.substantive')}
        checked={first || substantive}
        disabled={first}
        onChange={(_, d) => setSubstantive(d.checked === true)}
        data-testid="submit-substantive"
      />
      <Field label={t('proc.submit.changeNote')} hint={t('proc.submit.changeNoteHint')}>
        <Textarea value={changeNote} maxLength={2000} onChange={(_, d) => setChangeNote(d.value)} data-testid="submit-change-note" />
      </Field>
      <FormFooter
        error={write.error}
        done={write.done}
        busy={write.busy}
        submitLabel={t('proc.submit.send')}
        submitIcon={<SendRegular />}
        submitTestId="submit-send"
        errorTestId="submit-error"
        noticeTestId="submit-notice"
      />
    </form>
  );
}

export function UploadVersionForm({ target, headingId }: { target: DocumentWriteTarget; headingId: string }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const limits = useUploadLimits();
  const write = useDocumentWrite(target);
  const { detail } = target;
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const [key, setKey] = useState(0);
  const otherType = file && !sameFileType(detail.fileName, file.name) ? t('proc.upload.otherType', { name: detail.fileName }) : undefined;

  const upload = async () => {
    setTried(true);
    if (!fileReady(file, limits) || otherType) return;
    const ok = await write.run(
      (etag) => {
        const { body, contentType } = multipartBody([
          { name: 'file', file, fileName: file.name },
          { name: 'etag', value: etag },
        ]);
        return api.upload<DocumentDetail>(documentApiPath(detail.id, '/versions'), body, contentType);
      },
      (next) => t('proc.version.done', { version: next.latestVersion }),
    );
    if (ok) {
      setFile(null);
      setTried(false);
      // A fresh input: the browser keeps the chosen file in an input otherwise.
      setKey((k) => k + 1);
    }
  };

  return (
    <form className={page.form} aria-labelledby={headingId} data-testid="version-form" noValidate onSubmit={submitWith(upload)}>
      <p>{t('proc.version.intro', { current: detail.latestVersion })}</p>
      <FileField key={key} label={t('proc.version.file')} file={file} onChange={setFile} limits={limits} showProblems={tried} extraProblem={otherType} testId="version-file" />
      <FormFooter
        error={write.error}
        errorView={(error) => <UploadError error={error} />}
        done={write.done}
        busy={write.busy}
        submitLabel={t('proc.version.upload')}
        submitIcon={<ArrowUploadRegular />}
        submitTestId="version-upload"
        noticeTestId="version-notice"
      />
    </form>
  );
}

export function EditMetadataForm({ target, headingId }: { target: DocumentWriteTarget; headingId: string }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const api = useApi();
  const write = useDocumentWrite(target);
  const { detail } = target;
  const [draft, setDraft] = useState<MetadataDraft>(() => draftFromDetail(detail));
  const [tried, setTried] = useState(false);
  const problems = metadataProblems(draft);

  const save = () => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    void write.run(
      (etag) => api.patch<DocumentDetail>(documentApiPath(detail.id), metadataPatch(draft, etag)),
      (next) => {
        setDraft(draftFromDetail(next));
        setTried(false);
        return t('common.saved');
      },
    );
  };

  return (
    <form className={page.form} aria-labelledby={headingId} data-testid="edit-form" noValidate onSubmit={submitWith(save)}>
      <MetadataFields draft={draft} onChange={setDraft} problems={problems} showProblems={tried} kindFixed />
      <FormFooter
        error={write.error}
        done={write.done}
        busy={write.busy}
        submitLabel={t('proc.edit.save')}
        submitTestId="meta-save"
        errorTestId="edit-error"
        noticeTestId="edit-notice"
      />
    </form>
  );
}
