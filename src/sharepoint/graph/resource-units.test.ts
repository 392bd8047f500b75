// resource-units.ts: SharePoint's published costs per kind of Graph request, $batch parts counted one by one.
import { describe, expect, it } from 'vitest';
import { resourceUnits } from './resource-units.js';

describe('resourceUnits', () => {
  it('charges 1 for a single-item read and 2 for a multi-item query', () => {
    expect(resourceUnits('GET', '/sites/s/lists/l/items/5')).toBe(1);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/5/fields')).toBe(1);
    expect(resourceUnits('GET', '/sites/s')).toBe(1);
    expect(resourceUnits('GET', '/sites/contoso.sharepoint.com:/sites/kvalitet:')).toBe(1);
    expect(resourceUnits('GET', 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items?$top=100')).toBe(2);
    expect(resourceUnits('GET', '/sites/s/lists')).toBe(2);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/5/versions')).toBe(2);
  });

  it('charges 2 for writes and 5 for permissions', () => {
    expect(resourceUnits('POST', '/sites/s/lists/l/items')).toBe(2);
    expect(resourceUnits('PATCH', '/sites/s/lists/l/items/5/fields')).toBe(2);
    expect(resourceUnits('DELETE', '/sites/s/lists/l/items/5')).toBe(2);
    expect(resourceUnits('GET', '/sites/s/permissions')).toBe(5);
  });

  it('charges delta 2 without a token and 1 with one', () => {
    expect(resourceUnits('GET', '/sites/s/lists/l/items/delta')).toBe(2);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/delta?token=abc&$top=3')).toBe(1);
    expect(resourceUnits('GET', 'https://graph.microsoft.com/v1.0/sites/s/lists/l/items/delta?$SkipToken=x')).toBe(1);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/delta#token=abc')).toBe(2);
  });

  it('reads the path alone, however long or odd the query', () => {
    const filter = encodeURIComponent(`fields/UnitId in (${Array.from({ length: 200 }, (_, i) => `'u${i}'`).join(',')}) and fields/Title eq 'a/permissions?b'`);
    expect(resourceUnits('GET', `/sites/s/lists/l/items?$filter=${filter}&$top=50`)).toBe(2);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/5?x=/permissions')).toBe(1);
    expect(resourceUnits('GET', '/sites/s/lists/l/items/./delta/../5')).toBe(1);
  });

  it('charges a $batch as the sum of its parts, and an unreadable one as its most', () => {
    const body = { requests: [{ id: '1', method: 'POST', url: '/sites/s/lists/l/items' }, { id: '2', method: 'GET', url: '/sites/s/lists/l/items/1' }] };
    expect(resourceUnits('POST', 'http://127.0.0.1:5099/v1.0/$batch', JSON.stringify(body))).toBe(3);
    expect(resourceUnits('POST', '/$batch', body)).toBe(3);
    expect(resourceUnits('POST', '/$batch', 'not json')).toBe(40);
  });
});
