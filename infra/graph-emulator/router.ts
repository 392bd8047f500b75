// Matches a Graph URL path to its handler; patterns mirror Graph's URLs, literals match case-insensitively as Graph does.
import { itemNotFound, methodNotAllowed } from './errors.js';
import type { EmulatorRequest, EmulatorResponse } from './request.js';

export type Params = Record<string, string>;
export type Handler = (req: EmulatorRequest, params: Params) => EmulatorResponse | Promise<EmulatorResponse>;

/** SharePoint's resource-unit cost of an operation: 1 for one item, 2 for a query over many or a write. */
export type Cost = 1 | 2;

export interface Route {
  method: string;
  pattern: string;
  cost: Cost | ((req: EmulatorRequest) => Cost);
  handler: Handler;
}

interface CompiledRoute extends Route {
  parts: string[];
}

/**
 * Splits a Graph path into segments, keeping a path-based address such as
 * `contoso.sharepoint.com:/sites/kvalitet:` or `root:/Folder/File.docx:` as one segment
 * (`contoso.sharepoint.com:/sites/kvalitet`), since Graph lets such an address stand where an id would.
 */
export function splitGraphPath(path: string): string[] {
  const raw = path.split('/').filter((s, i) => !(i === 0 && s === ''));
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const seg = raw[i] ?? '';
    const colon = seg.indexOf(':');
    if (colon >= 0 && colon === seg.length - 1 && i + 1 < raw.length) {
      // `host:` followed by `/a/b:` — collect until the segment that closes with ':'.
      let address = seg;
      let j = i + 1;
      for (; j < raw.length; j++) {
        const part = raw[j] ?? '';
        if (part.endsWith(':')) {
          address += '/' + part.slice(0, -1);
          break;
        }
        address += '/' + part;
      }
      out.push(address);
      i = j;
    } else if (colon >= 0 && seg.endsWith(':')) {
      out.push(seg.slice(0, -1));
    } else {
      out.push(seg);
    }
  }
  return out.filter((s) => s !== '');
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(method: string, pattern: string, cost: Route['cost'], handler: Handler): this {
    this.routes.push({ method, pattern, cost, handler, parts: pattern.split('/').filter(Boolean) });
    return this;
  }

  /** Finds the route; 404 for an unknown path, 405 when the path exists for other methods. */
  match(method: string, path: string): { route: Route; params: Params } {
    const segments = splitGraphPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    if (pathMatched) throw methodNotAllowed(method);
    throw itemNotFound(`Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
  }
}

function matchParts(parts: string[], segments: string[]): Params | undefined {
  if (parts.length !== segments.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const seg = segments[i] ?? '';
    if (part.startsWith(':')) {
      params[part.slice(1)] = seg;
    } else if (part.toLowerCase() !== seg.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
