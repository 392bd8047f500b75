// Shared setup for the drive conformance suites: a site with a document library, uploads, raw HTTP for what fetch would rewrite.
import { request } from 'node:http';
import { expect } from 'vitest';
import type { TestEmulator } from '../support/emulator.js';

export type Json = Record<string, unknown>;

/** The driveItem properties the suites read. */
export interface DriveItemJson {
  id: string;
  name: string;
  eTag: string;
  cTag: string;
  size: number;
  webUrl: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  parentReference: { driveId: string; driveType: string; id?: string; path?: string; siteId?: string };
  file?: { mimeType: string; hashes: { quickXorHash: string } };
  folder?: { childCount: number };
  root?: Json;
  '@microsoft.graph.downloadUrl'?: string;
  listItem?: { id: string; fields?: Json };
  children?: DriveItemJson[];
}

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

export async function body<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function errorCode(res: Response): Promise<string> {
  return (await body<GraphErrorBody>(res)).error.code;
}

export interface Library {
  siteId: string;
  listId: string;
  driveId: string;
  /** `/drives/{drive-id}`: the prefix most tests address items under. */
  drive: string;
}

let libraryCounter = 0;

/** A fresh site with one document library (optionally with metadata columns), and the library's drive. */
export async function newLibrary(em: TestEmulator, columns: unknown[] = [], displayName = `Dokumenter ${++libraryCounter}`): Promise<Library> {
  const siteId = await em.newSite();
  const res = await em.graph(`/sites/${siteId}/lists`, { method: 'POST', json: { displayName, columns, list: { template: 'documentLibrary' } } });
  expect(res.status, await res.clone().text()).toBe(201);
  const listId = (await body<{ id: string }>(res)).id;
  const drive = await em.graph(`/sites/${siteId}/lists/${listId}/drive`);
  expect(drive.status).toBe(200);
  const driveId = (await body<{ id: string }>(drive)).id;
  return { siteId, listId, driveId, drive: `/drives/${driveId}` };
}

/** Simple upload (PUT …/content) to an address such as `root:/A/b.txt:` or `items/{id}`; checks the status. */
export async function upload(em: TestEmulator, prefix: string, address: string, content: string | Buffer, status = 201, query = ''): Promise<DriveItemJson> {
  const res = await em.graph(`${prefix}/${address}/content${query}`, { method: 'PUT', body: content, headers: { 'content-type': 'application/octet-stream' } });
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as DriveItemJson;
}

export async function newFolder(em: TestEmulator, prefix: string, parent: string, name: string, extra: Json = {}): Promise<Response> {
  return em.graph(`${prefix}/${parent}/children`, { method: 'POST', json: { name, folder: {}, ...extra } });
}

/** Follows GET …/content's 302 to the download URL (without a token, as a browser would) and returns the bytes. */
export async function download(em: TestEmulator, path: string): Promise<Buffer> {
  const res = await em.graph(path, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const file = await fetch(res.headers.get('location') ?? '');
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

/** Deterministic bytes, so that a test can compare what it downloads with what it sent. */
export function bytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 17) & 0xff;
  return out;
}

/** The emulator's resource units spent so far (all apps). */
export async function unitsSpent(em: TestEmulator): Promise<number> {
  const res = await fetch(`${em.url}/_emulator/metrics`);
  return ((await res.json()) as { resourceUnits: { total: number } }).resourceUnits.total;
}

/**
 * Sends a request with node:http, for what fetch would not send as written: a Content-Length larger than the
 * body (to see a limit refuse it unread).
 */
export function rawRequest(url: string, method: string, headers: Record<string, string>, bodyPart = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(bodyPart);
    // The server answers before the body is complete; ending here would be a lie about the length.
  });
}
