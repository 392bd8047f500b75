// graph-error.ts: Graph's error answers to typed errors, paths safe for logs, Retry-After in both forms.
import { describe, expect, it } from 'vitest';
import { classifyConnectionError } from './connection-retry-middleware.js';
import {
  GraphConflictError,
  GraphNotFoundError,
  GraphRequestError,
  GraphThrottledError,
  GraphUnknownOutcome,
  errorFromResponse,
  pathForLogs,
  retryAfterSeconds,
} from './graph-error.js';

const body = (code: string) => ({ error: { code, message: 'm', innerError: { 'request-id': 'rid', 'client-request-id': 'cid' } } });

describe('errorFromResponse', () => {
  it('maps statuses to types and keeps code and ids', () => {
    const e = errorFromResponse({ status: 412, body: body('resourceModified'), method: 'patch', path: '/sites/s/lists/l/items/1?$select=x' });
    expect(e).toBeInstanceOf(GraphConflictError);
    expect(e).toMatchObject({ status: 412, code: 'resourceModified', method: 'PATCH', path: '/sites/s/lists/l/items/1', requestId: 'rid', clientRequestId: 'cid' });
    expect(errorFromResponse({ status: 409, body: body('nameAlreadyExists'), method: 'POST', path: '/x' })).toBeInstanceOf(GraphConflictError);
    expect(errorFromResponse({ status: 404, body: body('itemNotFound'), method: 'GET', path: '/x' })).toBeInstanceOf(GraphNotFoundError);
    expect(errorFromResponse({ status: 429, body: body('activityLimitReached'), method: 'GET', path: '/x' })).toBeInstanceOf(GraphThrottledError);
    expect(errorFromResponse({ status: 504, method: 'POST', path: '/x', idempotent: false })).toBeInstanceOf(GraphUnknownOutcome);
    const bad = errorFromResponse({ status: 400, body: body('invalidRequest'), method: 'GET', path: '/x' });
    expect(bad).toBeInstanceOf(GraphRequestError);
    expect(bad.code).toBe('invalidRequest');
    expect(errorFromResponse({ status: 502, body: 'gateway html', method: 'GET', path: '/x' }).code).toBe('http502');
  });

  it('prefers the request-id header, and keeps Graph message out of message and log', () => {
    const e = errorFromResponse({ status: 400, headers: new Headers({ 'request-id': 'hdr' }), body: { error: { code: 'c', message: "Value 'Kari' is bad" } }, method: 'GET', path: '/x' });
    expect(e.requestId).toBe('hdr');
    expect(e.graphMessage).toContain('Kari');
    expect(e.message).not.toContain('Kari');
    expect(JSON.stringify(e.toLog())).not.toContain('Kari');
  });
});

describe('pathForLogs', () => {
  it('drops queries and the names in path addresses', () => {
    expect(pathForLogs('https://graph.microsoft.com/v1.0/sites/s/lists?$filter=fields/Name eq \'Kari\'')).toBe('/v1.0/sites/s/lists');
    expect(pathForLogs('/drives/d/root:/Personal/Kari Nordmann.docx:/content')).toBe('/drives/d/root:/…:/content');
    expect(pathForLogs('/drives/d/items/abc:/Kari.docx:')).toBe('/drives/d/items/abc:/…:');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds(new Headers({ 'retry-after': '7' }))).toBe(7);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterSeconds({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds(new Headers())).toBeUndefined();
  });
});

describe('classifyConnectionError', () => {
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
  it('tells a connection never made from one lost after sending', () => {
    expect(classifyConnectionError(fetchFailed('ECONNREFUSED'))).toEqual({ kind: 'unsent', code: 'ECONNREFUSED' });
    expect(classifyConnectionError(fetchFailed('ECONNRESET'))).toEqual({ kind: 'lost', code: 'ECONNRESET' });
    expect(classifyConnectionError(fetchFailed('UND_ERR_SOCKET'))).toEqual({ kind: 'lost', code: 'UND_ERR_SOCKET' });
    expect(classifyConnectionError(new DOMException('timed out', 'TimeoutError'))).toEqual({ kind: 'lost', code: 'timeout' });
    expect(classifyConnectionError(new TypeError('terminated'))).toEqual({ kind: 'lost', code: 'network' });
    expect(classifyConnectionError(new Error('a bug'))).toBeUndefined();
    expect(classifyConnectionError(new TypeError('x is not a function'))).toBeUndefined();
  });
});
