// Validates a Teams app package's contents offline: Microsoft's JSON schemas, then the rules the schemas cannot say
// (and Teams or Varde needs): icons, ids, https and validDomains, SSO's resource, string lengths, localisation files.
import { OUTLINE_SIZE, colorIconProblems, outlineIconProblems, pngSizeProblems } from './icons.js';
import { PLACEHOLDER } from './env.js';
import { type Schemas, describeSchemaError, loadSchemas } from './schema.js';

export interface Problem {
  /** The package file the problem is in (`manifest.json`, `en.json`, `outline.png` …). */
  file: string;
  /** Where in a JSON file, as a JSON pointer (`/bots/0/botId`); absent for a whole file. */
  path?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

export const MANIFEST_FILE = 'manifest.json';

/** Teams' clients that predate manifest v1.19 show at most these lengths in the bot's command menu. */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
const MEETING_CONTEXTS = new Set(['meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every problem with the package's files (file name ➜ bytes); empty when Teams should take it. */
export function validatePackage(files: ReadonlyMap<string, Uint8Array>, schemas: Schemas = loadSchemas()): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, message: string, path?: string) => problems.push(path === undefined ? { file, message } : { file, path, message });

  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) return [{ file: MANIFEST_FILE, message: 'is missing: a Teams app package has manifest.json at its root' }];
  const parsed = parseJson(MANIFEST_FILE, manifestBytes);
  if ('problem' in parsed) return [parsed.problem];
  const { value: manifest, text: manifestText } = parsed;

  for (const p of placeholderProblems(MANIFEST_FILE, manifestText)) problems.push(p);
  if (!schemas.manifest(manifest)) {
    for (const error of schemas.manifest.errors ?? []) {
      const { path, message } = describeSchemaError(error, manifest);
      add(MANIFEST_FILE, message, path);
    }
  }
  if (!isObject(manifest)) return problems;

  checkSchemaUrl(manifest, schemas.manifestVersion, 'MicrosoftTeams.schema.json', MANIFEST_FILE, add);
  checkIds(manifest, add);
  checkDomainsAndUrls(manifest, add);
  checkSso(manifest, add);
  checkTabs(manifest, add);
  checkBot(manifest, add);
  const referenced = new Set<string>([MANIFEST_FILE]);
  checkIcons(manifest, files, referenced, add);
  checkLocalization(manifest, files, referenced, schemas, problems);
  for (const name of files.keys()) {
    if (!referenced.has(name)) add(name, 'is in the package but the manifest does not refer to it (Teams packages hold only the manifest and the files it names)');
  }
  return problems;
}

