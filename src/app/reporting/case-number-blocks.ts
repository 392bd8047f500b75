// Case numbers handed out from small blocks reserved per process: one counter write per block, not per report.
import type { CaseSeries } from '../../domain/index.js';
import type { CaseNumberAllocator } from '../ports/index.js';

interface Block {
  next: number;
  end: number;
}

/**
 * Numbers stay unique across instances (the allocator reserves each block with If-Match); the price is a
 * gap when a process stops with numbers left in its block, and numbers that are not strictly in report
 * order across instances. Both are acceptable for case numbers, which only need to be unique and sayable.
 */
export class CaseNumberBlocks {
  private readonly blocks = new Map<string, Block>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly allocator: CaseNumberAllocator,
    private readonly blockSize: Readonly<Record<CaseSeries, number>> = { ordinary: 10, whistleblowing: 1 },
  ) {}

  /** The next number of the series for the (Oslo) year; reserves a new block when this one is used up. */
  async next(series: CaseSeries, year: number): Promise<number> {
    const key = `${series}:${year}`;
    for (;;) {
      const block = this.blocks.get(key);
      if (block && block.next < block.end) return block.next++;
      await this.refill(series, year, key);
    }
  }

  /** Makes sure a block is held (at start, so the first report pays nothing extra). */
  async reserve(series: CaseSeries, year: number): Promise<void> {
    const key = `${series}:${year}`;
    const block = this.blocks.get(key);
    if (!block || block.next >= block.end) await this.refill(series, year, key);
  }

  /** Numbers left in the block held for the series and year. */
  held(series: CaseSeries, year: number): number {
    const block = this.blocks.get(`${series}:${year}`);
    return block ? block.end - block.next : 0;
  }

  /** One refill at a time per series and year: callers that arrive meanwhile wait for it. */
  private refill(series: CaseSeries, year: number, key: string): Promise<void> {
    let running = this.pending.get(key);
    if (!running) {
      const size = Math.max(1, Math.floor(this.blockSize[series]));
      running = this.allocator
        .allocate(series, year, size)
        .then((first) => {
          this.blocks.set(key, { next: first, end: first + size });
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }
}
