// The upload form's hints about a file, and the multipart body it sends, read back as the server would read it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, acceptAttribute, fileProblem, multipartBody, sameFileType, titleFromFileName } from './upload';

describe('file hints', () => {
  it('take .docx and .pdf (any case) up to the limit, and nothing empty', () => {
    expect(fileProblem({ name: 'Rutine.docx', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'RUTINE.PDF', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'rutine.doc', size: 1000 })).toBe('type');
    expect(fileProblem({ name: 'rutine', size: 1000 })).toBe('type');
    expect(fileProblem({ name: 'rutine.pdf', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'rutine.pdf', size: DEFAULT_LIMITS.maxBytes })).toBeNull();
    expect(fileProblem({ name: 'rutine.pdf', size: DEFAULT_LIMITS.maxBytes + 1 })).toBe('size');
    expect(fileProblem({ name: 'rutine.pdf', size: 2000 }, { ...DEFAULT_LIMITS, maxBytes: 1000 })).toBe('size');
  });

  it('keep a new version to the document’s kind of file', () => {
    expect(sameFileType('Legemiddelhåndtering.docx', 'ny versjon.DOCX')).toBe(true);
    expect(sameFileType('Legemiddelhåndtering.docx', 'ny versjon.pdf')).toBe(false);
  });

  it('guess a title from the file name', () => {
    expect(titleFromFileName('Rutine_for__legemiddelhåndtering.docx')).toBe('Rutine for legemiddelhåndtering');
    expect(titleFromFileName('C:\\fakepath\\Brannvern 2026.pdf')).toBe('Brannvern 2026');
    expect(titleFromFileName('.docx')).toBe('.docx');
  });

  it('tell the browser’s picker the types', () => {
    expect(acceptAttribute()).toBe('.docx,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf');
  });
});

describe('multipart body', () => {
  it('is read back by the platform’s own form-data parser: file bytes, UTF-8 name and the metadata JSON', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x0d, 0x0a]);
    const metadata = JSON.stringify({ kind: 'procedure', title: 'Brannvern «ny»', ownerUnitId: 'u-1', reviewerId: 'p-1' });
    const { body, contentType } = multipartBody(
      [
        { name: 'file', file: new Blob([bytes], { type: 'application/pdf' }), fileName: 'Brannvern – æøå "v2".pdf' },
        { name: 'metadata', value: metadata },
      ],
      'testboundary',
    );
    expect(contentType).toBe('multipart/form-data; boundary=testboundary');
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const file = form.get('file') as File;
    expect(file.name).toBe('Brannvern – æøå "v2".pdf');
    expect(file.type).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(form.get('metadata')).toBe(metadata);
  });

  it('carries a text part alone (a new version’s etag)', async () => {
    const { body, contentType } = multipartBody([{ name: 'etag', value: '"{A1B2},3"' }]);
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('etag')).toBe('"{A1B2},3"');
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----VardeFormBoundary[0-9a-f]{24}$/);
  });
});
