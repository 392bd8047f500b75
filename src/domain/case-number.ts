// Case numbers people can say aloud and type into a chat: AV-2026-00123 (kind prefix, year, sequence).
//
// Prefixes are Norwegian initials of the kind as reported. The number is fixed when the case is
// created and never changes, even if the handler later reclassifies the kind.
// Whistleblowing reports count in their own series: with one shared series, gaps in the ordinary
// numbers would reveal how many confidential reports exist.

import { fail, ok, type Result } from './domain-error.js';
import type { DeviationKind } from './deviation.js';
import { osloYear } from './oslo-time.js';

export type CasePrefix = 'AV' | 'NU' | 'FF' | 'PT' | 'TS' | 'RV' | 'VA';

export const CASE_PREFIX: Readonly<Record<DeviationKind, CasePrefix>> = {
  adverseEvent: 'AV', // avvik (uønsket hendelse)
  nearMiss: 'NU', // nestenuhell
  improvementProposal: 'FF', // forbedringsforslag
  positiveFeedback: 'PT', // positive tiltak (Asker's word, seed 004)
  inspectionFinding: 'TS', // funn fra tilsyn
  auditFinding: 'RV', // funn fra revisjon
  whistleblowingReport: 'VA', // varsling om kritikkverdige forhold
};

/** Which numbering series a kind draws its sequence from (one counter per series and year). */
export type CaseSeries = 'ordinary' | 'whistleblowing';

export function caseSeriesOf(kind: DeviationKind): CaseSeries {
  return kind === 'whistleblowingReport' ? 'whistleblowing' : 'ordinary';
}

/** A canonical case number, e.g. 'AV-2026-00123'. */
export type CaseNumber = string;

export interface CaseNumberParts {
  readonly prefix: CasePrefix;
  readonly year: number;
  readonly sequence: number;
}

const MIN_DIGITS = 5;
const MAX_SEQUENCE = 9_999_999;
const PREFIXES = new Set<string>(Object.values(CASE_PREFIX));

/** The year a case is numbered in: the Oslo calendar year when it was reported. */
export function caseYear(reportedAt: Date): number {
  return osloYear(reportedAt);
}

export function formatCaseNumber(parts: CaseNumberParts): Result<CaseNumber> {
  const { prefix, year, sequence } = parts;
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    return fail('caseNumber.sequenceOutOfRange', { sequence });
  }
  if (!PREFIXES.has(prefix) || !Number.isInteger(year) || year < 1000 || year > 9999) {
    return fail('caseNumber.invalid', { value: `${prefix}-${year}-${sequence}` });
  }
  return ok(`${prefix}-${year}-${String(sequence).padStart(MIN_DIGITS, '0')}`);
}

/** The case number for a new case of this kind, given the sequence allocated in its series. */
export function caseNumberFor(kind: DeviationKind, reportedAt: Date, sequence: number): Result<CaseNumber> {
  return formatCaseNumber({ prefix: CASE_PREFIX[kind], year: caseYear(reportedAt), sequence });
}

// Lenient on purpose: people type "av 2026 123" or "AV–2026–00123" in a chat.
const LENIENT = /^([A-Za-z]{2})[\s\-–—]*(\d{4})[\s\-–—]*(\d{1,7})$/;

/** Reads a case number as a person might type or say it; returns its parts. */
export function parseCaseNumber(text: string): Result<CaseNumberParts> {
  const m = LENIENT.exec(text.trim());
  const prefix = m?.[1]?.toUpperCase();
  if (!m || prefix === undefined || !PREFIXES.has(prefix)) return fail('caseNumber.invalid', { value: text });
  const sequence = Number(m[3]);
  if (sequence < 1) return fail('caseNumber.invalid', { value: text });
  return ok({ prefix: prefix as CasePrefix, year: Number(m[2]), sequence });
}

/** Turns typed input into the canonical form ('av 2026 123' → 'AV-2026-00123'). */
export function normaliseCaseNumber(text: string): Result<CaseNumber> {
  const parsed = parseCaseNumber(text);
  return parsed.ok ? formatCaseNumber(parsed.value) : parsed;
}

/** True only for the canonical form, as stored. */
export function isCaseNumber(text: string): boolean {
  const normalised = normaliseCaseNumber(text);
  return normalised.ok && normalised.value === text;
}

const KIND_OF_PREFIX: Readonly<Record<CasePrefix, DeviationKind>> = {
  AV: 'adverseEvent',
  NU: 'nearMiss',
  FF: 'improvementProposal',
  PT: 'positiveFeedback',
  TS: 'inspectionFinding',
  RV: 'auditFinding',
  VA: 'whistleblowingReport',
};

/** The kind a case was reported as, read from its prefix. */
export function kindOfPrefix(prefix: CasePrefix): DeviationKind {
  return KIND_OF_PREFIX[prefix];
}
