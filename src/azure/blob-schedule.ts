// The ScheduleLease and the DeliveryLog in the 'varde-schedule' blob container (infra/azure/main.bicep): a blob lease
// per job says which instance runs it, a marker blob per job holds the date of its last run, and one blob per channel
// and day holds what its digest sent. Conditional writes (If-None-Match: * to claim, If-Match: etag to replace) make
// the claim and every update safe across instances.
import type { TokenCredential } from '@azure/identity';
import { type BlockBlobClient, ContainerClient, RestError } from '@azure/storage-blob';
import { createHash } from 'node:crypto';
import type { CalendarDate } from '../domain/index.js';
import type { DeliveryLog, LeaseHold, ScheduleLease } from '../app/ports/index.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const statusOf = (err: unknown) => (err instanceof RestError ? err.statusCode : (err as { statusCode?: number } | null)?.statusCode);

async function readBlob(blob: BlockBlobClient): Promise<{ text: string; etag: string } | null> {
  try {
    const res = await blob.download();
    const chunks: Buffer[] = [];
    for await (const chunk of res.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return { text: Buffer.concat(chunks).toString('utf8'), etag: res.etag ?? '' };
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

export function containerClient(containerUrl: string, credential: TokenCredential): ContainerClient {
  return new ContainerClient(containerUrl, credential);
}

export class BlobScheduleLease implements ScheduleLease {
  constructor(private readonly container: ContainerClient) {}

  async acquire(job: string, ttlMs: number): Promise<LeaseHold | null> {
    const name = encodeURIComponent(job);
    const lockBlob = this.container.getBlockBlobClient(`leases/${name}`);
    // The blob a lease is taken on must exist: created once, empty.
    try {
      await lockBlob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      const status = statusOf(err);
      if (status !== 409 && status !== 412) throw err;
    }
    // Blob leases last 15–60 s (or forever): the ttl is fitted into that and renewed while the job runs.
    const seconds = Math.max(15, Math.min(60, Math.round(ttlMs / 1000)));
    const lease = lockBlob.getBlobLeaseClient();
    try {
      await lease.acquireLease(seconds);
    } catch (err) {
      if (statusOf(err) === 409) return null; // LeaseAlreadyPresent: another instance holds it
      throw err;
    }
    const marker = this.container.getBlockBlobClient(`last-run/${name}`);
    return {
      lastRunDate: async () => (await readBlob(marker))?.text.trim() || null,
      recordRun: async (date) => {
        await marker.upload(`${date}\n`, Buffer.byteLength(`${date}\n`), { blobHTTPHeaders: { blobContentType: 'text/plain' } });
      },
      renew: async () => {
        try {
          await lease.renewLease();
          return true;
        } catch (err) {
          if (statusOf(err) === 409) return false; // expired and taken by another
          throw err;
        }
      },
      release: async () => {
        await lease.releaseLease().catch(() => undefined);
      },
    };
  }
}

export class BlobDeliveryLog implements DeliveryLog {
  constructor(private readonly container: ContainerClient) {}

  private blob(date: CalendarDate, id: string): BlockBlobClient {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a date: ${date}`);
    return this.container.getBlockBlobClient(`deliveries/${date}/${hash(id)}.json`);
  }

  async get(date: CalendarDate, id: string): Promise<{ value: unknown; etag: string } | null> {
    const found = await readBlob(this.blob(date, id));
    return found ? { value: JSON.parse(found.text) as unknown, etag: found.etag } : null;
  }

  async create(date: CalendarDate, id: string, value: unknown): Promise<string | null> {
    return this.write(date, id, value, { ifNoneMatch: '*' });
  }

  async replace(date: CalendarDate, id: string, value: unknown, etag: string): Promise<string | null> {
    return this.write(date, id, value, { ifMatch: etag });
  }

  private async write(date: CalendarDate, id: string, value: unknown, conditions: { ifNoneMatch?: string; ifMatch?: string }): Promise<string | null> {
    const text = JSON.stringify(value);
    try {
      const res = await this.blob(date, id).upload(text, Buffer.byteLength(text), { conditions, blobHTTPHeaders: { blobContentType: 'application/json' } });
      return res.etag ?? null;
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) return null;
      throw err;
    }
  }

  async prune(before: CalendarDate): Promise<number> {
    let n = 0;
    for await (const item of this.container.listBlobsByHierarchy('/', { prefix: 'deliveries/' })) {
      if (item.kind !== 'prefix') continue;
      const date = item.name.slice('deliveries/'.length).replace(/\/$/, '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date >= before) continue;
      for await (const blob of this.container.listBlobsFlat({ prefix: item.name })) {
        await this.container.deleteBlob(blob.name).catch(() => undefined);
      }
      n++;
    }
    return n;
  }
}
