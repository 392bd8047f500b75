// State the docs examples assume, created through the emulator's real API: sites, lists with the docs' columns, items, files, upload sessions.
import { expect } from 'vitest';
import type { TestEmulator } from '../../support/emulator.js';

export type Json = Record<string, unknown>;

let siteCounter = 0;

export class Fixtures {
  constructor(private readonly em: TestEmulator) {}

  /** Sends a Graph request and insists on the status; answers the JSON body (or {} when there is none). */
  async call<T = Json>(method: string, path: string, status: number, json?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.em.graph(path, { method, ...(json !== undefined ? { json } : {}), headers, redirect: 'manual' });
    const text = await res.text();
    expect(res.status, `${method} ${path} → ${text}`).toBe(status);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A fresh site, so that every example starts from its own state. */
  async site(): Promise<{ id: string; path: string; hostname: string }> {
    const path = `/sites/example${++siteCounter}`;
    const id = await this.em.newSite(path);
    return { id, path, hostname: id.split(',')[0] ?? '' };
  }

  /**
   * The docs' inventory list: columns Name, Color, Quantity (with the descriptions the docs show) and Weight,
   * and the items Gadget, Widget and Gizmo.
   */
  async inventory(siteId: string, displayName = 'Inventory'): Promise<{ listId: string; itemIds: string[] }> {
    const list = await this.call<{ id: string }>('POST', `/sites/${siteId}/lists`, 201, {
      displayName,
      columns: [
        { name: 'Name', text: {}, description: 'Customer-facing name of the SKU' },
        { name: 'Color', text: {}, description: 'Color of the item in stock' },
        { name: 'Quantity', number: {}, description: 'Number of items in stock' },
        { name: 'Weight', number: {} },
      ],
      list: { template: 'genericList' },
    });
    const itemIds: string[] = [];
    for (const [name, color, quantity] of [['Gadget', 'Red', 503], ['Widget', 'Blue', 2357], ['Gizmo', 'Green', 92]] as const) {
      const item = await this.call<{ id: string }>('POST', `/sites/${siteId}/lists/${list.id}/items`, 201, {
        fields: { Title: name, Name: name, Color: color, Quantity: quantity },
      });
      itemIds.push(item.id);
    }
    return { listId: list.id, itemIds };
  }

  /** A site column linked into a new site content type, as the content-type column examples need. */
  async contentTypeWithColumn(siteId: string): Promise<{ contentTypeId: string; columnId: string }> {
    const column = await this.call<{ id: string }>('POST', `/sites/${siteId}/columns`, 201, {
      name: 'CustomColumn',
      displayName: 'Custom Column',
      text: {},
    });
    const contentType = await this.call<{ id: string }>('POST', `/sites/${siteId}/contentTypes`, 201, {
      name: 'Inventory item',
      base: { id: '0x01', name: 'Item' },
      group: 'Varde',
    });
    await this.call('POST', `/sites/${siteId}/contentTypes/${contentType.id}/columns`, 201, {
      'sourceColumn@odata.bind': `https://graph.microsoft.com/v1.0/sites/${siteId}/columns/${column.id}`,
    });
    return { contentTypeId: contentType.id, columnId: column.id };
  }

  /** The site's default document library (its drive) id. */
  async driveId(siteId: string): Promise<string> {
    return (await this.call<{ id: string }>('GET', `/sites/${siteId}/drive`, 200)).id;
  }

  /** Simple upload by path into the site's default library; 201 for a new file, 200 for a new version. */
  async putFile(siteId: string, path: string, content: Buffer | string, status = 201): Promise<{ id: string; name: string; size: number }> {
    const res = await this.em.graph(`/sites/${siteId}/drive/root:/${path}:/content`, {
      method: 'PUT',
      body: content,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const text = await res.text();
    expect(res.status, `PUT ${path}:/content → ${text}`).toBe(status);
    return JSON.parse(text) as { id: string; name: string; size: number };
  }

  async createFolder(siteId: string, parentId: string, name: string): Promise<{ id: string }> {
    return this.call('POST', `/sites/${siteId}/drive/items/${parentId}/children`, 201, {
      name,
      folder: {},
      '@microsoft.graph.conflictBehavior': 'fail',
    });
  }

  /** createUploadSession by path in the site's default library; answers the uploadUrl. */
  async uploadSession(siteId: string, path: string, item: Json = {}, extra: Json = {}): Promise<string> {
    const name = path.split('/').at(-1);
    const session = await this.call<{ uploadUrl: string }>('POST', `/sites/${siteId}/drive/root:/${path}:/createUploadSession`, 200, {
      item: { '@microsoft.graph.conflictBehavior': 'rename', name, ...item },
      ...extra,
    });
    expect(session.uploadUrl).toMatch(/^https?:\/\//);
    return session.uploadUrl;
  }
}

/**
 * Sends one fragment to an upload URL the way Graph's docs say: no Authorization header (the URL is pre-authenticated),
 * Content-Range `bytes start-end/total`.
 */
export function putFragment(uploadUrl: string, file: Buffer, start: number, end: number): Promise<Response> {
  return fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${start}-${end}/${file.length}` },
    body: file.subarray(start, end + 1),
  });
}

/** Bytes 0..n-1 of a recognisable pattern. */
export function bytes(n: number, seed = 0): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251));
}
