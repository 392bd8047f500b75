// The file-backed store of reports waiting for SharePoint: what it writes, what it reads back, and what a crash leaves.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingEntry } from '../app/ports/index.js';
import { FilePendingReportStore } from './pending-report-files.js';

let dir: string;
const events: string[] = [];

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'varde-pending-')), 'pending');
  events.length = 0;
});

afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const store = () => new FilePendingReportStore(dir, (event) => events.push(event));
const bytes = (...values: number[]) => new Uint8Array(values);
const entry = (id: string, files: PendingEntry['files'] = []): PendingEntry => ({ id, data: { v: 1, text: `Pasienten falt (${id})`, nested: { n: 1 } }, files });

describe('FilePendingReportStore', () => {
  it('keeps an entry with its files across instances (a restart), and forgets it when removed', async () => {
    await store().add(entry('r-1', [{ name: 'bilde.jpg', contentType: 'image/jpeg', bytes: bytes(0xff, 0xd8, 1, 2) }]));
    const [read] = await store().all();
    expect(read).toEqual({ id: 'r-1', data: { v: 1, text: 'Pasienten falt (r-1)', nested: { n: 1 } }, files: [{ name: 'bilde.jpg', contentType: 'image/jpeg', bytes: bytes(0xff, 0xd8, 1, 2) }] });
    await store().remove('r-1');
    expect(await store().all()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a rewrite with fewer files (some were stored) leaves only the files the entry still names', async () => {
    const s = store();
    await s.add(entry('r-1', [{ name: 'a', contentType: 'text/plain', bytes: bytes(1) }, { name: 'b', contentType: 'text/plain', bytes: bytes(2) }]));
    await s.add(entry('r-1', [{ name: 'b', contentType: 'text/plain', bytes: bytes(2) }]));
    expect((await s.all())[0]?.files.map((f) => f.name)).toEqual(['b']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.bin'))).toHaveLength(1);
  });

  it('is closed to others: the directory 0700, the files 0600', async () => {
    await store().add(entry('r-1', [{ name: 'a', contentType: 'text/plain', bytes: bytes(1) }]));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });

  it('what a crash half-way leaves (a temporary file, files without their entry) is cleared, and the entry before it stands', async () => {
    await store().add(entry('r-1'));
    writeFileSync(join(dir, 'r-1.json.abc123.tmp'), '{"v":1,"id":"r-1","da');
    writeFileSync(join(dir, `r-2.${'0'.repeat(64)}.bin`), 'orphan');
    const entries = await store().all();
    expect(entries.map((e) => e.id)).toEqual(['r-1']);
    expect(readdirSync(dir)).toEqual(['r-1.json']);
  });

  it('an unreadable or tampered entry is set aside (not retried, not deleted) and the others still load', async () => {
    await store().add(entry('r-1'));
    await store().add(entry('r-2', [{ name: 'a', contentType: 'text/plain', bytes: bytes(1, 2, 3) }]));
    await store().add(entry('r-3'));
    writeFileSync(join(dir, 'r-1.json'), '{ not json');
    const blob = readdirSync(dir).find((n) => n.startsWith('r-2.') && n.endsWith('.bin')) ?? '';
    writeFileSync(join(dir, blob), bytes(9, 9, 9));
    expect((await store().all()).map((e) => e.id)).toEqual(['r-3']);
    expect(readdirSync(dir).filter((n) => n.endsWith('.unreadable')).sort()).toEqual(['r-1.json.unreadable', 'r-2.json.unreadable']);
    expect(events).toEqual(['pending.entrySetAside', 'pending.entrySetAside']);
  });

  it('an entry whose file name and id disagree is not believed', async () => {
    await store().add(entry('r-1'));
    writeFileSync(join(dir, 'r-9.json'), readFileSync(join(dir, 'r-1.json')));
    expect((await store().all()).map((e) => e.id)).toEqual(['r-1']);
  });

  it('refuses ids that could name a path', async () => {
    for (const id of ['../x', 'a/b', '', 'x'.repeat(65), 'a.json']) await expect(store().add(entry(id))).rejects.toThrow();
    // A file beside the directory that a removal by '../x' would reach.
    writeFileSync(join(dir, '..', 'x.json'), 'not ours');
    await store().remove('../x');
    expect(readdirSync(join(dir, '..'))).toEqual(['x.json']);
  });
});
