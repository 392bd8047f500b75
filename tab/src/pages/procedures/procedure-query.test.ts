// The procedure filters go to and from the URL and the API's query strings without losing or inventing anything.
import { describe, expect, it } from 'vitest';
import {
  documentApiPath,
  documentCoverageApiPath,
  documentFiltersFromQuery,
  documentQuery,
  documentsApiPath,
  parseKeywords,
  reviewDueFiltersFromQuery,
  reviewDueQuery,
  reviewsDueApiPath,
  selfAssessmentsApiPath,
  unitCoverageApiPath,
  yearFromQuery,
  type DocumentFilters,
} from './procedure-query';

describe('search filters', () => {
  it('round-trip through the tab’s query string', () => {
    const filters: DocumentFilters = {
      q: 'legemiddel',
      kind: 'governingDocument',
      status: ['draft', 'approved'],
      documentType: ['regulation', 'strategy'],
      unitId: 'u-1',
      appliesToMe: true,
      mine: 'review',
      reviewDue: true,
      sort: 'relevance',
    };
    const query = documentQuery(filters);
    expect(query).toBe('?q=legemiddel&kind=governingDocument&status=draft%2Capproved&documentType=regulation%2Cstrategy&unitId=u-1&appliesToMe=true&mine=review&reviewDue=true&sort=relevance');
    expect(documentFiltersFromQuery(query)).toEqual(filters);
  });

  it('give nothing for no filters, and the bare API path', () => {
    expect(documentQuery({})).toBe('');
    expect(documentFiltersFromQuery('')).toEqual({});
    expect(documentsApiPath({})).toBe('/api/procedures');
  });

  it('drop what the API does not know instead of sending it on', () => {
    expect(documentFiltersFromQuery('?kind=memo&status=deleted,approved&documentType=poem&mine=all&sort=random&appliesToMe=yes&reviewDue=1')).toEqual({ status: ['approved'] });
  });

  it('keep several values in the contract’s order, once each', () => {
    expect(documentFiltersFromQuery('?status=archived,draft,draft').status).toEqual(['draft', 'archived']);
    expect(documentFiltersFromQuery('?documentType=plan,procedure').documentType).toEqual(['procedure', 'plan']);
  });

  it('trim and bound the words (200 characters), and drop blank ones', () => {
    expect(documentFiltersFromQuery(`?q=${encodeURIComponent('  brann  ')}`).q).toBe('brann');
    expect(documentFiltersFromQuery('?q=%20%20').q).toBeUndefined();
    expect(documentFiltersFromQuery(`?q=${'x'.repeat(300)}`).q).toHaveLength(200);
  });

  it('do not ask for relevance without words (the API sorts by title then)', () => {
    expect(documentsApiPath({ sort: 'relevance' })).toBe('/api/procedures');
    expect(documentsApiPath({ sort: 'nextReview' })).toBe('/api/procedures?sort=nextReview');
  });

  it('become the API path with paging, escaping what needs escaping', () => {
    expect(documentsApiPath({ q: 'a&b=c', mine: 'approve' }, { pageSize: 25, continuation: 'tok/en+1' })).toBe('/api/procedures?q=a%26b%3Dc&mine=approve&pageSize=25&continuation=tok%2Fen%2B1');
    expect(documentsApiPath({ appliesToMe: true }, { pageSize: 25, continuation: null })).toBe('/api/procedures?appliesToMe=true&pageSize=25');
  });
});

describe('review and coverage paths', () => {
  it('send a unit only for the units view, and a window of 0–365 days', () => {
    expect(reviewsDueApiPath({})).toBe('/api/procedures/reviews/due');
    expect(reviewsDueApiPath({ scope: 'mine', unitId: 'u-1' })).toBe('/api/procedures/reviews/due?scope=mine');
    expect(reviewsDueApiPath({ scope: 'units', unitId: 'u-1', withinDays: 90 })).toBe('/api/procedures/reviews/due?scope=units&unitId=u-1&withinDays=90');
    expect(reviewDueFiltersFromQuery('?scope=units&unitId=u-2&withinDays=60')).toEqual({ scope: 'units', unitId: 'u-2', withinDays: 60 });
    expect(reviewDueFiltersFromQuery('?scope=all&withinDays=400')).toEqual({});
    expect(reviewDueFiltersFromQuery('?withinDays=-1')).toEqual({});
    expect(reviewDueQuery({ scope: 'units', withinDays: 0 })).toBe('?scope=units&withinDays=0');
  });

  it('build coverage, self-assessment and document paths', () => {
    expect(unitCoverageApiPath()).toBe('/api/reading-coverage');
    expect(unitCoverageApiPath('u 1')).toBe('/api/reading-coverage?unitId=u+1');
    expect(documentCoverageApiPath('d/1', 'u-1')).toBe('/api/procedures/d%2F1/reading-coverage?unitId=u-1');
    expect(selfAssessmentsApiPath(2026)).toBe('/api/self-assessments?year=2026');
    expect(selfAssessmentsApiPath(2026, ' ØV ')).toBe('/api/self-assessments?year=2026&ownerArea=%C3%98V');
    expect(documentApiPath('d-1', '/confirm-reading')).toBe('/api/procedures/d-1/confirm-reading');
  });

  it('read a year from the URL only when it is one', () => {
    expect(yearFromQuery('2026')).toBe(2026);
    expect(yearFromQuery('1999')).toBeUndefined();
    expect(yearFromQuery('26')).toBeUndefined();
    expect(yearFromQuery(null)).toBeUndefined();
  });
});

describe('keywords', () => {
  it('split on commas, semicolons and lines; trim; once each regardless of case; at most 20 of 40 characters', () => {
    expect(parseKeywords(' legemidler, Dosering ;insulin\n\n dosering ,')).toEqual(['legemidler', 'Dosering', 'insulin']);
    expect(parseKeywords('')).toEqual([]);
    expect(parseKeywords('x'.repeat(50))).toEqual(['x'.repeat(40)]);
    expect(parseKeywords(Array.from({ length: 30 }, (_, i) => `ord${i}`).join(','))).toHaveLength(20);
  });
});
