// The procedure pages' addresses map to their views, inside the tab's router too.
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../routes';
import { documentHref, parseProcedureRoute } from './procedure-routes';

describe('procedure routes', () => {
  it('know every procedure page', () => {
    expect(parseProcedureRoute('/procedures')).toEqual({ view: 'search' });
    expect(parseProcedureRoute('/procedures/new')).toEqual({ view: 'new' });
    expect(parseProcedureRoute('/procedures/approvals')).toEqual({ view: 'approvals' });
    expect(parseProcedureRoute('/procedures/reviews')).toEqual({ view: 'reviews' });
    expect(parseProcedureRoute('/procedures/self-assessment')).toEqual({ view: 'selfAssessment' });
    expect(parseProcedureRoute('/reading-list')).toEqual({ view: 'readingList' });
    expect(parseProcedureRoute('/reading-list/coverage')).toEqual({ view: 'coverage' });
  });

  it('round-trip a document id through its address, sections in the query', () => {
    expect(documentHref('document-0001')).toBe('/procedures/documents/document-0001');
    expect(documentHref('a b/c', 'coverage')).toBe('/procedures/documents/a%20b%2Fc?section=coverage');
    expect(parseProcedureRoute('/procedures/documents/a%20b%2Fc')).toEqual({ view: 'document', id: 'a b/c' });
  });

  it('say nothing for other paths or a broken id', () => {
    expect(parseProcedureRoute('/procedures/documents')).toBeNull();
    expect(parseProcedureRoute('/procedures/documents/%E0%A4%A')).toBeNull();
    expect(parseProcedureRoute('/procedures/x/y')).toBeNull();
    expect(parseProcedureRoute('/inbox')).toBeNull();
  });

  it('are routes of the tab (a trailing slash and a query do not matter)', () => {
    expect(parseRoute('/procedures/', '?q=brann')).toEqual({ page: 'procedures', route: { view: 'search' } });
    expect(parseRoute('/reading-list', '')).toEqual({ page: 'procedures', route: { view: 'readingList' } });
    expect(parseRoute('/procedures/documents/d-1', '?section=upload')).toEqual({ page: 'procedures', route: { view: 'document', id: 'd-1' } });
    expect(parseRoute('/procedures/nowhere', '')).toEqual({ page: 'notFound' });
  });
});
