// Guards the cards as a whole: the public API is exported, and no builder reads the clock, environment or chance.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as cards from './index.js';

const dir = import.meta.dirname;
const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'));

describe('public API', () => {
  it.each([
    'welcomeCard',
    'reportFormCard',
    'readReportFormData',
    'receiptCard',
    'leaderNotificationCard',
    'channelAlertCard',
    'myReportsCard',
    'statusMessage',
    'validateCard',
    'cardSizeBytes',
    't',
    'languageOf',
    'formatOsloDateTime',
    'formatOsloDate',
    'osloDateAndTime',
    'escapeMarkdown',
  ])('exports %s', (name) => {
    expect(typeof (cards as Record<string, unknown>)[name]).toBe('function');
  });

  it('re-exports every module except the test fixtures and the catalogues (reached through t)', () => {
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    const internal = ['index.ts', 'test-fixtures.ts', 'strings-nb.ts', 'strings-nn.ts', 'strings-en.ts'];
    for (const file of modules.filter((f) => !internal.includes(f))) {
      expect(index).toContain(`'./${file.replace(/\.ts$/, '.js')}'`);
    }
  });
});

describe('purity', () => {
  const FORBIDDEN: [string, RegExp][] = [
    ['reads the clock', /Date\.now\(|new Date\(\)|performance\.now/],
    ['reads the environment', /process\.|globalThis\.|window\.|document\./],
    ['uses chance', /Math\.random|crypto\./],
    ['imports a node: module', /from\s+'node:/],
  ];

  it.each(modules)('%s has no hidden inputs', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [what, pattern] of FORBIDDEN) expect(pattern.test(source) ? `${file} ${what}` : '').toBe('');
  });
});
