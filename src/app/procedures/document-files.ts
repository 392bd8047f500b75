// The files procedures live in: .docx and .pdf only, told apart by their bytes (the name's extension proves nothing),
// the text of a .docx for search, and small real .docx and .pdf files for the demo municipality.
//
// A .docx is a ZIP (Office Open XML) whose [Content_Types].xml names a Word document main part; macro-enabled
// documents (.docm, a vbaProject part) and the old binary .doc are refused. A .pdf starts with "%PDF-" (within the
// first 1,024 bytes, as readers allow) and ends with "%%EOF". ZIP reading is a small central-directory reader over
// node:zlib (bounded output, so a crafted archive cannot inflate without limit); no package is needed for it.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export type DocumentFileType = 'docx' | 'pdf';

export const DOCUMENT_CONTENT_TYPES: Readonly<Record<DocumentFileType, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export type FileCheck =
  | { readonly ok: true; readonly type: DocumentFileType; readonly contentType: string; readonly name: string }
  | { readonly ok: false; readonly reason: 'empty' | 'tooLarge' | 'unsupportedType' | 'extensionMismatch'; readonly message: string };

const mb = (bytes: number) => `${Math.floor(bytes / (1024 * 1024)).toLocaleString('nb-NO')} MB`;

/** Checks a file for the libraries: type by content, size, and a name whose extension says the same as the bytes. */
export function checkDocumentFile(name: string, bytes: Uint8Array, maxBytes: number): FileCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'Filen er tom.' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'tooLarge', message: `Filen er for stor. Største tillatte størrelse er ${mb(maxBytes)}.` };
  const type = sniffDocumentType(bytes);
  if (type === null) return { ok: false, reason: 'unsupportedType', message: 'Bare Word-dokumenter (.docx) og PDF-filer kan lastes opp. Lagre filen som .docx eller .pdf og prøv igjen.' };
  const trimmed = name.trim();
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(trimmed)?.[1]?.toLowerCase();
  if (ext === undefined) return { ok: true, type, contentType: DOCUMENT_CONTENT_TYPES[type], name: `${trimmed || 'dokument'}.${type}` };
  if (ext !== type) {
    return { ok: false, reason: 'extensionMismatch', message: `Filnavnet slutter på .${ext}, men innholdet er ${type === 'pdf' ? 'en PDF-fil' : 'et Word-dokument (.docx)'}. Gi filen riktig filendelse og prøv igjen.` };
  }
  return { ok: true, type, contentType: DOCUMENT_CONTENT_TYPES[type], name: trimmed };
}

/** 'docx' or 'pdf' by the bytes, else null. */
export function sniffDocumentType(bytes: Uint8Array): DocumentFileType | null {
  if (isPdf(bytes)) return 'pdf';
  if (isDocx(bytes)) return 'docx';
  return null;
}

function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return false;
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.length - 2048), Math.min(bytes.length, 2048)).toString('latin1');
  return tail.includes('%%EOF');
}

function isDocx(bytes: Uint8Array): boolean {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return false;
  const zip = readZip(bytes);
  if (!zip) return false;
  if (zip.names.some((n) => /vbaProject\.bin$/i.test(n))) return false;
  const types = zip.read('[Content_Types].xml', 1024 * 1024);
  if (types === null) return false;
  const text = types.toString('utf8');
  return text.includes('wordprocessingml.document.main+xml') && !/macroEnabled/i.test(text);
}

// ── ZIP (read) ───────────────────────────────────────────────────────────────────────────────────────────────────

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

interface Zip {
  readonly names: readonly string[];
  /** The entry's bytes, or null when absent, unreadable or larger than `maxBytes`. */
  read(name: string, maxBytes: number): Buffer | null;
}

/** The archive's central directory, or null when it is not a readable ZIP (ZIP64 and encrypted entries included). */
function readZip(bytes: Uint8Array): Zip | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    // Encrypted entries cannot be read (and a Word document is never stored so).
    if ((flags & 1) === 0) entries.set(name, { name, method, compressedSize, size, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return {
    names: [...entries.keys()],
    read(name, maxBytes) {
      const e = entries.get(name);
      if (!e || e.size > maxBytes || e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) return null;
      const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
      const data = buf.subarray(start, start + e.compressedSize);
      try {
        if (e.method === 0) return Buffer.from(data);
        if (e.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
      } catch {
        return null;
      }
      return null;
    },
  };
}

// ── Text for search ─────────────────────────────────────────────────────────────────────────────────────────────

/** Characters of a document's text kept for search: enough for any procedure, bounded for memory. */
export const MAX_SEARCH_TEXT = 100_000;

/** The text of a .docx (paragraphs on their own lines), or '' for anything else. PDF text is not extracted. */
export function extractDocxText(bytes: Uint8Array): string {
  if (sniffDocumentType(bytes) !== 'docx') return '';
  const xml = readZip(bytes)?.read('word/document.xml', 20 * 1024 * 1024);
  if (!xml) return '';
  const text = xml
    .toString('utf8')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<(?!\/?w:t[\s>])[^>]*>/g, '')
    .replace(/<\/?w:t[^>]*>/g, '');
  return decodeXml(text).replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_SEARCH_TEXT);
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const n = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
  });
}

// ── Writing small documents (the demo, tests) ──────────────────────────────────────────────────────────────────

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A minimal, valid Word document: a heading and paragraphs. Opens in Word and LibreOffice. */
export function writeDocx(title: string, paragraphs: readonly string[]): Uint8Array {
  const para = (text: string, heading = false) =>
    `<w:p>${heading ? '<w:pPr><w:pStyle w:val="Title"/></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    para(title, true) +
    paragraphs.map((p) => para(p)).join('') +
    '<w:sectPr/></w:body></w:document>';
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ],
    ['word/document.xml', document],
  ];
  return writeZip(files.map(([name, text]) => [name, Buffer.from(text, 'utf8')]));
}

function writeZip(files: readonly (readonly [string, Buffer])[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

/** A minimal, valid one-page PDF (Helvetica, WinAnsi: æøå print as they should); long lines are wrapped. */
export function writePdf(title: string, paragraphs: readonly string[]): Uint8Array {
  const lines: { text: string; size: number }[] = [{ text: title, size: 16 }];
  for (const p of paragraphs) for (const line of wrap(p, 90)) lines.push({ text: line, size: 11 });
  let y = 800;
  const ops: string[] = ['BT'];
  for (const l of lines.slice(0, 60)) {
    ops.push(`/F1 ${l.size} Tf 1 0 0 1 56 ${y} Tm (${pdfString(l.text)}) Tj`);
    y -= l.size + 6;
  }
  ops.push('ET');
  const stream = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n%\xe6\xf8\xe5\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}

/** A PDF literal string in WinAnsi (Latin-1 covers Norwegian); other characters become '?'. */
function pdfString(text: string): string {
  return Array.from(text)
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 63;
      if (ch === '(' || ch === ')' || ch === '\\') return `\\${ch}`;
      if (code < 32 || code > 255) return '?';
      return code > 126 ? `\\${code.toString(8).padStart(3, '0')}` : ch;
    })
    .join('');
}