function parseJson(file: string, bytes: Uint8Array): { value: unknown; text: string } | { problem: Problem } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) return { problem: { file, message: 'starts with a byte order mark; Teams wants UTF-8 without one' } };
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch (err) {
    return { problem: { file, message: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` } };
  }
}

function placeholderProblems(file: string, text: string): Problem[] {
  const names = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
  return names.map((name) => ({ file, message: `placeholder \${{${name}}} was not filled in: set ${name} in appPackage/env/.env.<env>` }));
}

type Add = (file: string, message: string, path?: string) => void;

function checkSchemaUrl(doc: Json, manifestVersion: string, schemaFile: string, file: string, add: Add): void {
  const url = asString(doc.$schema);
  if (url === undefined) return;
  if (!url.includes(`/teams/v${manifestVersion}/`) || !url.endsWith(`/${schemaFile}`)) {
    add(file, `must name the v${manifestVersion} schema (https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/${schemaFile}); the manifest and its localisation files must use the same version`, '/$schema');
  }
}

function checkIds(m: Json, add: Add): void {
  const ids: [string, unknown][] = [
    ['/id', m.id],
    ...asArray(m.bots).map((b, i): [string, unknown] => [`/bots/${i}/botId`, isObject(b) ? b.botId : undefined]),
    ['/webApplicationInfo/id', isObject(m.webApplicationInfo) ? m.webApplicationInfo.id : undefined],
  ];
  for (const [path, value] of ids) {
    if (typeof value !== 'string') continue;
    if (!GUID.test(value)) continue; // the schema reports it
    if (value === NIL_GUID) add(MANIFEST_FILE, 'is the nil GUID; use the real id', path);
  }
  const version = asString(m.version);
  if (version !== undefined && !SEMVER.test(version)) add(MANIFEST_FILE, `«${version}» is not a version Teams takes (major.minor.patch, e.g. 1.0.0)`, '/version');
}

/** validDomains must be bare host names; every URL https; tab URLs on a valid domain. */
function checkDomainsAndUrls(m: Json, add: Add): void {
  const domains = asArray(m.validDomains).filter((d): d is string => typeof d === 'string');
  if (domains.length === 0) add(MANIFEST_FILE, 'must list the host the tabs are served from (PUBLIC_HOST)', '/validDomains');
  domains.forEach((d, i) => {
    const path = `/validDomains/${i}`;
    if (d !== d.toLowerCase()) add(MANIFEST_FILE, `«${d}» must be lower case (Teams SSO fails on some clients otherwise)`, path);
    else if (!HOST.test(d)) add(MANIFEST_FILE, `«${d}» is not a host name (no scheme, path or port: e.g. varde.kommune.no or *.kommune.no)`, path);
    else if (/^(localhost|127\.|\[::1\])/.test(d)) add(MANIFEST_FILE, `«${d}» is this machine; Teams loads tabs from a public https host`, path);
  });

  walkStrings(m, '', (value, path) => {
    if (/^http:\/\//i.test(value)) add(MANIFEST_FILE, `${value} uses http; Teams needs https`, path);
  });

  const tabUrls: [string, unknown][] = [];
  asArray(m.staticTabs).forEach((t, i) => {
    if (!isObject(t)) return;
    for (const key of ['contentUrl', 'websiteUrl', 'searchUrl']) if (key in t) tabUrls.push([`/staticTabs/${i}/${key}`, t[key]]);
  });
  asArray(m.configurableTabs).forEach((t, i) => {
    if (isObject(t) && 'configurationUrl' in t) tabUrls.push([`/configurableTabs/${i}/configurationUrl`, t.configurationUrl]);
  });
  for (const [path, value] of tabUrls) {
    if (typeof value !== 'string') continue;
    const url = parseUrl(value);
    if (!url) add(MANIFEST_FILE, `«${value}» is not a URL`, path);
    else if (url.protocol === 'https:' && !domains.some((d) => hostMatches(url.hostname, d))) {
      add(MANIFEST_FILE, `${value} is not on a domain in validDomains (${domains.join(', ') || 'none'}); Teams will not load it`, path);
    }
  }
  if (isObject(m.developer)) {
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
      const value = asString(m.developer[key]);
      if (value === undefined) continue;
      const url = parseUrl(value);
      if (!url || url.protocol !== 'https:' || !url.hostname.includes('.')) add(MANIFEST_FILE, `«${value}» must be an https URL people can open`, `/developer/${key}`);
    }
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function hostMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  if (d.startsWith('*.')) return h.endsWith(d.slice(1)) && h.length > d.length - 1;
  return h === d;
}

function walkStrings(value: unknown, path: string, visit: (value: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path || '/');
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, `${path}/${i}`, visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
}

/** Teams SSO: the resource is the app registration's Application ID URI, api://{a valid domain}/{its client id}. */
function checkSso(m: Json, add: Add): void {
  const info = m.webApplicationInfo;
  if (!isObject(info)) {
    add(MANIFEST_FILE, 'is missing: the tab signs people in with Teams SSO, which needs the app registration (id) and its Application ID URI (resource)', '/webApplicationInfo');
    return;
  }
  const id = asString(info.id);
  const resource = asString(info.resource);
  if (resource === undefined) {
    add(MANIFEST_FILE, 'is missing: Teams SSO needs the Application ID URI, api://{PUBLIC_HOST}/{AAD_APP_CLIENT_ID}', '/webApplicationInfo/resource');
    return;
  }
  const match = /^api:\/\/([^/]+)\/(botid-)?([^/]+)$/.exec(resource);
  const domains = asArray(m.validDomains).filter((d): d is string => typeof d === 'string');
  const botIds = asArray(m.bots).map((b) => (isObject(b) ? asString(b.botId) : undefined));
  if (!match) {
    add(MANIFEST_FILE, `«${resource}» must have the form api://{public host}/{client id} (the app registration's Application ID URI, TAB_APP_ID_URI on the server)`, '/webApplicationInfo/resource');
    return;
  }
  const [, host = '', botPrefix, guid = ''] = match;
  if (host !== host.toLowerCase()) add(MANIFEST_FILE, `the host in «${resource}» must be lower case`, '/webApplicationInfo/resource');
  if (!domains.includes(host)) add(MANIFEST_FILE, `the host in «${resource}» must be the tab's host, listed in validDomains (${domains.join(', ') || 'none'})`, '/webApplicationInfo/resource');
  const expected = botPrefix ? botIds[0] : id;
  if (expected !== undefined && guid.toLowerCase() !== expected.toLowerCase()) {
    add(MANIFEST_FILE, `«${resource}» must end with ${botPrefix ? 'botid-{the bot id}' : 'webApplicationInfo.id'} (${expected})`, '/webApplicationInfo/resource');
  }
}

function checkTabs(m: Json, add: Add): void {
  const seen = new Set<string>();
  asArray(m.staticTabs).forEach((t, i) => {
    if (!isObject(t)) return;
    const entityId = asString(t.entityId);
    if (entityId === undefined) return;
    if (seen.has(entityId)) add(MANIFEST_FILE, `entityId «${entityId}» is used by more than one static tab`, `/staticTabs/${i}/entityId`);
    seen.add(entityId);
    // Teams' own tabs (the bot's chat, the about page) take no URL; every other static tab shows a page.
    if (entityId !== 'conversations' && entityId !== 'about' && typeof t.contentUrl !== 'string' && typeof t.contentBotId !== 'string') {
      add(MANIFEST_FILE, `static tab «${entityId}» needs a contentUrl`, `/staticTabs/${i}`);
    }
  });
  asArray(m.configurableTabs).forEach((t, i) => {
    if (!isObject(t)) return;
    const context = asArray(t.context).filter((c): c is string => typeof c === 'string');
    const scopes = asArray(t.scopes);
    if (context.some((c) => MEETING_CONTEXTS.has(c)) && !scopes.includes('groupChat')) {
      add(MANIFEST_FILE, 'a tab offered in meetings must have the groupChat scope (scheduled meetings are group chats)', `/configurableTabs/${i}/scopes`);
    }
    if (context.includes('meetingStage') && !context.includes('meetingSidePanel')) {
      add(MANIFEST_FILE, 'meetingStage needs meetingSidePanel too: Teams shares a tab to the stage from its side panel', `/configurableTabs/${i}/context`);
    }
  });
}

function checkBot(m: Json, add: Add): void {
  const bots = asArray(m.bots);
  if (bots.length === 0) {
    add(MANIFEST_FILE, "is missing: Varde's bot takes reports in chat and posts to leader channels", '/bots');
    return;
  }
  bots.forEach((b, i) => {
    if (!isObject(b)) return;
    if (b.supportsFiles !== true) add(MANIFEST_FILE, 'must be true: people attach photos and files to reports in the personal chat, and Teams offers no way to do that otherwise', `/bots/${i}/supportsFiles`);
    const botScopes = new Set(asArray(b.scopes));
    if (!botScopes.has('personal')) add(MANIFEST_FILE, 'must include personal: reports are made in the personal chat', `/bots/${i}/scopes`);
    const listed = new Set<unknown>();
    asArray(b.commandLists).forEach((list, li) => {
      if (!isObject(list)) return;
      for (const scope of asArray(list.scopes)) {
        if (!botScopes.has(scope)) add(MANIFEST_FILE, `command list for «${String(scope)}», a scope the bot does not have`, `/bots/${i}/commandLists/${li}/scopes`);
        if (listed.has(scope)) add(MANIFEST_FILE, `«${String(scope)}» has more than one command list; Teams shows one list per scope`, `/bots/${i}/commandLists/${li}/scopes`);
        listed.add(scope);
      }
      const titles = new Set<string>();
      asArray(list.commands).forEach((c, ci) => {
        if (!isObject(c)) return;
        const path = `/bots/${i}/commandLists/${li}/commands/${ci}`;
        const title = asString(c.title);
        if (title !== undefined) {
          if (titles.has(title.toLowerCase())) add(MANIFEST_FILE, `command «${title}» is listed twice`, `${path}/title`);
          titles.add(title.toLowerCase());
        }
        for (const p of commandLengthProblems(title, asString(c.description))) add(MANIFEST_FILE, p.message, `${path}/${p.field}`);
      });
    });
  });
}

function commandLengthProblems(title: string | undefined, description: string | undefined): { field: 'title' | 'description'; message: string }[] {
  const out: { field: 'title' | 'description'; message: string }[] = [];
  if (title !== undefined && title.length > COMMAND_TITLE_MAX) out.push({ field: 'title', message: `«${title}» is ${title.length} characters; a command title may have at most ${COMMAND_TITLE_MAX}` });
  if (description !== undefined && description.length > COMMAND_DESCRIPTION_MAX) {
    out.push({ field: 'description', message: `is ${description.length} characters; a command description may have at most ${COMMAND_DESCRIPTION_MAX}` });
  }
  return out;
}

function checkIcons(m: Json, files: ReadonlyMap<string, Uint8Array>, referenced: Set<string>, add: Add): void {
  if (!isObject(m.icons)) return;
  const icons: [key: string, check: (name: string, bytes: Uint8Array) => string[]][] = [
    ['color', colorIconProblems],
    ['outline', outlineIconProblems],
    ['color32x32', (name, bytes) => pngSizeProblems(name, bytes, OUTLINE_SIZE, 'the 32×32 colour icon')],
  ];
  for (const [key, check] of icons) {
    const name = asString(m.icons[key]);
    if (name === undefined) continue;
    referenced.add(name);
    const bytes = files.get(name);
    if (!bytes) {
      add(name, `is missing from the package (icons.${key} names it)`);
      continue;
    }
    for (const message of check(name, bytes)) add(name, message.startsWith(name) ? message.slice(name.length + 1) : message);
  }
}

/** The manifest's strings a localisation file may translate, by the localisation schema's key syntax. */
export function localizableStrings(m: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of ['name', 'description'] as const) {
    const o = m[group];
    if (!isObject(o)) continue;
    for (const key of ['short', 'full']) {
      const v = asString(o[key]);
      if (v !== undefined) out.set(`${group}.${key}`, v);
    }
  }
  asArray(m.staticTabs).forEach((t, i) => {
    const name = isObject(t) ? asString(t.name) : undefined;
    if (name !== undefined) out.set(`staticTabs[${i}].name`, name);
  });
  asArray(m.bots).forEach((b, bi) => {
    if (!isObject(b)) return;
    asArray(b.commandLists).forEach((list, li) => {
      if (!isObject(list)) return;
      asArray(list.commands).forEach((c, ci) => {
        if (!isObject(c)) return;
        for (const field of ['title', 'description']) {
          const v = asString(c[field]);
          if (v !== undefined) out.set(`bots[${bi}].commandLists[${li}].commands[${ci}].${field}`, v);
        }
      });
    });
  });
  return out;
}

