// The schedule's files: restarts and a second process on the same directory (what VARDE_SCHEDULE_DIR gives `npm
// start`), with the scheduler over them on a fake clock; and the delivery records' claim-once and compare-and-replace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DailyScheduler } from '../app/scheduling/scheduler.js';
import { fakeClock, scheduler } from '../app/scheduling/test-clock.js';
import { FileDeliveryLog, FileScheduleLease } from './schedule-files.js';

const EIGHT = { hour: 8, minute: 0 };

describe('restarts and a second instance (the lease store is shared, as a directory or a blob container is)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const fileLease = (clock: ReturnType<typeof fakeClock>) => {
    const dir = mkdtempSync(join(tmpdir(), 'varde-schedule-'));
    dirs.push(dir);
    return (d = dir) => new FileScheduleLease(d, () => clock.now().getTime());
  };

  it('a restart after the day’s run does not run it again; a restart after a missed 08:00 catches up once', async () => {
    const clock = fakeClock('2026-11-24T07:00:00Z');
    const runs: string[] = [];
    const lease = fileLease(clock);
    expect((await scheduler(clock, lease(), runs).tick()).type).toBe('ran');
    // "Restart": new scheduler, new lease object, the same directory.
    clock.set('2026-11-24T09:30:00Z');
    expect((await scheduler(clock, lease(), runs).tick()).type).toBe('alreadyDone');
    // Down over the next 08:00, back at 10:15: the missed run happens once, at start.
    clock.set('2026-11-25T09:15:00Z');
    expect(await scheduler(clock, lease(), runs).tick()).toEqual({ type: 'ran', date: '2026-11-25' });
    expect((await scheduler(clock, lease(), runs).tick()).type).toBe('alreadyDone');
    expect(runs).toEqual(['2026-11-24T07:00:00.000Z', '2026-11-25T09:15:00.000Z']);
  });

  it('two instances at 08:00: one runs, the other is refused while it runs and finds the day done after', async () => {
    const clock = fakeClock('2026-11-24T07:00:00Z');
    const lease = fileLease(clock);
    const runs: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = new DailyScheduler({ job: 'daily-reminders', time: EIGHT, lease: lease(), clock, run: async (now) => void (runs.push(`a ${now.toISOString()}`), await gate) });
    const b = scheduler(clock, lease(), runs);
    const first = a.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await b.tick()).type).toBe('busy');
    release();
    expect((await first).type).toBe('ran');
    expect((await b.tick()).type).toBe('alreadyDone');
    expect(runs).toEqual(['a 2026-11-24T07:00:00.000Z']);
  });

  it('an instance that died holding the lease loses it when its time runs out', async () => {
    const clock = fakeClock('2026-11-24T07:00:00Z');
    const lease = fileLease(clock);
    const dead = await lease().acquire('daily-reminders', 60_000);
    expect(dead).not.toBeNull();
    const runs: string[] = [];
    expect((await scheduler(clock, lease(), runs).tick()).type).toBe('busy');
    clock.advance(61_000);
    expect((await scheduler(clock, lease(), runs).tick()).type).toBe('ran');
    expect(await dead?.renew()).toBe(false);
  });
});

describe('the delivery records as files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const log = () => {
    const dir = mkdtempSync(join(tmpdir(), 'varde-deliveries-'));
    dirs.push(dir);
    return new FileDeliveryLog(dir);
  };

  it('a key is created once; a replace needs the etag it was read with; old days are pruned', async () => {
    const a = log();
    const etag = await a.create('2026-11-24', '19:a@thread.tacv2', { state: 'claimed' });
    expect(etag).not.toBeNull();
    expect(await a.create('2026-11-24', '19:a@thread.tacv2', { state: 'other' })).toBeNull();
    const next = await a.replace('2026-11-24', '19:a@thread.tacv2', { state: 'sent' }, etag as string);
    expect(next).not.toBeNull();
    expect(await a.replace('2026-11-24', '19:a@thread.tacv2', { state: 'late' }, etag as string)).toBeNull();
    expect(await a.get('2026-11-24', '19:a@thread.tacv2')).toEqual({ value: { state: 'sent' }, etag: next });
    await a.create('2026-10-01', 'x', {});
    expect(await a.prune('2026-10-25')).toBe(1);
    expect(await a.get('2026-10-01', 'x')).toBeNull();
    expect(await a.get('2026-11-24', '19:a@thread.tacv2')).not.toBeNull();
  });
});
