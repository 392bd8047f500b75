// Vitest global setup: builds the Teams tab once before the suites when tab/dist is missing or stale (browser tests and the size budget read it).
import { ensureTab } from '../../scripts/tab-build.js';

export default async function setup(): Promise<void> {
  await ensureTab();
}
