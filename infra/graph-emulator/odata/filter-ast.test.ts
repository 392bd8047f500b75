// Tests for formatOperand, which error messages use to quote the client's own filter text.
import { describe, expect, it } from 'vitest';
import { formatOperand } from './filter-ast.js';

describe('formatOperand', () => {
  it('joins a property path with slashes', () => {
    expect(formatOperand({ kind: 'property', path: ['fields', 'Status'] })).toBe('fields/Status');
    expect(formatOperand({ kind: 'property', path: ['id'] })).toBe('id');
  });

  it('quotes strings the OData way, doubling embedded quotes', () => {
    expect(formatOperand({ kind: 'literal', type: 'string', value: "O'Brien" })).toBe("'O''Brien'");
    expect(formatOperand({ kind: 'literal', type: 'string', value: 'Bærum' })).toBe("'Bærum'");
  });

  it('writes numbers, booleans, null and datetimes bare', () => {
    expect(formatOperand({ kind: 'literal', type: 'number', value: -1.5 })).toBe('-1.5');
    expect(formatOperand({ kind: 'literal', type: 'boolean', value: false })).toBe('false');
    expect(formatOperand({ kind: 'literal', type: 'null', value: null })).toBe('null');
    expect(formatOperand({ kind: 'literal', type: 'datetime', value: '2024-01-31T12:00:00Z' })).toBe('2024-01-31T12:00:00Z');
  });
});
