// Sets fields on many items through $batch, retrying what may not have landed: for writes that are safe to repeat (same values, no If-Match).
import type { BulkFailure } from '../../app/ports/index.js';
import { type BatchOptions, type GraphClient, GraphNetworkError, GraphThrottledError, runBatch } from '../graph/index.js';
import type { Fields } from '../mapping/fields.js';

export interface FieldPatch {
  /** Reported in failures: the record's id. */
  key: string;
  /** `/sites/{site}/lists/{list}/items/{id}/fields`. */
  url: string;
  fields: Fields;
}

/**
 * Last writer wins, on purpose: used for synchronising the organisation from its source and for
 * library metadata, where repeating the same values is harmless. A lost answer (GraphUnknownOutcome
 * is a GraphNetworkError) or a throttled part is simply sent again.
 */
export async function patchMany(client: GraphClient, patches: readonly FieldPatch[], options: { batch?: BatchOptions; maxRounds?: number } = {}): Promise<BulkFailure[]> {
  const failed: BulkFailure[] = [];
  let pending = [...patches];
  const maxRounds = options.maxRounds ?? 5;
  for (let round = 0; round < maxRounds && pending.length > 0; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (round - 1), 4000)));
    const answers = await runBatch(client, pending.map((p) => ({ method: 'PATCH' as const, url: p.url, body: p.fields })), options.batch);
    const again: FieldPatch[] = [];
    answers.forEach((answer, i) => {
      const patch = pending[i] as FieldPatch;
      if (answer.ok) return;
      const e = answer.error;
      if (e instanceof GraphThrottledError || e instanceof GraphNetworkError || e.status === 0 || e.status >= 500) again.push(patch);
      else failed.push({ importKey: patch.key, reason: `${e.status} ${e.code}` });
    });
    pending = again;
  }
  for (const p of pending) failed.push({ importKey: p.key, reason: `not saved after ${maxRounds} rounds (throttled or unreachable)` });
  return failed;
}
