// Shared by the demo tests: one default municipality per test file, generated once.
import { generateMunicipality, type DemoMunicipality } from './municipality.js';

/** A fixed "today" for the tests: a Sunday in March, after the yearly ROS window. */
export const NOW = new Date('2026-03-15T10:00:00.000Z');

let cached: DemoMunicipality | undefined;

export function demo(): DemoMunicipality {
  cached ??= generateMunicipality({ now: NOW });
  return cached;
}
