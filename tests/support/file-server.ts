// A stand-in for where Teams keeps files sent to a bot (the sender's OneDrive): serves bytes at pre-authenticated
// loopback URLs, as `content.downloadUrl` of a file download info, and records who asked with what Authorization.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  /** Serves `bytes` at a fresh URL (the name is its last segment) and returns the URL. */
  serve(name: string, bytes: Uint8Array, contentType?: string): string;
  /** Every request, in order: the path and the Authorization header it carried (a download link needs none). */
  readonly requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const requests: FileServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://files').pathname;
    requests.push({ path, authorization: req.headers.authorization });
    const file = req.method === 'GET' ? files.get(path) : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.length) }).end(Buffer.from(file.bytes));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    serve(name, bytes, contentType = 'application/octet-stream') {
      // As a download.aspx link would be: opaque, unguessable, and needing no token.
      const path = `/personal/kari/download/${randomUUID()}/${encodeURIComponent(name)}`;
      files.set(path, { bytes, contentType });
      return `http://127.0.0.1:${port}${path}`;
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
