// The demo generator's public API: a seeded, Tønsberg-like municipality as plain domain objects, and the personas to sign in as.
export { generateMunicipality, DEMO_DEFAULTS, type DemoMunicipality, type DemoOptions } from './municipality.js';
export { demoPersonas, type DemoPersona, type PersonaKey } from './personas.js';
export type { WhistleblowingCase } from './whistleblowing.js';
export { generateOrganisation, type Directory, type Organisation, type OrganisationOptions } from './organisation.js';
export { generateDeviations, type DeviationOptions, type GeneratedDeviations } from './deviations.js';
export { generateRisk, type GeneratedRisk } from './risk.js';
export { committeeIdOf, generateCommittees } from './committees.js';
export { generateDocuments, TONSBERG_GOVERNING_DOCUMENTS } from './documents.js';
export { generateWhistleblowing } from './whistleblowing.js';
export { createRandom, type Random } from './random.js';
export { SECTORS, UNIT_SPECS, type Area } from './catalogue.js';
