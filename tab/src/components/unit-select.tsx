// A unit picker over the unit tree (a native select, indented by level: keyboard and screen readers know it).
import { Field, Select } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { UnitView } from '../../../src/server/api/contract.js';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { indentedName, pickerRoots, unitTree } from '../units';

export function useUnits(): UnitView[] | null {
  const { units } = useSession();
  const [list, setList] = useState<UnitView[] | null>(null);
  useEffect(() => {
    let live = true;
    units().then(
      (u) => live && setList(u),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, [units]);
  return list;
}

export interface UnitSelectProps {
  label: string;
  value: string | undefined;
  onChange(unitId: string | undefined): void;
  /** The label of the empty choice; without it a unit must be picked. */
  allLabel?: string;
  testId: string;
  /** Limit to the subtrees the person works in (default true). */
  limitToMine?: boolean;
}

export function UnitSelect({ label, value, onChange, allLabel, testId, limitToMine = true }: UnitSelectProps) {
  const { t } = useI18n();
  const { me } = useSession();
  const units = useUnits();
  const options = useMemo(() => (units ? unitTree(units, limitToMine && me ? pickerRoots(me) : undefined) : []), [units, me, limitToMine]);
  const known = value === undefined || options.some((o) => o.unit.id === value);
  return (
    <Field label={label}>
      <Select
        data-testid={testId}
        value={value ?? ''}
        disabled={units === null}
        onChange={(_, d) => onChange(d.value === '' ? undefined : d.value)}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {units === null && <option value={value ?? ''}>{t('common.loading')}</option>}
        {!known && units !== null && <option value={value}>{units.find((u) => u.id === value)?.name ?? value}</option>}
        {options.map((o) => (
          <option key={o.unit.id} value={o.unit.id}>
            {indentedName(o)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
