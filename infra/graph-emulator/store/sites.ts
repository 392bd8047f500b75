// Sites: created through the emulator's control API (Graph v1.0 cannot create SharePoint sites), addressed as Graph allows.
import { randomUUID } from 'node:crypto';
import { itemNotFound, invalidRequest } from '../errors.js';
import type { Db } from './database.js';
import { nowIso } from './clock.js';

export interface Site {
  id: string;
  name: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
  hostname: string;
  path: string;
}

export function createSite(db: Db, input: { hostname: string; path: string; displayName?: string; description?: string }): Site {
  const hostname = input.hostname.toLowerCase();
  const path = normalizeSitePath(input.path);
  const existing = findSiteByPath(db, hostname, path);
  if (existing) return existing;
  const now = nowIso();
  const name = path === '/' ? hostname.split('.')[0] ?? hostname : path.split('/').at(-1) ?? path;
  const site: Site = {
    // Graph's composite site id: hostname, site collection id, web id.
    id: `${hostname},${randomUUID()},${randomUUID()}`,
    name,
    displayName: input.displayName ?? name,
    description: input.description ?? '',
    createdDateTime: now,
    lastModifiedDateTime: now,
    webUrl: `https://${hostname}${path === '/' ? '' : path}`,
    hostname,
    path,
  };
  db.prepare('INSERT INTO sites (id, hostname, path, data) VALUES (?, ?, ?, ?)').run(site.id, hostname, path, JSON.stringify(site));
  return site;
}

export function normalizeSitePath(path: string): string {
  const trimmed = ('/' + path.trim()).replace(/\/+/g, '/').replace(/\/$/, '');
  if (trimmed === '') return '/';
  if (!/^[/A-Za-z0-9._\-~%æøåÆØÅ]+$/.test(trimmed)) throw invalidRequest(`Invalid site path '${path}'.`);
  return trimmed;
}

function findSiteByPath(db: Db, hostname: string, path: string): Site | undefined {
  const row = db.prepare('SELECT data FROM sites WHERE hostname = ? AND path = ?').get(hostname, path) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Site) : undefined;
}

/**
 * Resolves every site address Graph accepts: `root`, a composite id `host,guid,guid`,
 * a bare hostname (its root site) and `host:/sites/path`.
 */
export function resolveSite(db: Db, address: string, defaultHostname: string): Site {
  let site: Site | undefined;
  if (address.toLowerCase() === 'root') {
    site = findSiteByPath(db, defaultHostname, '/');
  } else if (address.includes(':')) {
    const colon = address.indexOf(':');
    site = findSiteByPath(db, address.slice(0, colon).toLowerCase(), normalizeSitePath(address.slice(colon + 1)));
  } else if (address.includes(',')) {
    const row = db.prepare('SELECT data FROM sites WHERE id = ? COLLATE NOCASE').get(address) as { data: string } | undefined;
    site = row ? (JSON.parse(row.data) as Site) : undefined;
  } else {
    site = findSiteByPath(db, address.toLowerCase(), '/');
  }
  if (!site) throw itemNotFound('Requested site could not be found');
  return site;
}

export function listSites(db: Db): Site[] {
  return (db.prepare('SELECT data FROM sites ORDER BY rowid').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Site);
}

/** The Graph representation: our bookkeeping fields stay inside, siteCollection carries the hostname. */
export function siteResource(site: Site) {
  return {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    description: site.description,
    createdDateTime: site.createdDateTime,
    lastModifiedDateTime: site.lastModifiedDateTime,
    webUrl: site.webUrl,
    ...(site.path === '/' ? { root: {} } : {}),
    siteCollection: { hostname: site.hostname },
  };
}
