// In-memory ScheduleLease and DeliveryLog: for tests (two "instances" share one object, as two processes share a
// directory or a container) and for a run configured without a schedule directory (then a restart forgets them).
import type { CalendarDate } from '../../domain/index.js';
import type { DeliveryLog, LeaseHold, ScheduleLease } from '../ports/index.js';

export class InMemoryScheduleLease implements ScheduleLease {
  private readonly holds = new Map<string, { token: number; until: number }>();
  private readonly lastRun = new Map<string, CalendarDate>();
  private tokens = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(job: string, ttlMs: number): Promise<LeaseHold | null> {
    const current = this.holds.get(job);
    if (current && current.until > this.now()) return null;
    const token = ++this.tokens;
    this.holds.set(job, { token, until: this.now() + ttlMs });
    const mine = () => this.holds.get(job)?.token === token;
    return {
      lastRunDate: async () => this.lastRun.get(job) ?? null,
      recordRun: async (date) => {
        this.lastRun.set(job, date);
      },
      renew: async () => {
        if (!mine()) return false;
        this.holds.set(job, { token, until: this.now() + ttlMs });
        return true;
      },
      release: async () => {
        if (mine()) this.holds.delete(job);
      },
    };
  }
}

export class InMemoryDeliveryLog implements DeliveryLog {
  private readonly records = new Map<string, { date: CalendarDate; value: string; etag: string }>();
  private version = 0;

  private key(date: CalendarDate, id: string): string {
    return `${date}\u0000${id}`;
  }

  async get(date: CalendarDate, id: string): Promise<{ value: unknown; etag: string } | null> {
    const r = this.records.get(this.key(date, id));
    return r ? { value: JSON.parse(r.value) as unknown, etag: r.etag } : null;
  }

  async create(date: CalendarDate, id: string, value: unknown): Promise<string | null> {
    const key = this.key(date, id);
    if (this.records.has(key)) return null;
    return this.put(key, date, value);
  }

  async replace(date: CalendarDate, id: string, value: unknown, etag: string): Promise<string | null> {
    const key = this.key(date, id);
    if (this.records.get(key)?.etag !== etag) return null;
    return this.put(key, date, value);
  }

  async prune(before: CalendarDate): Promise<number> {
    let n = 0;
    for (const [key, r] of this.records) {
      if (r.date < before) {
        this.records.delete(key);
        n++;
      }
    }
    return n;
  }

  private put(key: string, date: CalendarDate, value: unknown): string {
    const etag = `"${++this.version}"`;
    // Stored as JSON text: what a file or a blob would hold, so a caller cannot change it behind the log's back.
    this.records.set(key, { date, value: JSON.stringify(value), etag });
    return etag;
  }
}
