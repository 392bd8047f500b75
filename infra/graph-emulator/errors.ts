// The one error factory: every failure the emulator returns has Graph's status, code and body.
// Codes and bodies follow https://learn.microsoft.com/graph/errors (error resource type).

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra innerError properties some Graph errors carry (throttling adds code, message, status). */
    readonly inner: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Graph's JSON error body, with innerError carrying the request ids as Graph does. */
export function errorBody(err: GraphError, requestId: string, clientRequestId: string | undefined) {
  return {
    error: {
      code: err.code,
      message: err.message,
      innerError: {
        ...err.inner,
        // Graph writes the date without zone or fraction, e.g. "2020-08-18T12:51:51".
        date: new Date().toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}

// 400: malformed request, query or body.
export const invalidRequest = (message: string) => new GraphError(400, 'invalidRequest', message);
// 400 for a body that does not parse as JSON or has the wrong shape.
export const badRequest = (message: string) => new GraphError(400, 'BadRequest', message);
// 401: no or bad bearer token (Graph answers InvalidAuthenticationToken).
export const unauthenticated = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message);
// 403: token valid but the app has no grant.
export const accessDenied = (message: string) => new GraphError(403, 'accessDenied', message);
// 404: the addressed resource does not exist.
export const itemNotFound = (message = 'The resource could not be found.') => new GraphError(404, 'itemNotFound', message);
// 405: the route exists but not for this method.
export const methodNotAllowed = (method: string) =>
  new GraphError(405, 'BadRequest', `Method ${method} is not allowed on this resource.`);
// 409: a name that must be unique is taken.
export const nameAlreadyExists = (message: string) => new GraphError(409, 'nameAlreadyExists', message);
// 410: a delta token that has expired; the client must start over.
// listItem delta documents resyncChangesApplyDifferences; Location carries a fresh start link.
export const resyncRequired = (restartUrl: string) =>
  new GraphError(410, 'resyncChangesApplyDifferences', 'The delta token is no longer valid; the app must reset its sync state.', {
    Location: restartUrl,
  });
// 412: If-Match did not match the current eTag.
export const resourceModified = () =>
  new GraphError(412, 'resourceModified', 'The resource has changed since the caller last read it; usually an eTag mismatch');
// 413: body over the size limit.
export const payloadTooLarge = (message: string) => new GraphError(413, 'RequestEntityTooLarge', message);
// 415: body not JSON where JSON is required.
export const unsupportedMediaType = () =>
  new GraphError(415, 'unsupportedMediaType', 'The Content-Type header must be application/json.');
// 416: an upload fragment out of order or overlapping.
export const invalidRange = (message: string) => new GraphError(416, 'invalidRange', message);
// 416 for a download whose Range starts past the end; Content-Range tells the size (RFC 9110 §15.5.17).
export const rangeNotSatisfiable = (size: number) =>
  new GraphError(416, 'invalidRange', 'The requested range is not satisfiable.', { 'Content-Range': `bytes */${size}` });
// 401 from a pre-authenticated download URL whose token expired or was tampered with; SharePoint answers
// with its own code for UnauthorizedAccessException, which is what SDKs surface (msgraph-sdk-dotnet#257).
export const downloadUrlExpired = () =>
  new GraphError(401, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.');
// 429 and 503: throttled or unavailable; both carry Retry-After (seconds).
// Graph's own throttling answers TooManyRequests; SharePoint's (resource units) activityLimitReached.
export const tooManyRequests = (retryAfterSeconds: number) =>
  new GraphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfterSeconds) }, {
    code: '429',
    message: 'Please retry after',
    status: '429',
  });
export const activityLimitReached = (retryAfterSeconds: number, headers: Record<string, string> = {}) =>
  new GraphError(429, 'activityLimitReached', 'The request has been throttled', { 'Retry-After': String(retryAfterSeconds), ...headers });
// 429 for a list-item query whose first indexed condition selects more than the list view threshold (5,000) on a
// larger list. Graph surfaces SharePoint's SPQueryThrottledException (-2147024860) as a 429 (msgraph-sdk-dotnet#827);
// the message is SharePoint's. Waiting does not help: the same query fails again until it is narrowed.
export const listViewThresholdExceeded = () =>
  new GraphError(429, 'activityLimitReached', 'The attempted operation is prohibited because it exceeds the list view threshold.', { 'Retry-After': '1' });
export const serviceUnavailable = (retryAfterSeconds: number) =>
  new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry after the time in Retry-After.', {
    'Retry-After': String(retryAfterSeconds),
  });
// 500: a fault in the emulator itself; never expected, always reported.
export const generalException = (message = 'An unexpected error occurred.') => new GraphError(500, 'generalException', message);
