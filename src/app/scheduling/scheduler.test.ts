import { describe, expect, it } from 'vitest';
import { decide, nextRunAt, osloInstant, parseTimeOfDay } from './daily-schedule.js';
import { InMemoryScheduleLease } from './in-memory.js';
import { DailyScheduler } from './scheduler.js';
import { EIGHT, fakeClock, scheduler } from './test-clock.js';

describe('the run time in Oslo', () => {
  it('is 08:00 local: 07:00 UTC in winter, 06:00 UTC in summer', () => {
    expect(osloInstant('2026-01-15', EIGHT).toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(osloInstant('2026-07-15', EIGHT).toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('follows the clock across the DST changes (last Sunday of March and of October)', () => {
    // 2026-03-29: clocks jump from 02:00 to 03:00; 2026-10-25: from 03:00 back to 02:00.
    expect(nextRunAt(new Date('2026-03-28T07:00:00Z'), EIGHT).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextRunAt(new Date('2026-10-24T06:00:00Z'), EIGHT).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    // The night of the change is 23 and 25 hours long: the distance between two runs.
    const spring = osloInstant('2026-03-29', EIGHT).getTime() - osloInstant('2026-03-28', EIGHT).getTime();
    const autumn = osloInstant('2026-10-25', EIGHT).getTime() - osloInstant('2026-10-24', EIGHT).getTime();
    expect([spring / 3_600_000, autumn / 3_600_000]).toEqual([23, 25]);
  });

  it('a time the spring night skips runs when the clocks have jumped past it; a repeated autumn time runs the first time', () => {
    expect(osloInstant('2026-03-29', { hour: 2, minute: 30 }).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(osloInstant('2026-10-25', { hour: 2, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });

  it('reads HH:MM and refuses anything else', () => {
    expect(parseTimeOfDay('08:00')).toEqual(EIGHT);
    expect(parseTimeOfDay('7:05')).toEqual({ hour: 7, minute: 5 });
    for (const bad of ['24:00', '08:60', '8', 'åtte', '08:00:00']) expect(parseTimeOfDay(bad)).toBeNull();
  });

  it('decides: before the time wait, after it run once, never twice the same day', () => {
    expect(decide(new Date('2026-11-24T06:59:00Z'), EIGHT, '2026-11-23')).toEqual({ action: 'wait', until: new Date('2026-11-24T07:00:00Z') });
    expect(decide(new Date('2026-11-24T07:00:00Z'), EIGHT, '2026-11-23')).toEqual({ action: 'run', date: '2026-11-24' });
    expect(decide(new Date('2026-11-24T15:00:00Z'), EIGHT, null)).toEqual({ action: 'run', date: '2026-11-24' });
    expect(decide(new Date('2026-11-24T15:00:00Z'), EIGHT, '2026-11-24')).toEqual({ action: 'wait', until: new Date('2026-11-25T07:00:00Z') });
    // 00:30 in Oslo is still the evening before in UTC: the new day's run is not due until 08:00.
    expect(decide(new Date('2026-11-24T23:30:00Z'), EIGHT, '2026-11-24').action).toBe('wait');
  });
});

describe('the scheduler with a fake clock', () => {
  it('runs at 08:00, then not again that day, then at 08:00 the next day', async () => {
    const clock = fakeClock('2026-11-24T05:00:00Z');
    const runs: string[] = [];
    const s = scheduler(clock, new InMemoryScheduleLease(() => clock.now().getTime()), runs);
    expect((await s.tick()).type).toBe('notYet');
    clock.set('2026-11-24T07:00:00Z');
    expect(await s.tick()).toEqual({ type: 'ran', date: '2026-11-24' });
    clock.set('2026-11-24T12:00:00Z');
    expect((await s.tick()).type).toBe('alreadyDone');
    clock.set('2026-11-25T07:00:01Z');
    expect(await s.tick()).toEqual({ type: 'ran', date: '2026-11-25' });
    expect(runs).toEqual(['2026-11-24T07:00:00.000Z', '2026-11-25T07:00:01.000Z']);
  });

  it('its loop sleeps until the next run time and runs once a day over a week with a DST change', async () => {
    const clock = fakeClock('2026-10-22T12:00:00Z');
    const runs: string[] = [];
    const lease = new InMemoryScheduleLease(() => clock.now().getTime());
    const s = new DailyScheduler({ job: 'daily-reminders', time: EIGHT, lease, clock, maxSleepMs: 6 * 3_600_000, run: async (now) => void runs.push(now.toISOString()) });
    s.start();
    while (clock.now().getTime() < new Date('2026-10-29T12:00:00Z').getTime()) await new Promise((resolve) => setImmediate(resolve));
    await s.stop();
    // Catch-up at start on the 22nd (it was after 08:00 and nothing recorded), then 08:00 each day: 06:00 UTC in
    // summer time up to Saturday the 24th, 07:00 UTC from Sunday the 25th.
    expect(runs).toEqual([
      '2026-10-22T12:00:00.000Z',
      '2026-10-23T06:00:00.000Z',
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
      '2026-10-28T07:00:00.000Z',
      '2026-10-29T07:00:00.000Z',
    ]);
  });

  it('a failed run is tried again later the same day, and recorded only when it succeeds', async () => {
    const clock = fakeClock('2026-11-24T07:00:00Z');
    const runs: string[] = [];
    const lease = new InMemoryScheduleLease(() => clock.now().getTime());
    expect(await scheduler(clock, lease, runs, true).tick()).toEqual({ type: 'failed', date: '2026-11-24' });
    clock.advance(15 * 60_000);
    expect(await scheduler(clock, lease, runs).tick()).toEqual({ type: 'ran', date: '2026-11-24' });
    expect(runs).toHaveLength(2);
  });
});
