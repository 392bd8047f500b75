// Sends many proactive messages within Teams' limits: at most `perSecond` requests that the service can count in any
// one-second window (Teams allows a bot 7 a second per conversation and about 30 across them; the digest sends one per
// person), a few in flight at once. Never throws: each item's outcome is returned.
//
// The service counts a request when it arrives, somewhere between our send and its answer, so counting by the time we
// let a request go is not enough: a slow moment (a pause in this process, a slow network) can bunch requests admitted a
// second apart into one second at the service. As the resource-unit pacer does for Graph, a request counts from the
// moment it is let go until one second after its answer, and a new one goes only while fewer than `perSecond` count.
export interface PacedOptions {
  readonly perSecond: number;
  readonly concurrency: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Covers timer granularity between our clock and the service's. */
const MARGIN_MS = 50;

export async function paced<T, R>(items: readonly T[], options: PacedOptions, work: (item: T) => Promise<R>): Promise<({ ok: true; value: R } | { ok: false; error: unknown })[]> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Requests that may still count: in flight (end null) or answered less than a second ago. */
  let counted: { end: number | null }[] = [];
  const results: ({ ok: true; value: R } | { ok: false; error: unknown })[] = new Array(items.length);
  let next = 0;
  // Admission is serialised (one slot at a time), so the count is exact however many workers wait.
  let gate: Promise<{ end: number | null }> = Promise.resolve({ end: 0 });
  const admit = () => {
    const turn = gate.then(async () => {
      for (;;) {
        const t = now();
        counted = counted.filter((c) => c.end === null || c.end > t - 1000 - MARGIN_MS);
        if (counted.length < options.perSecond) {
          const slot = { end: null as number | null };
          counted.push(slot);
          return slot;
        }
        const ended = counted.flatMap((c) => (c.end === null ? [] : [c.end]));
        // All in flight: look again shortly; else when the oldest answered one stops counting.
        await sleep(ended.length === 0 ? 20 : Math.max(1, Math.min(...ended) + 1000 + MARGIN_MS - t));
      }
    });
    gate = turn;
    return turn;
  };
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const slot = await admit();
      try {
        results[i] = { ok: true, value: await work(items[i] as T) };
      } catch (error) {
        results[i] = { ok: false, error };
      } finally {
        slot.end = now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker));
  return results;
}
