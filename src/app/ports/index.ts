// The ports the use cases need: declared here in the app layer, implemented by adapters (src/sharepoint).
export * from './dashboard-reader.js';
export * from './deviation-repository.js';
export * from './errors.js';
export * from './measure-repository.js';
export * from './organisation-repository.js';
export * from './seed-repositories.js';
export * from './stored.js';
export * from './case-number-allocator.js';
export * from './case-messages.js';
export * from './conversation-references.js';
export * from './messenger.js';
export * from './case-index.js';
export * from './change-feed.js';
export * from './attachment-store.js';
export * from './pending-report-store.js';
export * from './agenda-repository.js';
export * from './case-read-log.js';
