// The shared activity dedupe against a real Azurite: of instances racing on one key exactly one sees it
// first; a key is remembered for its ttl and may be taken over after; the sweep deletes expired rows only.
import { loadConfig } from '../../src/config';
import { clientFactory } from '../../src/watch/fromEnv';
import { TableDedupe } from '../../src/watch/tableDedupe';
import { TABLE_NAMES, createTables } from '../../src/watch/tables';
import { hashKey } from '../../src/watch/tableKeys';
import { useAzurite } from './azurite';

const azurite = useAzurite();
const unique = (s: string) => `${s}|${Math.random().toString(36).slice(2)}`;

describe('shared dedupe (firstSeen)', () => {
  it('two instances racing with the same key: exactly one is first, for every key', async () => {
    const { dedupe: a } = await azurite.storage();
    const { dedupe: b } = await azurite.storage();
    const keys = Array.from({ length: 12 }, () => unique('19:chat@thread.v2|activity'));
    const results = await Promise.all(keys.map((k) => Promise.all([a.firstSeen(k, 60_000), b.firstSeen(k, 60_000)])));
    for (const pair of results) expect(pair.filter(Boolean)).toHaveLength(1);
    // And later callers are never first.
    expect(await a.firstSeen(keys[0], 60_000)).toBe(false);
    expect(await b.firstSeen(keys[0], 60_000)).toBe(false);
  });

  it('remembers a key for its ttl; after that one instance may take it over', async () => {
    let now = Date.parse('2026-12-01T04:00:00Z');
    const { dedupe: a } = await azurite.storage({ clock: () => now });
    const { dedupe: b } = await azurite.storage({ clock: () => now });
    const key = unique('a:personal|msg');
    expect(await a.firstSeen(key, 10_000)).toBe(true);
    now += 9_000;
    expect(await b.firstSeen(key, 10_000)).toBe(false);
    now += 2_000;
    const takeover = await Promise.all([a.firstSeen(key, 10_000), b.firstSeen(key, 10_000)]);
    expect(takeover.filter(Boolean)).toHaveLength(1);
    expect(await a.firstSeen(key, 10_000)).toBe(false);
  });

  it('keys that differ only in characters Table Storage forbids are different keys', async () => {
    const { dedupe } = await azurite.storage();
    const base = unique('19:x@thread.tacv2;messageid=1');
    expect(await dedupe.firstSeen(`${base}/a`, 60_000)).toBe(true);
    expect(await dedupe.firstSeen(`${base}#a`, 60_000)).toBe(true);
    expect(await dedupe.firstSeen(`${base}/a`, 60_000)).toBe(false);
  });

  it('the sweep deletes expired rows and keeps live ones', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const { dedupe } = await azurite.storage({ clock: () => now });
    const table = azurite.raw(TABLE_NAMES.dedupe);
    const shortLived = unique('short');
    const longLived = unique('long');
    await dedupe.firstSeen(shortLived, 1_000);
    await dedupe.firstSeen(longLived, 3_600_000);
    now += 5_000;
    const sweeper = (dedupe as unknown as { sweepExpired(): Promise<number> }).sweepExpired.bind(dedupe);
    expect(await sweeper()).toBeGreaterThanOrEqual(1);
    await expect(table.getEntity(hashKey(shortLived), 'seen')).rejects.toMatchObject({ statusCode: 404 });
    await expect(table.getEntity(hashKey(longLived), 'seen')).resolves.toMatchObject({ partitionKey: hashKey(longLived) });
  });

  it('a firstSeen call after the sweep interval starts a sweep by itself', async () => {
    let now = Date.parse('2031-01-01T00:00:00Z');
    const settings = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', WATCH_STORAGE_CONNECTION_STRING: azurite.connectionString }).watchStorage!;
    const dedupe = new TableDedupe(createTables(await clientFactory(settings)), { clock: () => now, sweepEveryMs: 60_000 });
    const old = unique('old');
    await dedupe.firstSeen(old, 1_000);
    now += 30_000;
    await dedupe.firstSeen(unique('not yet'), 1_000);
    await expect(azurite.raw(TABLE_NAMES.dedupe).getEntity(hashKey(old), 'seen')).resolves.toBeDefined();
    now += 31_000;
    await dedupe.firstSeen(unique('trigger'), 1_000);
    // The sweep runs in the background: wait for the row to go (bounded), then check it went.
    const table = azurite.raw(TABLE_NAMES.dedupe);
    const gone = async () => table.getEntity(hashKey(old), 'seen').then(() => false, (err: { statusCode?: number }) => err.statusCode === 404);
    for (let i = 0; i < 100 && !(await gone()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await gone()).toBe(true);
  });
});
