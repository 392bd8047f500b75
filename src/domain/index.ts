// The public API of the domain: pure types and rules, no I/O. Import from here outside src/domain.
export * from './access.js';
export * from './case-lifecycle.js';
export * from './case-number.js';
export * from './committee.js';
export * from './deviation.js';
export * from './domain-error.js';
export * from './measure.js';
export * from './meeting.js';
export * from './organisation.js';
export * from './oslo-time.js';
export * from './person.js';
export * from './procedure.js';
export * from './risk.js';
