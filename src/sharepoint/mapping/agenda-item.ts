// AgendaItem ↔ 'Saker': Title is the item's title; the source is kept whole as JSON, and as a filterable kind and id beside it.
import { z } from 'zod';
import { type AgendaItem, type AgendaItemSource, type AgendaItemStatus, measureSourceId } from '../../domain/index.js';
import { type Fields, type RowSource, jsonText, oneOf, optionalText, readRow } from './fields.js';

const STATUSES: readonly AgendaItemStatus[] = ['proposed', 'accepted', 'handled', 'postponed', 'withdrawn'];

/** The 'Kilde' choice for each kind of source (the list's choices predate the domain's union, so some share 'other'). */
const SOURCE_CHOICE: Readonly<Record<AgendaItemSource['type'], string>> = {
  standing: 'standing',
  deviation: 'deviation',
  riskItem: 'risk',
  audit: 'audit',
  qualityIndicator: 'other',
  escalation: 'escalated',
  proposal: 'other',
};

function sourceKey(source: AgendaItemSource): string | null {
  switch (source.type) {
    case 'standing':
      return null;
    // The sources a measure can have too: the same record ids.
    case 'deviation':
    case 'riskItem':
    case 'audit':
      return measureSourceId(source);
    case 'qualityIndicator':
      return source.indicatorId;
    case 'escalation':
      return source.fromCommitteeId;
    case 'proposal':
      return source.proposedById;
  }
}

const id = z.string().min(1);
const sourceSchema: z.ZodType<AgendaItemSource> = z.union([
  z.object({ type: z.literal('standing'), item: z.string().min(1) }) as unknown as z.ZodType<AgendaItemSource>,
  z.object({ type: z.literal('deviation'), deviationId: id }),
  z.object({ type: z.literal('riskItem'), riskItemId: id }),
  z.object({ type: z.literal('audit'), auditId: id }),
  z.object({ type: z.literal('qualityIndicator'), indicatorId: id }),
  z.object({ type: z.literal('escalation'), fromCommitteeId: id, decisionId: id }),
  z.object({ type: z.literal('proposal'), proposedById: id }),
]);

const agendaRow = z.object({
  RecordId: z.string().min(1),
  Title: z.string().min(1),
  CommitteeId: z.string().min(1),
  MeetingId: optionalText,
  Status: oneOf(STATUSES),
  Description: optionalText,
  Year: z.number().int(),
  Sequence: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  OwnerId: optionalText,
  PresenterId: optionalText,
  DurationMinutes: z
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  SourceDetails: jsonText(sourceSchema),
  Source: z.string().nullish(),
  SourceId: optionalText,
  Number: optionalText,
});

export const AGENDA_ITEM_COLUMNS: readonly string[] = Object.keys(agendaRow.shape);

export function agendaItemToFields(item: AgendaItem): Fields {
  return {
    RecordId: item.id,
    Title: item.title,
    CommitteeId: item.committeeId,
    MeetingId: item.meetingId,
    Status: item.status,
    Description: item.description,
    Year: item.year,
    Sequence: item.sequence,
    OwnerId: item.preparedById,
    PresenterId: item.presenterId,
    DurationMinutes: item.durationMinutes,
    SourceDetails: JSON.stringify(item.source),
    Source: SOURCE_CHOICE[item.source.type],
    SourceId: sourceKey(item.source),
    Number: item.sequence === null ? null : `${item.sequence}/${String(item.year % 100).padStart(2, '0')}`,
  };
}

export function agendaItemFromFields(fields: unknown, source: RowSource): AgendaItem {
  const r = readRow(agendaRow, fields, source);
  return {
    id: r.RecordId,
    committeeId: r.CommitteeId,
    meetingId: r.MeetingId,
    sequence: r.Sequence,
    year: r.Year,
    title: r.Title,
    description: r.Description ?? '',
    source: r.SourceDetails,
    preparedById: r.OwnerId,
    presenterId: r.PresenterId,
    durationMinutes: r.DurationMinutes,
    status: r.Status,
  };
}
