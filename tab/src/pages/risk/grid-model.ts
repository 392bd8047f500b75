// The ROS grid's columns (the municipal form's, seed 000) and what an edit of a cell sends to the API (pure).
import type { RiskConsequenceType } from '../../../../src/domain/index.js';
import type { NewRiskItemBody, RiskItemView } from '../../../../src/server/api/contract-risk.js';
import type { CellKind } from './grid-keys';
import { colourOf, isLevel, type Colour } from './matrix';

/** A row's values as the grid edits them (a saved item's, with unsaved edits on top). */
export interface RowValues {
  process: string;
  whatCanGoWrong: string;
  consequenceTypes: RiskConsequenceType[];
  likelihood: number | null;
  consequence: number | null;
  breachOfLaw: boolean;
  existingMeasures: string;
  doneEnough: boolean | null;
  residualLikelihood: number | null;
  residualConsequence: number | null;
  residualAcceptable: boolean | null;
  reportToKlg: boolean | null;
}

export type EditableField = keyof RowValues;

export type ColumnId = EditableField | 'risk' | 'residualRisk' | 'measures';

export interface GridColumn {
  id: ColumnId;
  kind: CellKind;
  /** Needed before a new row can be saved (and before submitting). */
  required?: boolean;
  /** The sector head's column ("Oppfølging KS"): editable once submitted, by leaders above the unit. */
  sectorFollowUp?: boolean;
}

/** In the form's order: what is assessed, the risk now, what is done, the risk after, measures, KLG. */
export const GRID_COLUMNS: readonly GridColumn[] = [
  { id: 'process', kind: 'text', required: true },
  { id: 'whatCanGoWrong', kind: 'longText', required: true },
  { id: 'consequenceTypes', kind: 'choices' },
  { id: 'likelihood', kind: 'level', required: true },
  { id: 'consequence', kind: 'level', required: true },
  { id: 'risk', kind: 'readOnly' },
  { id: 'breachOfLaw', kind: 'yesNo' },
  { id: 'existingMeasures', kind: 'longText' },
  { id: 'doneEnough', kind: 'yesNo' },
  { id: 'residualLikelihood', kind: 'level' },
  { id: 'residualConsequence', kind: 'level' },
  { id: 'residualRisk', kind: 'readOnly' },
  { id: 'residualAcceptable', kind: 'yesNo' },
  { id: 'measures', kind: 'panel' },
  { id: 'reportToKlg', kind: 'yesNo', sectorFollowUp: true },
];

export const EMPTY_ROW: RowValues = {
  process: '',
  whatCanGoWrong: '',
  consequenceTypes: [],
  likelihood: null,
  consequence: null,
  breachOfLaw: false,
  existingMeasures: '',
  doneEnough: null,
  residualLikelihood: null,
  residualConsequence: null,
  residualAcceptable: null,
  reportToKlg: null,
};

export function valuesOf(item: RiskItemView): RowValues {
  return {
    process: item.process,
    whatCanGoWrong: item.whatCanGoWrong,
    consequenceTypes: [...item.consequenceTypes],
    likelihood: item.current.likelihood,
    consequence: item.current.consequence,
    breachOfLaw: item.breachOfLaw,
    existingMeasures: item.existingMeasures,
    doneEnough: item.doneEnough,
    residualLikelihood: item.residual?.likelihood ?? null,
    residualConsequence: item.residual?.consequence ?? null,
    residualAcceptable: item.residualAcceptable,
    reportToKlg: item.reportToKlg,
  };
}

/** The pair of a residual level: both are sent together, or neither. */
const PAIR: Partial<Record<EditableField, EditableField>> = { residualLikelihood: 'residualConsequence', residualConsequence: 'residualLikelihood' };

export type EditOutcome =
  /** Send this PATCH (for a saved row). */
  | { type: 'patch'; body: Partial<NewRiskItemBody> }
  /** Keep the value as an unsaved edit until its pair is set too (residual likelihood and consequence go together). */
  | { type: 'pending'; waitingFor: EditableField }
  /** Nothing changed. */
  | { type: 'unchanged' };

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;
}

/**
 * What one cell edit of a saved row sends. `values` are the row's values with the edit applied (unsaved edits included),
 * `saved` what the server has. A residual level goes with its pair; clearing either clears both.
 */
