// A native file input in a Fluent Field (the browser's own picker: keyboard and screen readers know it), with the type and size hints.
import { Field, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { UploadLimits } from '../../../../src/server/api/contract-procedures.js';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../session/session';
import { formatFileSize } from './procedure-format';
import { DEFAULT_LIMITS, acceptAttribute, fileProblem, type FileProblem } from './upload';

const useStyles = makeStyles({
  input: {
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
  },
});

/** GET /api/procedures/limits once; the defaults meanwhile (or when it fails: the server still decides). */
export function useUploadLimits(): UploadLimits {
  const api = useApi();
  const [limits, setLimits] = useState<UploadLimits>(DEFAULT_LIMITS);
  useEffect(() => {
    const controller = new AbortController();
    api.get<UploadLimits>('/api/procedures/limits', controller.signal).then(
      (l) => {
        if (l && typeof l.maxBytes === 'number' && Array.isArray(l.extensions)) setLimits(l);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [api]);
  return limits;
}

export function FileField({
  label,
  file,
  onChange,
  limits,
  showProblems,
  extraProblem,
  testId,
}: {
  label: string;
  file: File | null;
  onChange(file: File | null): void;
  limits: UploadLimits;
  showProblems: boolean;
  /** A problem the caller knows of (e.g. another kind of file than the document's). */
  extraProblem?: string;
  testId: string;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const problem: FileProblem | 'missing' | null = file ? fileProblem(file, limits) : 'missing';
  const max = formatFileSize(limits.maxBytes);
  const types = limits.extensions.join(', ');
  const message =
    problem === 'missing'
      ? showProblems
        ? t('proc.upload.missing')
        : undefined
      : problem === 'empty'
        ? t('proc.upload.empty')
        : problem === 'type'
          ? t('proc.upload.wrongType', { types })
          : problem === 'size'
            ? t('proc.upload.tooLarge', { max, size: formatFileSize(file?.size ?? 0) })
            : extraProblem;
  return (
    <Field label={label} required hint={t('proc.upload.hint', { types, max })} validationMessage={message} validationState={message ? 'error' : 'none'}>
      {(fieldProps) => (
        <input
          {...fieldProps}
          type="file"
          accept={acceptAttribute(limits)}
          className={styles.input}
          data-testid={testId}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
      )}
    </Field>
  );
}

/** Whether the chosen file may be sent (the hints agree); the server checks the content again. */
export function fileReady(file: File | null, limits: UploadLimits): file is File {
  return file !== null && fileProblem(file, limits) === null;
}
