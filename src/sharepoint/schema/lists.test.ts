// Checks the declared schema against SharePoint's rules before any tenant sees it.
import { describe, expect, it } from 'vitest';
import { LISTS, listSpec } from './lists.js';
import { MAX_INDEXED_COLUMNS } from './schema-types.js';

const indexed = (columns: (typeof LISTS)[number]['columns']) => columns.filter((c) => c.indexed || c.unique);

describe('schema', () => {
  it('no list has more than 20 indexed columns', () => {
    for (const list of LISTS) expect(indexed(list.columns).length, list.displayName).toBeLessThanOrEqual(MAX_INDEXED_COLUMNS);
  });

  it('column names are unique per list, ASCII and not SharePoint built-ins', () => {
    const builtIns = new Set(['Title', 'ID', 'Created', 'Modified', 'Author', 'Editor', 'ContentType', 'Attachments', 'FileLeafRef']);
    for (const list of LISTS) {
      const names = list.columns.map((c) => c.name);
      expect(new Set(names).size, list.displayName).toBe(names.length);
      for (const n of names) {
        expect(n).toMatch(/^[A-Z][A-Za-z0-9]*$/);
        expect(builtIns.has(n), `${list.displayName}.${n}`).toBe(false);
      }
    }
  });

  it('list titles are unique per site, and whistleblowing reports live only in the confidential site', () => {
    for (const site of ['quality', 'confidential'] as const) {
      const titles = LISTS.filter((l) => l.site === site).map((l) => l.displayName);
      expect(new Set(titles).size).toBe(titles.length);
    }
    expect(listSpec('whistleblowingReports').site).toBe('confidential');
    // A whistleblowing report's files stay beside it; both attachment libraries link files to cases by an indexed CaseId.
    expect(listSpec('whistleblowingAttachments')).toMatchObject({ site: 'confidential', template: 'documentLibrary' });
    for (const key of ['attachments', 'whistleblowingAttachments']) expect(listSpec(key).columns.find((c) => c.name === 'CaseId')?.indexed).toBe(true);
    expect(LISTS.filter((l) => l.site === 'quality').some((l) => l.key.startsWith('whistleblowing'))).toBe(false);
  });

  it('multi-line text is never indexed and choice columns have choices', () => {
    for (const list of LISTS)
      for (const c of list.columns) {
        if (c.type === 'note') expect(c.indexed || c.unique, `${list.displayName}.${c.name}`).toBeFalsy();
        if (c.type === 'choice') expect(c.choices?.length, `${list.displayName}.${c.name}`).toBeGreaterThan(0);
      }
  });

  it('an unknown key is a programming error', () => {
    expect(() => listSpec('nope')).toThrow(/No list/);
  });
});
