// The upload form's file checks and the multipart body it sends (pure). The checks are hints: the server reads the file's content and decides.
import type { UploadLimits } from '../../../../src/server/api/contract-procedures.js';

/** What the form assumes until GET /api/procedures/limits answers (the server's default). */
export const DEFAULT_LIMITS: UploadLimits = {
  maxBytes: 25 * 1024 * 1024,
  contentTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf'],
  extensions: ['.docx', '.pdf'],
};

export type FileProblem = 'empty' | 'type' | 'size';

export interface FileLike {
  name: string;
  size: number;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** What looks wrong with a file before it is sent (null: nothing): no content, not .docx/.pdf by its name, too large. */
export function fileProblem(file: FileLike, limits: UploadLimits = DEFAULT_LIMITS): FileProblem | null {
  if (file.size === 0) return 'empty';
  const allowed = limits.extensions.map((e) => e.toLowerCase());
  if (!allowed.includes(extensionOf(file.name))) return 'type';
  if (file.size > limits.maxBytes) return 'size';
  return null;
}

/** A new version must keep the document's kind of file (a .pdf cannot replace a .docx: the library keeps the name). */
export function sameFileType(current: string, next: string): boolean {
  return extensionOf(current) === extensionOf(next);
}

/** «Rutine for legemiddelhåndtering.docx» → «Rutine for legemiddelhåndtering» (a first guess at the title). */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).replace(/_+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** The `accept` attribute of the file input: extensions and content types. */
export function acceptAttribute(limits: UploadLimits = DEFAULT_LIMITS): string {
  return [...limits.extensions, ...limits.contentTypes].join(',');
}

export type MultipartPart = { name: string; value: string } | { name: string; file: Blob; fileName: string };

/** Escapes a name in a Content-Disposition header as browsers do for form data (WHATWG: ", CR and LF percent-encoded). */
function escapeName(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A multipart/form-data body (RFC 7578) as one Blob and its content type, as a browser's FormData would send it; the
 * API client posts a Blob with a content type of our choosing, with the bearer token. File names go as UTF-8.
 */
export function multipartBody(parts: readonly MultipartPart[], boundary: string = randomBoundary()): { body: Blob; contentType: string } {
  const chunks: BlobPart[] = [];
  for (const part of parts) {
    if ('file' in part) {
      const type = part.file.type || 'application/octet-stream';
      chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(part.name)}"; filename="${escapeName(part.fileName)}"\r\nContent-Type: ${type}\r\n\r\n`, part.file, '\r\n');
    } else {
      chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(part.name)}"\r\n\r\n`, part.value.replace(/\r?\n/g, '\r\n'), '\r\n');
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function randomBoundary(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `----VardeFormBoundary${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
