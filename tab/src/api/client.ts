// Calls /api/* with the bearer token on every request; turns `{error:{code,message}}` into ApiRequestError; on 401 asks for a fresh token once, then signs out.
import type { ApiError } from '../../../src/server/api/contract.js';

export type ApiErrorBody = ApiError['error'];

export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body.code;
  }
}

export interface TokenSource {
  /** The bearer token; `fresh` asks Teams (or the session) for a new one after a 401. Null: not signed in. */
  token(fresh: boolean): Promise<string | null>;
  /** Called when the server refuses even a fresh token: the session is over. */
  unauthenticated(): void;
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** DELETE; resolves to undefined on 204. */
  delete<T = void>(path: string): Promise<T>;
  /** POST a file as the request body (its own content type), e.g. an Excel import. */
  upload<T>(path: string, file: Blob, contentType: string): Promise<T>;
  /** GET a file with the token and hand it to the browser as a download. */
  download(path: string, fallbackName: string): Promise<void>;
}

export interface ClientMessages {
  network: string;
  unexpected: string;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' && typeof (e as { code?: unknown }).code === 'string';
}

async function errorOf(res: Response, messages: ClientMessages): Promise<ApiRequestError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (isApiError(body)) return new ApiRequestError(res.status, body.error);
  return new ApiRequestError(res.status, { code: res.status === 401 ? 'unauthenticated' : 'unexpected', message: messages.unexpected });
}

/** The file name from `Content-Disposition` (RFC 6266, with filename* first), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

export function createApiClient(tokens: TokenSource, messages: () => ClientMessages, fetchImpl: typeof fetch = (...a) => fetch(...a)): ApiClient {
  async function send(method: string, path: string, body: unknown, signal: AbortSignal | undefined, accept: string, contentType?: string): Promise<Response> {
    const attempt = async (fresh: boolean): Promise<Response> => {
      const token = await tokens.token(fresh);
      const headers: Record<string, string> = { Accept: accept };
      if (token) headers.Authorization = `Bearer ${token}`;
      const file = body instanceof Blob ? body : null;
      if (file) headers['Content-Type'] = contentType ?? (file.type || 'application/octet-stream');
      else if (body !== undefined) headers['Content-Type'] = 'application/json';
      try {
        return await fetchImpl(path, { method, headers, body: file ?? (body === undefined ? undefined : JSON.stringify(body)), signal, credentials: 'same-origin' });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') throw err;
        throw new ApiRequestError(0, { code: 'network', message: messages().network });
      }
    };
    let res = await attempt(false);
    if (res.status === 401) {
      res = await attempt(true);
      if (res.status === 401) {
        const error = await errorOf(res, messages());
        tokens.unauthenticated();
        throw error;
      }
    }
    if (!res.ok) throw await errorOf(res, messages());
    return res;
  }

  async function json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, contentType?: string): Promise<T> {
    const res = await send(method, path, body, signal, 'application/json', contentType);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiRequestError(res.status, { code: 'unexpected', message: messages().unexpected });
    }
  }

  return {
    get: (path, signal) => json('GET', path, undefined, signal),
    post: (path, body) => json('POST', path, body),
    put: (path, body) => json('PUT', path, body),
    patch: (path, body) => json('PATCH', path, body),
    delete: (path) => json('DELETE', path),
    upload: (path, file, contentType) => json('POST', path, file, undefined, contentType),
    async download(path, fallbackName) {
      const res = await send('GET', path, undefined, undefined, '*/*');
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}