function checkLocalization(m: Json, files: ReadonlyMap<string, Uint8Array>, referenced: Set<string>, schemas: Schemas, problems: Problem[]): void {
  const info = m.localizationInfo;
  if (!isObject(info)) return;
  const defaultTag = asString(info.defaultLanguageTag)?.toLowerCase();
  const manifestStrings = localizableStrings(m);
  const tags = new Set<string>();
  asArray(info.additionalLanguages).forEach((lang, i) => {
    if (!isObject(lang)) return;
    const tag = asString(lang.languageTag)?.toLowerCase();
    const file = asString(lang.file);
    const path = `/localizationInfo/additionalLanguages/${i}`;
    if (tag !== undefined) {
      if (tag === defaultTag) problems.push({ file: MANIFEST_FILE, path, message: `«${tag}» is the default language; the manifest itself holds its strings` });
      if (tags.has(tag)) problems.push({ file: MANIFEST_FILE, path, message: `«${tag}» is listed twice` });
      tags.add(tag);
    }
    if (file === undefined) return;
    referenced.add(file);
    const bytes = files.get(file);
    if (!bytes) {
      problems.push({ file, message: `is missing from the package (the manifest's additionalLanguages names it for «${tag ?? '?'}»)` });
      return;
    }
    const parsed = parseJson(file, bytes);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      return;
    }
    problems.push(...placeholderProblems(file, parsed.text));
    if (!schemas.localization(parsed.value)) {
      for (const error of schemas.localization.errors ?? []) problems.push({ file, ...describeSchemaError(error, parsed.value) });
    }
    if (!isObject(parsed.value)) return;
    const doc = parsed.value;
    checkSchemaUrl(doc, schemas.manifestVersion, 'MicrosoftTeams.Localization.schema.json', file, (f, message, p) => problems.push({ file: f, message, ...(p ? { path: p } : {}) }));
    for (const [key, value] of Object.entries(doc)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      const pointer = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!manifestStrings.has(key)) {
        problems.push({ file, path: pointer, message: `translates «${key}», which the manifest does not have` });
        continue;
      }
      if (typeof value !== 'string') continue;
      const field = /\.(title|description)$/.exec(key)?.[1];
      if (key.startsWith('bots[') && field) {
        const p = commandLengthProblems(field === 'title' ? value : undefined, field === 'description' ? value : undefined);
        for (const { message } of p) problems.push({ file, path: pointer, message });
      }
    }
    for (const key of manifestStrings.keys()) {
      if (!(key in doc)) problems.push({ file, message: `lacks «${key}»: the manifest has this string, and people using «${tag ?? file}» would see it in the default language` });
    }
  });
}
