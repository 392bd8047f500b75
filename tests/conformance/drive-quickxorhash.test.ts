// Conformance: file.hashes.quickXorHash is OneDrive's QuickXorHash, checked against published test vectors and an upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuickXorHash } from '../../infra/graph-emulator/store/blobs.js';
import { type TestEmulator, startTestEmulator } from '../support/emulator.js';
import { bytes, newLibrary, upload } from './drive-support.js';

// Input (base64) and hash (base64) pairs from rclone's QuickXorHash tests (backend/onedrive/quickxorhash), which
// rclone checks against OneDrive; the long ones wrap around the 160-bit register more than once.
const VECTORS: [string, string][] = [
  ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
  ['tbQ=', 'taAFAAAAAAAAAAAAAgAAAAAAAAA='],
  ['/aNzzCFPS/A=', '/RjFHJgRgicsAR4ACAAAAAAAAAA='],
  [
    'PfxMcUd0vIW6VbHG/uj/Y0W6qEoKmyBD0nYebEKazKaKG+UaDqBEcmQjbfQeVnVLuodMoPp7P7TR1htX5n2VnkHh22xDyoJ8C/ZQKiSNqQfXvh83judf4RVr9exJCud8Uvgip6aVZTaPrJHVjQhMCp/dEnGvqg0oN5OVkM2qqAXvA0teKUDhgNM71sDBVBCGXxNOR2bpbD1iM4dnuT0ey4L+loXEHTL0fqMeUcEi2asgImnlNakwenDzz0x57aBwyq3AspCFGB1ncX4yYCr/OaCcS5OKi/00WH+wNQU3',
    'QX/YEpG0gDsmhEpCdWhsxDzsfVE=',
  ],
];

let em: TestEmulator;

beforeAll(async () => {
  em = await startTestEmulator();
});

afterAll(async () => {
  await em.close();
});

describe('quickXorHash', () => {
  it('matches the published test vectors, whole and fed in pieces', () => {
    for (const [input, hash] of VECTORS) {
      const data = Buffer.from(input, 'base64');
      expect(new QuickXorHash().update(data).digest()).toBe(hash);
      const pieces = new QuickXorHash();
      for (let i = 0; i < data.length; i += 7) pieces.update(data.subarray(i, i + 7));
      expect(pieces.digest()).toBe(hash);
    }
  });

  it("an uploaded file reports the QuickXorHash of its bytes in file.hashes", async () => {
    const lib = await newLibrary(em);
    const content = bytes(1000, 5);
    const file = await upload(em, lib.drive, 'root:/h.bin:', content);
    expect(file.file?.hashes.quickXorHash).toBe(new QuickXorHash().update(content).digest());
  });
});
