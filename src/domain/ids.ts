// Ids that fit where they are kept: SharePoint's key columns (RecordId, CommitteeId … 64 characters, indexed and
// unique), the tab API's id check (`[A-Za-z0-9-]{1,64}`) and Action.Execute data. An id made from another id (a
// committee from its unit's, a round's assessment from the round and the unit) may come out longer: it keeps its
// readable start and ends in a hash of the whole, so it is stable (the same input gives the same id on every machine
// and every run) and two long ids with the same start stay apart.

/** The longest id a key column and the API take. */
export const MAX_ID_LENGTH = 64;

/** `id` itself when it fits in `max` characters; else its start, '-' and a 10-character hash of all of it. */
export function fitId(id: string, max: number = MAX_ID_LENGTH): string {
  if (id.length <= max) return id;
  const hash = hash53(id).toString(36).padStart(11, '0').slice(-10);
  return `${id.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

// cyrb53 (a public-domain 53-bit string hash): pure, fast, and spread well enough to tell ids apart.
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
