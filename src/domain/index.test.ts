// Guards the domain as a whole: the public API is exported, and no module reads the clock, environment or chance.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

const dir = import.meta.dirname;
const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('public API', () => {
  it.each([
    'reportDeviation',
    'transition',
    'actOnCase',
    'canView',
    'canHandle',
    'canViewHealthDetails',
    'visibleUnitIds',
    'isOverdue',
    'toOsloDate',
    'isoWeek',
    'riskScore',
    'requiresMeasure',
    'mustEscalate',
    'parseCaseNumber',
    'formatCaseNumber',
    'validateOrgTree',
    'isWithin',
    'parentCommittee',
    'isReviewOverdue',
  ])('exports %s', (name) => {
    expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
  });

  it('re-exports every module except the test fixtures', () => {
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    for (const file of modules.filter((f) => f !== 'index.ts' && f !== 'test-fixtures.ts')) {
      expect(index).toContain(`'./${file.replace(/\.ts$/, '.js')}'`);
    }
  });
});

describe('purity', () => {
  // Time comes in as a parameter; configuration comes from the composition root.
  const FORBIDDEN: [string, RegExp][] = [
    ['reads the clock', /Date\.now\(|new Date\(\)|performance\.now/],
    ['reads the environment', /process\.|globalThis\.|window\./],
    ['uses chance', /Math\.random|crypto\./],
    ['declares a class', /^\s*(export\s+)?class\s/m],
    ['imports outside the domain', /^\s*(import|export)\b[^;]*?\bfrom\s+'(?!\.\/)/m],
    ['imports dynamically', /\bimport\(|\brequire\(/],
  ];

  it.each(modules)('%s is pure', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const [what, pattern] of FORBIDDEN) {
      expect(pattern.test(source), `${file} ${what}`).toBe(false);
    }
  });

  it.each(modules)('%s opens with one comment line saying what it is for and stays small', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    expect(source.startsWith('// ')).toBe(true);
    expect(source.split('\n').length).toBeLessThanOrEqual(300);
  });
});
