// Conversation references ↔ 'Kanalkoblinger': target id (unique), its kind, and the SDK's reference as JSON.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Fields, type RowSource, jsonText, oneOf, readRow } from './fields.js';

export type ReferenceTargetKind = 'person' | 'channel';

export interface ConversationReferenceRow {
  readonly targetId: string;
  readonly kind: ReferenceTargetKind;
  readonly reference: unknown;
}

/** The TargetId column holds 64 characters; longer ids (unusual channel ids) are kept as a hash of themselves. */
const TARGET_ID_MAX = 64;

/** The key a target is stored under: the id itself when it fits, else a stable hash of kind and id. */
export function targetKey(kind: ReferenceTargetKind, id: string): string {
  if (id.length > 0 && id.length <= TARGET_ID_MAX) return id;
  return `h:${createHash('sha256').update(`${kind}:${id}`).digest('hex').slice(0, TARGET_ID_MAX - 2)}`;
}

const referenceRow = z.object({
  TargetId: z.string().min(1),
  TargetKind: oneOf(['person', 'channel'] as const),
  Reference: jsonText(z.unknown()),
});

export const CONVERSATION_REFERENCE_COLUMNS: readonly string[] = Object.keys(referenceRow.shape);

export function conversationReferenceToFields(kind: ReferenceTargetKind, id: string, reference: unknown): Fields {
  return { TargetId: targetKey(kind, id), TargetKind: kind, Reference: JSON.stringify(reference ?? null) };
}

export function conversationReferenceFromFields(fields: unknown, source: RowSource): ConversationReferenceRow {
  const r = readRow(referenceRow, fields, source);
  return { targetId: r.TargetId, kind: r.TargetKind, reference: r.Reference };
}
