// The risk pages' URLs and API paths: filters and the drilled-into cell survive the round trip; junk is dropped.
import { describe, expect, it } from 'vitest';
import { problemLine } from './assessment-page';
import { exportFileName, importPath, sortRowErrors } from './risk-excel';
import { assessmentFiltersFromQuery, assessmentsApiPath, assessmentsQuery, heatMapApiPath, heatMapHref, heatMapItemsApiPath, heatMapQueryFromQuery } from './risk-query';
import { assessmentHref, parseRiskRoute, roundHref } from './risk-routes';
import { unitsBySector } from './rounds-page';

describe('risk routes', () => {
  it('know the list, one assessment, the heat map, the rounds and one round', () => {
    expect(parseRiskRoute('/risk')).toEqual({ view: 'assessments' });
    expect(parseRiskRoute('/risk/assessments')).toEqual({ view: 'assessments' });
    expect(parseRiskRoute(assessmentHref('ra 1/2'))).toEqual({ view: 'assessment', id: 'ra 1/2' });
    expect(parseRiskRoute('/risk/heatmap')).toEqual({ view: 'heatMap' });
    expect(parseRiskRoute('/risk/rounds')).toEqual({ view: 'rounds' });
    expect(parseRiskRoute(roundHref('round-2026'))).toEqual({ view: 'round', id: 'round-2026' });
  });

  it('are null for anything else, and for a broken escape', () => {
    expect(parseRiskRoute('/risk/x')).toBeNull();
    expect(parseRiskRoute('/risk/assessments/%E0%A4%A')).toBeNull();
    expect(parseRiskRoute('/riskier')).toBeNull();
  });
});

describe('the assessments list’s filters', () => {
  it('round-trip through the URL and become the API path', () => {
    const f = assessmentFiltersFromQuery('?unitId=u-1&year=2026&area=informationSecurity&status=submitted,draft');
    expect(f).toEqual({ unitId: 'u-1', year: 2026, area: 'informationSecurity', status: ['draft', 'submitted'] });
    expect(assessmentsQuery(f)).toBe('?unitId=u-1&year=2026&area=informationSecurity&status=draft%2Csubmitted');
    expect(assessmentsApiPath(f)).toBe('/api/risk/assessments?unitId=u-1&year=2026&area=informationSecurity&status=draft%2Csubmitted');
    expect(assessmentsApiPath({})).toBe('/api/risk/assessments');
  });

  it('drop values the API does not know', () => {
    expect(assessmentFiltersFromQuery('?year=26&area=moon&status=lost&unitId=%20%20')).toEqual({});
    expect(assessmentFiltersFromQuery('?year=1850')).toEqual({});
  });
});

describe('the heat map’s URL', () => {
  it('keeps the scope and the drilled-into cell, and leaves the cell out of the map’s own API path', () => {
    const q = heatMapQueryFromQuery('?unitId=s-1&year=2026&cell=l4c5&position=after');
    expect(q).toEqual({ unitId: 's-1', year: 2026, cell: { likelihood: 4, consequence: 5 }, position: 'after' });
    expect(heatMapHref(q)).toBe('/risk/heatmap?unitId=s-1&year=2026&cell=l4c5&position=after');
    expect(heatMapApiPath(q)).toBe('/api/risk/heatmap?unitId=s-1&year=2026');
    expect(heatMapItemsApiPath({ ...q, cell: q.cell! }, { pageSize: 100, continuation: 'a/b' })).toBe(
      '/api/risk/heatmap/items?unitId=s-1&year=2026&likelihood=4&consequence=5&position=after&pageSize=100&continuation=a%2Fb',
    );
  });

  it('defaults the side to now, and drops a cell off the matrix with its side', () => {
    expect(heatMapQueryFromQuery('?cell=l1c1')).toEqual({ cell: { likelihood: 1, consequence: 1 }, position: 'now' });
    expect(heatMapQueryFromQuery('?cell=l0c9&position=after')).toEqual({});
    expect(heatMapHref({})).toBe('/risk/heatmap');
  });
});

describe('Excel', () => {
  it('names the download as the server does, and checks before importing', () => {
    expect(exportFileName('Solbakken sykehjem', 2026)).toBe('risikovurdering-solbakken-sykehjem-2026.xlsx');
    expect(exportFileName('Ås skole – Bø', 2026)).toBe('risikovurdering-as-skole-bo-2026.xlsx');
    expect(exportFileName('***', 2026)).toBe('risikovurdering-enhet-2026.xlsx');
    expect(importPath('a/1', true)).toBe('/api/risk/assessments/a%2F1/import?dryRun=true');
    expect(importPath('a', false)).toBe('/api/risk/assessments/a/import');
  });

  it('lists the file’s problems first, then by row', () => {
    const rows = [
      { row: 7, column: 'Sannsynlighet', message: 'x' },
      { row: 0, column: null, message: 'Feil oppsett' },
      { row: 3, column: null, message: 'y' },
    ];
    expect(sortRowErrors(rows).map((r) => r.row)).toEqual([0, 3, 7]);
  });
});

describe('a refused submit', () => {
  it('names the row and the field of each problem', () => {
    const items = [{ id: 'i1' }, { id: 'i2' }] as never[];
    const row = (n: number) => `Rad ${n}`;
    const label = (f: string) => (f === 'residual' ? 'Restrisiko' : null);
    expect(problemLine('items.i2.residual', 'Vurder restrisikoen.', items, row, label)).toBe('Rad 2 – Restrisiko: Vurder restrisikoen.');
    expect(problemLine('items.i1.other', 'Mangler.', items, row, label)).toBe('Rad 1: Mangler.');
    expect(problemLine('title', 'For langt.', items, row, label)).toBe('For langt.');
  });
});

describe('the round’s units', () => {
  it('are the virksomheter, grouped by sector and sorted by name', () => {
    const units = [
      { id: 'm', name: 'Kommunen', level: 'municipality', parentId: null },
      { id: 's2', name: 'Oppvekst', level: 'sector', parentId: 'm' },
      { id: 's1', name: 'Mestring og helse', level: 'sector', parentId: 'm' },
      { id: 'u3', name: 'Åsen skole', level: 'unit', parentId: 's2' },
      { id: 'u2', name: 'Solbakken sykehjem', level: 'unit', parentId: 's1' },
      { id: 'u1', name: 'Hjemmetjenesten', level: 'unit', parentId: 's1' },
      { id: 'x', name: 'Avdeling', level: 'service', parentId: 'u1' },
    ] as const;
    expect(unitsBySector(units as never).map((g) => [g.sector?.id, g.units.map((u) => u.id)])).toEqual([
      ['s1', ['u1', 'u2']],
      ['s2', ['u3']],
    ]);
  });
});
