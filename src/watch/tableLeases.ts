// Scheduler leases in the `watchleases` table: one row per lease name with its holder and expiry. Every
// change is conditional (create-if-absent, or replace at the ETag just read), so when two instances race
// exactly one write lands. Expiry is judged by the caller's clock: keep lease times well above clock skew.
import { TABLE_NAMES, isStatus, type Tables } from './tables';
import { encodeKey } from './tableKeys';

const ROW = 'lease';

interface LeaseRow {
  holder?: unknown;
  expiresAt?: unknown;
  etag: string;
}

export class TableLeases {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => number,
  ) {}

  async tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const table = await this.tables.get(TABLE_NAMES.leases);
    const pk = encodeKey(name, 'lease name');
    const now = this.clock();
    const row = { partitionKey: pk, rowKey: ROW, holder, expiresAt: new Date(now + ttlMs) };
    // Two rounds at most: a row created or deleted between our read and our write sends us round once more.
    for (let round = 0; round < 2; round++) {
      const current = await this.read(pk);
      if (current === undefined) {
        try {
          await table.createEntity(row);
          return true;
        } catch (err) {
          if (isStatus(err, 409)) continue; // another instance created it first: look at who holds it
          throw err;
        }
      }
      const expires = current.expiresAt instanceof Date ? current.expiresAt.getTime() : Number.NaN;
      const live = Number.isFinite(expires) && expires > now;
      if (live && current.holder !== holder) return false;
      try {
        await table.updateEntity(row, 'Replace', { etag: current.etag });
        return true;
      } catch (err) {
        if (isStatus(err, 412)) return false; // someone else renewed or took it over since we read
        if (isStatus(err, 404)) continue; // released meanwhile
        throw err;
      }
    }
    return false;
  }

  async release(name: string, holder: string): Promise<void> {
    const table = await this.tables.get(TABLE_NAMES.leases);
    const pk = encodeKey(name, 'lease name');
    const current = await this.read(pk);
    if (current === undefined || current.holder !== holder) return;
    try {
      await table.deleteEntity(pk, ROW, { etag: current.etag });
    } catch (err) {
      if (!isStatus(err, 404, 412)) throw err; // gone or taken over: not ours to delete any more
    }
  }

  private async read(pk: string): Promise<LeaseRow | undefined> {
    const table = await this.tables.get(TABLE_NAMES.leases);
    try {
      return await table.getEntity<{ holder?: unknown; expiresAt?: unknown }>(pk, ROW);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }
}
