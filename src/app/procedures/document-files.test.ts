// Files for the libraries: the type by the bytes (docx, pdf; not text, not macro-enabled Word, not a name), the size,
// the text of a .docx for search, and the demo's writers producing files the check takes.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkDocumentFile, extractDocxText, sniffDocumentType, writeDocx, writePdf } from './document-files.js';

describe('checkDocumentFile', () => {
  const docx = writeDocx('Legemiddelhåndtering', ['Dobbeltkontroll av insulin & <annet>.']);
  const pdf = writePdf('Etiske retningslinjer', ['Vi opptrer redelig.']);

  it('takes a .docx and a .pdf by their content, and adds the extension when the name has none', () => {
    expect(checkDocumentFile('Rutine.docx', docx, 1e6)).toMatchObject({ ok: true, type: 'docx', name: 'Rutine.docx' });
    expect(checkDocumentFile('Retningslinjer', pdf, 1e6)).toMatchObject({ ok: true, type: 'pdf', name: 'Retningslinjer.pdf' });
  });

  it('refuses text, an old .doc, a macro-enabled document, an empty file and a file over the limit', () => {
    expect(checkDocumentFile('a.docx', new TextEncoder().encode('tekst'), 1e6)).toMatchObject({ ok: false, reason: 'unsupportedType' });
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(100).fill(0)]);
    expect(checkDocumentFile('a.doc', ole, 1e6)).toMatchObject({ ok: false, reason: 'unsupportedType' });
    expect(checkDocumentFile('a.docm', macroEnabled(), 1e6)).toMatchObject({ ok: false, reason: 'unsupportedType' });
    expect(checkDocumentFile('a.pdf', new Uint8Array(), 1e6)).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkDocumentFile('a.pdf', pdf, 100)).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it('refuses a name whose extension says otherwise than the bytes', () => {
    expect(checkDocumentFile('a.pdf', docx, 1e6)).toMatchObject({ ok: false, reason: 'extensionMismatch' });
    expect(checkDocumentFile('a.docx', pdf, 1e6)).toMatchObject({ ok: false, reason: 'extensionMismatch' });
  });

  it('reads the text of a .docx (paragraphs, entities), nothing of a PDF', () => {
    expect(extractDocxText(docx)).toBe('Legemiddelhåndtering\nDobbeltkontroll av insulin & <annet>.');
    expect(extractDocxText(pdf)).toBe('');
    expect(sniffDocumentType(docx)).toBe('docx');
  });
});

/** A Word archive with a vbaProject part and a macro-enabled content type. */
function macroEnabled(): Uint8Array {
  const parts: [string, string][] = [
    ['[Content_Types].xml', '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'],
    ['word/vbaProject.bin', 'VBA'],
  ];
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = deflateRawSync(Buffer.from(text));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(text.length, 22);
    local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(text.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    chunks.push(local, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(central.reduce((s, b) => s + b.length, 0), 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}
