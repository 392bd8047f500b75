// Measure ↔ list item fields of 'Tiltak': the source union as Source (its type) + SourceId, the deadline as a date-only column.
import { z } from 'zod';
import { MEASURE_SOURCES, MEASURE_STATUSES, type Measure, type MeasureSource, measureSourceId } from '../../domain/index.js';
import { type Fields, type RowSource, calendarDate, instant, oneOf, optionalInstant, optionalText, readRow } from './fields.js';

type SourceType = MeasureSource['type'];

export function sourceOf(type: SourceType, id: string): MeasureSource {
  switch (type) {
    case 'deviation':
      return { type, deviationId: id };
    case 'riskItem':
      return { type, riskItemId: id };
    case 'audit':
      return { type, auditId: id };
    case 'meetingDecision':
      return { type, decisionId: id };
    case 'procedureSelfAssessment':
      return { type, selfAssessmentId: id };
  }
}

/** A row of 'Tiltak' as the mapping reads it; the measure index's feed reads a part of it (change-feeds.ts). */
export const measureRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  Description: optionalText,
  Source: oneOf(MEASURE_SOURCES),
  SourceId: z.string().min(1),
  OwnerId: z.string().min(1),
  UnitId: z.string().min(1),
  // Derived for queries, written on every save; read only so an update can check what it wrote.
  SectorId: optionalText,
  Deadline: calendarDate,
  Status: oneOf(MEASURE_STATUSES),
  CreatedAt: instant,
  DoneAt: optionalInstant,
  Evaluation: optionalText,
  CancelReason: optionalText,
});

export const MEASURE_COLUMNS: readonly string[] = Object.keys(measureRow.shape);

/**
 * What a row holds beside the measure itself: the sector (kommunalsjefområde) of its unit, so that a sector's action
 * list is one indexed `SectorId eq` instead of an OR over its units. Resolved by the repository from the tree.
 */
export interface MeasureRowContext {
  readonly sectorId: string | null;
}

export function measureToFields(m: Measure, row: MeasureRowContext = { sectorId: null }): Fields {
  return {
    RecordId: m.id,
    SectorId: row.sectorId,
    Title: m.title,
    Description: m.description,
    Source: m.source.type,
    SourceId: measureSourceId(m.source),
    OwnerId: m.ownerId,
    UnitId: m.unitId,
    // Written as the bare date: SharePoint puts a date-only value at midnight in the site's zone.
    Deadline: m.deadline,
    Status: m.status,
    CreatedAt: m.createdAt,
    DoneAt: m.completedAt,
    Evaluation: m.evaluation,
    CancelReason: m.cancelReason,
  };
}

export function measureFromFields(fields: unknown, source: RowSource): Measure {
  const r = readRow(measureRow, fields, source);
  return {
    id: r.RecordId,
    title: r.Title,
    description: r.Description ?? '',
    source: sourceOf(r.Source, r.SourceId),
    ownerId: r.OwnerId,
    unitId: r.UnitId,
    deadline: r.Deadline,
    status: r.Status,
    createdAt: r.CreatedAt,
    completedAt: r.DoneAt,
    evaluation: r.Evaluation,
    cancelReason: r.CancelReason,
  };
}
