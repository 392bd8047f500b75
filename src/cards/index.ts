// The public API of the cards: pure builders from domain models to Adaptive Card 1.5 JSON, the texts, and the card check.
export * from './card-types.js';
export * from './channel-alert-card.js';
export * from './elements.js';
export * from './format-date.js';
export * from './leader-notification-card.js';
export * from './my-reports-card.js';
export * from './receipt-card.js';
export * from './report-form-card.js';
export * from './status-message.js';
export * from './strings.js';
export * from './text.js';
export * from './validate-card.js';
export * from './verbs.js';
export * from './welcome-card.js';
