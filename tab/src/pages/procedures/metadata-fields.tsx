// The document's metadata fields, shared by the upload form and the draft's edit form.
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { ChoiceField } from '../../components/choice-field';
import { PersonPicker } from '../../components/person-picker';
import { UnitSelect } from '../../components/unit-select';
import type { MessageKey } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/i18n';
import { LIMITS, withKind, type MetadataDraft, type MetadataField, type MetadataProblem } from './metadata-draft';
import { procedureLabels } from './procedure-labels';
import { DOCUMENT_KINDS, GOVERNING_TYPES, ROLES } from './procedure-values';

const useStyles = makeStyles({
  fieldset: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  roles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))' },
  unitRow: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, '& > :first-child': { flexGrow: 1 } },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const PROBLEM_TEXT: Record<MetadataProblem, MessageKey> = {
  required: 'common.required',
  tooLong: 'proc.meta.tooLong',
  tooMany: 'proc.meta.tooManyUnits',
  wrongType: 'proc.meta.wrongType',
};

export function MetadataFields({
  draft,
  onChange,
  problems,
  showProblems,
  kindFixed,
}: {
  draft: MetadataDraft;
  onChange(next: MetadataDraft): void;
  problems: Partial<Record<MetadataField, MetadataProblem>>;
  showProblems: boolean;
  /** The kind of an existing document cannot change. */
  kindFixed: boolean;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const pl = procedureLabels(t);
  const set = (patch: Partial<MetadataDraft>) => onChange({ ...draft, ...patch });
  const problem = (field: MetadataField): string | undefined => {
    const p = showProblems ? problems[field] : undefined;
    return p ? t(PROBLEM_TEXT[p], { max: field === 'ownerArea' ? LIMITS.ownerArea : field === 'description' ? LIMITS.description : LIMITS.title, n: LIMITS.appliesToUnits }) : undefined;
  };
  const governing = draft.kind === 'governingDocument';

  return (
    <>
      {!kindFixed && (
        <Field label={t('proc.meta.kind')} required>
          <RadioGroup layout="horizontal" value={draft.kind} onChange={(_, d) => onChange(withKind(draft, d.value === 'governingDocument' ? 'governingDocument' : 'procedure'))}>
            {DOCUMENT_KINDS.map((k) => (
              <Radio key={k} value={k} label={pl.kind(k)} data-testid={`meta-kind-${k}`} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {governing && (
        <ChoiceField
          label={t('proc.meta.type')}
          required
          validationMessage={problem('documentType')}
          testId="meta-type"
          value={draft.documentType}
          emptyLabel={t('proc.meta.chooseType')}
          choices={GOVERNING_TYPES.map((x) => ({ value: x, label: pl.type(x) }))}
          onChange={(value) => set({ documentType: (GOVERNING_TYPES as readonly string[]).includes(value) ? (value as MetadataDraft['documentType']) : '' })}
        />
      )}
      <Field label={t('proc.meta.title')} required validationMessage={problem('title')}>
        <Input value={draft.title} maxLength={LIMITS.title} onChange={(_, d) => set({ title: d.value })} data-testid="meta-title" />
      </Field>
      <Field label={t('proc.meta.description')} hint={t('proc.meta.descriptionHint')} validationMessage={problem('description')}>
        <Textarea value={draft.description} maxLength={LIMITS.description} onChange={(_, d) => set({ description: d.value })} data-testid="meta-description" />
      </Field>
      <div>
        <UnitSelect label={`${t('proc.meta.ownerUnit')} *`} value={draft.ownerUnitId || undefined} onChange={(id) => set({ ownerUnitId: id ?? '' })} allLabel={t('proc.meta.chooseUnit')} testId="meta-owner-unit" />
        {showProblems && problems.ownerUnitId && <div role="alert">{t('proc.meta.ownerUnitRequired')}</div>}
      </div>
      <PersonPicker label={t('proc.meta.reviewer')} hint={t('proc.meta.reviewerHint')} value={draft.reviewer} onChange={(reviewer) => set({ reviewer })} testId="meta-reviewer" required validationMessage={problem('reviewer')} />
      {governing && (
        <Field label={t('proc.meta.ownerArea')} hint={t('proc.meta.ownerAreaHint')} validationMessage={problem('ownerArea')}>
          <Input value={draft.ownerArea} maxLength={LIMITS.ownerArea} onChange={(_, d) => set({ ownerArea: d.value })} data-testid="meta-owner-area" />
        </Field>
      )}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('proc.meta.appliesTo')}</legend>
        <div className={styles.stack}>
          <span>{t('proc.meta.appliesToHint')}</span>
          {draft.appliesToUnitIds.map((id, i) => (
            <div key={i} className={styles.unitRow}>
              <UnitSelect
                label={t('proc.meta.appliesToUnit', { n: i + 1 })}
                value={id || undefined}
                onChange={(next) => set({ appliesToUnitIds: draft.appliesToUnitIds.map((x, j) => (j === i ? (next ?? '') : x)) })}
                allLabel={t('proc.meta.chooseUnit')}
                limitToMine={false}
                testId={`meta-applies-unit-${i}`}
              />
              <Button
                icon={<DeleteRegular />}
                aria-label={t('proc.meta.removeUnit', { n: i + 1 })}
                onClick={() => set({ appliesToUnitIds: draft.appliesToUnitIds.filter((_, j) => j !== i) })}
                data-testid={`meta-applies-remove-${i}`}
              />
            </div>
          ))}
          {problem('appliesToUnitIds') && <div role="alert">{problem('appliesToUnitIds')}</div>}
          {draft.appliesToUnitIds.length < LIMITS.appliesToUnits && (
            <div>
              <Button icon={<AddRegular />} onClick={() => set({ appliesToUnitIds: [...draft.appliesToUnitIds, ''] })} data-testid="meta-applies-add">
                {t('proc.meta.addUnit')}
              </Button>
            </div>
          )}
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('proc.meta.roles')}</legend>
        <span>{t('proc.meta.rolesHint')}</span>
        <div className={styles.roles}>
          {ROLES.map((r) => (
            <Checkbox
              key={r}
              label={pl.role(r)}
              checked={draft.appliesToRoles.includes(r)}
              onChange={(_, d) => set({ appliesToRoles: d.checked === true ? [...draft.appliesToRoles, r] : draft.appliesToRoles.filter((x) => x !== r) })}
              data-testid={`meta-role-${r}`}
            />
          ))}
        </div>
      </fieldset>
      <Field label={t('proc.meta.keywords')} hint={t('proc.meta.keywordsHint')}>
        <Input value={draft.keywords} onChange={(_, d) => set({ keywords: d.value })} data-testid="meta-keywords" />
      </Field>
    </>
  );
}