export function editOutcome(field: EditableField, values: RowValues, saved: RowValues): EditOutcome {
  const pair = PAIR[field];
  if (pair) {
    const value = values[field] as number | null;
    const other = values[pair] as number | null;
    if (value === null || other === null) {
      if (value === null && saved.residualLikelihood !== null) return { type: 'patch', body: { residualLikelihood: null, residualConsequence: null } };
      if (value === null) return { type: 'unchanged' };
      return { type: 'pending', waitingFor: pair };
    }
    if (value === saved[field] && other === saved[pair]) return { type: 'unchanged' };
    return { type: 'patch', body: { residualLikelihood: values.residualLikelihood, residualConsequence: values.residualConsequence } };
  }
  if (same(values[field], saved[field])) return { type: 'unchanged' };
  switch (field) {
    case 'process':
      return { type: 'patch', body: { process: values.process.trim() } };
    case 'whatCanGoWrong':
      return { type: 'patch', body: { whatCanGoWrong: values.whatCanGoWrong.trim() } };
    case 'existingMeasures':
      return { type: 'patch', body: { existingMeasures: values.existingMeasures.trim() } };
    case 'likelihood':
      return values.likelihood === null ? { type: 'unchanged' } : { type: 'patch', body: { likelihood: values.likelihood } };
    case 'consequence':
      return values.consequence === null ? { type: 'unchanged' } : { type: 'patch', body: { consequence: values.consequence } };
    case 'consequenceTypes':
      return { type: 'patch', body: { consequenceTypes: values.consequenceTypes } };
    case 'breachOfLaw':
      return { type: 'patch', body: { breachOfLaw: values.breachOfLaw } };
    case 'doneEnough':
      return { type: 'patch', body: { doneEnough: values.doneEnough } };
    case 'residualAcceptable':
      return { type: 'patch', body: { residualAcceptable: values.residualAcceptable } };
    case 'reportToKlg':
      return { type: 'patch', body: { reportToKlg: values.reportToKlg } };
    default:
      return { type: 'unchanged' };
  }
}

/** What a new row still needs before it can be saved (the API's required fields), in column order. */
export function missingForNew(values: RowValues): EditableField[] {
  const out: EditableField[] = [];
  if (!values.process.trim()) out.push('process');
  if (!values.whatCanGoWrong.trim()) out.push('whatCanGoWrong');
  if (!isLevel(values.likelihood)) out.push('likelihood');
  if (!isLevel(values.consequence)) out.push('consequence');
  return out;
}

/** The POST body for a new row, or null while something required is missing. */
export function newItemBody(values: RowValues, position?: number): NewRiskItemBody | null {
  if (missingForNew(values).length > 0 || values.likelihood === null || values.consequence === null) return null;
  const residual = values.residualLikelihood !== null && values.residualConsequence !== null;
  return {
    process: values.process.trim(),
    whatCanGoWrong: values.whatCanGoWrong.trim(),
    consequenceTypes: values.consequenceTypes,
    likelihood: values.likelihood,
    consequence: values.consequence,
    breachOfLaw: values.breachOfLaw,
    existingMeasures: values.existingMeasures.trim(),
    doneEnough: values.doneEnough,
    residualLikelihood: residual ? values.residualLikelihood : null,
    residualConsequence: residual ? values.residualConsequence : null,
    residualAcceptable: values.residualAcceptable,
    reportToKlg: values.reportToKlg,
    ...(position !== undefined ? { position } : {}),
  };
}

/** The colour of a row's risk now or after measures as the grid shows it before the server has answered. */
export function previewColour(values: RowValues, which: 'now' | 'after'): { colour: Colour; score: number } | null {
  const l = which === 'now' ? values.likelihood : values.residualLikelihood;
  const c = which === 'now' ? values.consequence : values.residualConsequence;
  if (!isLevel(l) || !isLevel(c)) return null;
  return { colour: colourOf(l * c), score: l * c };
}

/** Whether a cell can be edited: the server's `canEdit` (which knows the status and who the viewer is), and not computed. */
export function columnEditable(column: GridColumn, canEdit: boolean): boolean {
  return canEdit && column.kind !== 'readOnly';
}
