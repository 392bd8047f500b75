// Work that must happen once however many instances run (the daily reminder run): who runs it, and whether it ran.
//
// Locally a file per job (src/server/schedule-files.ts), in production a blob lease and a marker blob in the
// 'varde-schedule' container (src/azure/blob-schedule.ts), in tests memory (src/app/scheduling/in-memory.ts).
import type { CalendarDate } from '../../domain/index.js';

export interface ScheduleLease {
  /**
   * Tries to become the one instance that runs `job` now, for `ttlMs` unless renewed; null when another instance
   * holds it. A holder that stops without releasing (a crash) loses the hold when the time runs out.
   */
  acquire(job: string, ttlMs: number): Promise<LeaseHold | null>;
}

export interface LeaseHold {
  /** The Oslo date of the job's last completed run, as recorded durably; null before the first. */
  lastRunDate(): Promise<CalendarDate | null>;
  /** Records the job as done for `date`, durably, before the hold is released: no second run that day. */
  recordRun(date: CalendarDate): Promise<void>;
  /** Extends the hold by its ttl; false when it was lost (expired and taken by another). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * What was sent for one key of one day (a channel's digest): created once before the first send, so a second
 * instance or a restart finds it and sends nothing twice; replaced with the etag it was read with.
 * The value is the caller's JSON (checked by the caller when read back).
 */
export interface DeliveryLog {
  get(date: CalendarDate, id: string): Promise<{ value: unknown; etag: string } | null>;
  /** Creates the record; null when one exists already (someone else claimed the key). Returns the etag. */
  create(date: CalendarDate, id: string, value: unknown): Promise<string | null>;
  /** Replaces the record if it is still at `etag`; null when it changed (or vanished) in between. */
  replace(date: CalendarDate, id: string, value: unknown, etag: string): Promise<string | null>;
  /** Deletes the records of days before `date`; resolves with how many went. */
  prune(before: CalendarDate): Promise<number>;
}
