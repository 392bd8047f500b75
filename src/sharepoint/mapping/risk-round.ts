// RiskRound ↔ 'Risikorunder': the round's dates in date-only columns, its units and work plan as JSON (a dozen tasks).
import { z } from 'zod';
import type { RiskRound, WorkPlanTask } from '../../domain/index.js';
import { type Fields, type RowSource, calendarDate, instant, jsonText, oneOf, readRow } from './fields.js';

const TITLE_MAX = 255;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const task = z.object({
  id: z.string().min(1),
  title: z.string(),
  responsible: oneOf(['qualityAdviser', 'sectorHead', 'unitLeader', 'executiveGroup', 'person']),
  responsiblePersonId: z.string().nullable(),
  responsibleLabel: z.string(),
  percentDone: z.number().int().min(0).max(100),
  start: z.string().regex(DATE),
  deadline: z.string().regex(DATE),
}) satisfies z.ZodType<WorkPlanTask>;

const roundRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  Year: z.number().int(),
  Status: oneOf(['active', 'closed']),
  StartDate: calendarDate,
  UnitDeadline: calendarDate,
  SectorDeadline: calendarDate,
  PlannedEnd: calendarDate,
  UnitIds: jsonText(z.array(z.string())),
  Tasks: jsonText(z.array(task)),
  StartedById: z.string().min(1),
  CreatedAt: instant,
});

export const RISK_ROUND_COLUMNS: readonly string[] = Object.keys(roundRow.shape);

export function riskRoundToFields(r: RiskRound): Fields {
  return {
    RecordId: r.id,
    Title: r.title.length > TITLE_MAX ? `${r.title.slice(0, TITLE_MAX - 1)}…` : r.title,
    Year: r.year,
    Status: r.status,
    StartDate: r.start,
    UnitDeadline: r.unitDeadline,
    SectorDeadline: r.sectorDeadline,
    PlannedEnd: r.plannedEnd,
    UnitIds: JSON.stringify(r.unitIds),
    Tasks: JSON.stringify(r.tasks),
    StartedById: r.startedById,
    CreatedAt: r.createdAt,
  };
}

export function riskRoundFromFields(fields: unknown, source: RowSource): RiskRound {
  const r = readRow(roundRow, fields, source);
  return {
    id: r.RecordId,
    year: r.Year,
    title: r.Title,
    status: r.Status,
    start: r.StartDate,
    unitDeadline: r.UnitDeadline,
    sectorDeadline: r.SectorDeadline,
    plannedEnd: r.PlannedEnd,
    unitIds: r.UnitIds,
    tasks: r.Tasks,
    startedById: r.StartedById,
    createdAt: r.CreatedAt,
  };
}
