// The Graph adapter's public surface: repositories import from here, not from the files behind it.
export { type GraphClient, type GraphClientOptions, type GraphEvent, type GraphRequestSpec, type GraphResponse, type HttpMethod, createGraphClient } from './graph-client.js';
export {
  GraphConflictError,
  GraphFailure,
  GraphNetworkError,
  GraphNotFoundError,
  GraphRequestError,
  GraphThrottledError,
  GraphUnknownOutcome,
} from './graph-error.js';
export { type Page, PagingLimitError, allItems, collectAll, pages } from './paging.js';
export { type BatchOptions, type BatchRequest, type BatchResult, MAX_BATCH, runBatch } from './batch.js';
export { type DeltaItem, type DeltaOptions, type DeltaRound, readListDelta, readListDeltaAs } from './delta.js';
export { type FilterValue, ODataFilter, ODataValueError, odataLiteral, odataString, where } from './odata.js';
export { type Clock, systemClock } from './clock.js';
export { type UserAgentParts, userAgentString } from './decorate-middleware.js';
export { resourceUnits } from './resource-units.js';
