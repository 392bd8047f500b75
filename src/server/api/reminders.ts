// POST /api/admin/reminders/run: the daily reminder run now, for the quality advisers (testing in the demo, or sending
// after a fault). It is the same run the scheduler makes at VARDE_REMINDER_TIME, with the same once-per-channel-and-day
// records: a second call the same day sends nothing the first sent (the summary says so: `alreadySent`).
//
// 200 → { date, channels, measures, reviews, risk, delivery: { sent, messages, alreadySent, gone, noReference, stale } }
// 403 'forbidden' for anyone but a quality adviser.
import { Hono } from 'hono';
import { hasRole } from '../../domain/index.js';
import type { ReminderModule } from '../compose-reminders.js';
import { type ApiEnv, viewerOf } from './context.js';
import { ApiProblem } from './errors.js';

export function reminderRoutes(reminders: Pick<ReminderModule, 'runDailyReminders'>, now: () => Date = () => new Date()): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post('/admin/reminders/run', async (c) => {
    if (!hasRole(viewerOf(c).person, 'qualityAdviser')) throw new ApiProblem(403, 'forbidden', 'Bare kvalitetsrådgivere kan sende påminnelsene manuelt.');
    const summary = await reminders.runDailyReminders(now());
    c.header('Cache-Control', 'private, no-store');
    return c.json(summary);
  });
  return routes;
}
