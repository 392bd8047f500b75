// Reads Microsoft's Graph docs examples and the out-of-scope table, and turns an example's URL into one for the emulator.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
/** Shared beside the repository, not inside it: a municipality's own build machine does not have it. */
export const EXAMPLES_FILE = resolve(repoRoot, '../shared/graph/graph-examples.json');
export const OUT_OF_SCOPE_FILE = resolve(import.meta.dirname, '../OUT-OF-SCOPE.md');

export type Flag =
  | 'request_url_has_placeholders'
  | 'request_url_relative'
  | 'truncated_per_doc_annotation'
  | 'response_body_contains_ellipsis'
  | 'response_body_not_valid_json'
  | 'request_body_contains_ellipsis'
  | 'response_only_no_request_in_doc'
  | 'request_body_only_in_doc'
  | 'status_not_shown_in_doc'
  | 'doc_block_marked_ignored'
  | 'response_shared_across_examples'
  | 'status_line_missing_http_version';

export type BodyKind = 'json' | 'json-invalid' | 'text' | 'empty';

export interface ExampleRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  body_kind: BodyKind;
}

export interface ExampleResponse {
  status: number | null;
  reason: string | null;
  headers: Record<string, string>;
  body: unknown;
  body_kind: BodyKind;
  truncated: boolean;
}

export interface Example {
  index: number;
  title: string;
  resource: string;
  source_url: string;
  request: ExampleRequest | null;
  response: ExampleResponse | null;
  flags: Flag[];
  doc_annotations?: { request?: Record<string, unknown>; response?: Record<string, unknown> };
  is_delta: boolean;
}

export const examplesPresent = (): boolean => existsSync(EXAMPLES_FILE);

export function loadExamples(): Example[] {
  const raw = JSON.parse(readFileSync(EXAMPLES_FILE, 'utf8')) as Omit<Example, 'index'>[];
  return raw.map((e, index) => ({ ...e, index }));
}

/** The indexes listed in OUT-OF-SCOPE.md's table (rows such as `| #12 | … | reason |`). */
export function outOfScopeIndexes(): number[] {
  if (!existsSync(OUT_OF_SCOPE_FILE)) return [];
  return readFileSync(OUT_OF_SCOPE_FILE, 'utf8')
    .split('\n')
    .map((line) => /^\|\s*#(\d+)\s*\|/.exec(line)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
}

export function hasFlag(example: Example, flag: Flag): boolean {
  return example.flags.includes(flag);
}

/**
 * Turns an example's URL into a path below the emulator's `/v1.0`:
 * - strips `https://graph.microsoft.com/v1.0`; a relative URL is already below `/v1.0`;
 * - the app reads files with an app-only token from SharePoint sites, where there is no `/me`, and a user's or a
 *   group's drive is in any case a SharePoint document library: `/me/drive…`, `/users/{id}/drive…` and
 *   `/groups/{id}/drive…` become `/sites/{site-id}/drive…`, the site's default document library;
 * - `{placeholder}`s and literal ids from the docs are replaced with ids the test's own setup created.
 * Throws if a placeholder is left, so a test cannot send `{item-id}` by mistake.
 */
export function emulatorPath(url: string, ids: Record<string, string>): string {
  let path = url.replace(/^https:\/\/graph\.microsoft\.com\/v1\.0/i, '');
  if (!path.startsWith('/')) path = `/${path}`;
  path = path.replace(/^\/(me|users\/[^/]+|groups\/[^/]+)\/drive(?=\/|\?|$)/i, '/sites/{site-id}/drive');
  // Longest keys first, so that `{item-id}` is not taken for part of a longer literal.
  for (const key of Object.keys(ids).sort((a, b) => b.length - a.length)) path = path.split(key).join(ids[key] ?? '');
  const left = /\{[^}]+\}/.exec(path);
  if (left) throw new Error(`placeholder ${left[0]} left in ${path}`);
  return path;
}
