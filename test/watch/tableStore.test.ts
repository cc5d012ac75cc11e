// The table watch store against a real Azurite Table service: watches, per-conversation listing, tenant
// counts, deactivation, state with ETag conflicts, and leases raced by two stores with their own clients.
import type { Watch } from '../../src/watch/port';
import { TABLE_NAMES } from '../../src/watch/tables';
import { useAzurite } from './azurite';

const azurite = useAzurite();
let seq = 0;
/** Every test uses its own conversations and tenants: one Azurite serves the whole file. */
const unique = (s: string) => `${s}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

function watch(overrides: Partial<Watch> = {}): Watch {
  return {
    conversationId: unique('19:incident@thread.tacv2;messageid=1700000000000'),
    tenantId: unique('tenant'),
    hub: 'contoso-prod',
    everyMinutes: 15,
    conversationReference: { conversation: { id: 'x' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: { id: '28:bot' } },
    createdBy: 'Ada',
    createdAt: '2026-12-01T04:00:00.000Z',
    active: true,
    ...overrides,
  };
}

describe('watches', () => {
  it('put, list, replace and remove a watch of a conversation', async () => {
    const { store } = await azurite.storage();
    const w = watch();
    await store.putWatch(w);
    expect(await store.listWatches(w.conversationId)).toEqual([w]);

    const changed = { ...w, everyMinutes: 60 as const, createdBy: undefined };
    await store.putWatch(changed);
    const listed = await store.listWatches(w.conversationId);
    expect(listed).toHaveLength(1);
    expect(listed[0].everyMinutes).toBe(60);
    expect(listed[0]).not.toHaveProperty('createdBy');

    expect(await store.removeWatch(w.conversationId, w.hub)).toBe(true);
    expect(await store.listWatches(w.conversationId)).toEqual([]);
    expect(await store.removeWatch(w.conversationId, w.hub)).toBe(false);
  });

  it('keeps conversations apart, including ids with characters Table Storage forbids in keys', async () => {
    const { store } = await azurite.storage();
    const odd = watch({ conversationId: unique('a:1/b\\c#d?e\u0001f\u007f\u0085 ünï €') });
    const sibling = watch({ conversationId: `${odd.conversationId}x` });
    const secondHub = { ...odd, hub: 'contoso-test' };
    await Promise.all([store.putWatch(odd), store.putWatch(secondHub), store.putWatch(sibling)]);
    const listed = await store.listWatches(odd.conversationId);
    expect(listed.map((w) => w.hub).sort()).toEqual(['contoso-prod', 'contoso-test']);
    expect(listed.every((w) => w.conversationId === odd.conversationId)).toBe(true);
    expect(await store.listWatches(sibling.conversationId)).toEqual([sibling]);
    expect(await store.listWatches(unique('nobody'))).toEqual([]);
  });

  it('lists active watches across conversations and counts a tenant’s active watches', async () => {
    const { store } = await azurite.storage();
    const tenant = unique('tenant');
    const a = watch({ tenantId: tenant });
    const b = watch({ tenantId: tenant, hub: 'fabrikam' });
    const off = watch({ tenantId: tenant, active: false });
    const other = watch();
    for (const w of [a, b, off, other]) await store.putWatch(w);

    const active = await store.listActiveWatches();
    const ids = active.map((w) => `${w.conversationId}|${w.hub}`);
    expect(ids).toEqual(expect.arrayContaining([a, b, other].map((w) => `${w.conversationId}|${w.hub}`)));
    expect(ids).not.toContain(`${off.conversationId}|${off.hub}`);
    expect(active.every((w) => w.active)).toBe(true);

    expect(await store.countWatchesForTenant(tenant)).toBe(2);
    expect(await store.countWatchesForTenant(other.tenantId)).toBe(1);
    expect(await store.countWatchesForTenant(unique('tenant'))).toBe(0);
  });

  it('deactivateConversation turns off that conversation’s watches only, and says how many', async () => {
    const { store } = await azurite.storage();
    const w1 = watch();
    const w2 = { ...w1, hub: 'second-hub' };
    const elsewhere = watch({ tenantId: w1.tenantId });
    for (const w of [w1, w2, elsewhere]) await store.putWatch(w);

    expect(await store.deactivateConversation(w1.conversationId)).toBe(2);
    expect((await store.listWatches(w1.conversationId)).map((w) => w.active)).toEqual([false, false]);
    expect(await store.countWatchesForTenant(w1.tenantId)).toBe(1);
    const active = (await store.listActiveWatches()).map((w) => w.conversationId);
    expect(active).not.toContain(w1.conversationId);
    expect(active).toContain(elsewhere.conversationId);
    expect(await store.deactivateConversation(w1.conversationId)).toBe(0);
  });

  it('markRun records the last run, and does not bring back a removed watch', async () => {
    const { store } = await azurite.storage();
    const w = watch();
    await store.putWatch(w);
    await store.markRun(w.conversationId, w.hub, '2026-12-01T04:15:00.000Z');
    expect((await store.listWatches(w.conversationId))[0].lastRunAt).toBe('2026-12-01T04:15:00.000Z');

    await store.removeWatch(w.conversationId, w.hub);
    await store.markRun(w.conversationId, w.hub, '2026-12-01T04:30:00.000Z');
    expect(await store.listWatches(w.conversationId)).toEqual([]);
  });

  it('skips a row that is not a well-formed watch and reports it', async () => {
    const bad: string[] = [];
    const { store } = await azurite.storage({ onBadRow: (info) => bad.push(info.rowKey) });
    const w = watch();
    await store.putWatch(w);
    // Written behind the store's back: a watch row with an interval the store does not know.
    await azurite.raw(TABLE_NAMES.watches).createEntity({ partitionKey: 'garbage', rowKey: 'watch.x', kind: 'watch', active: true, everyMinutes: 7 });
    const active = await store.listActiveWatches();
    expect(active.map((x) => x.conversationId)).toContain(w.conversationId);
    expect(bad).toContain('watch.x');
  });
});

describe('watch state (optimistic concurrency)', () => {
  it('is absent until saved; create-only saves once', async () => {
    const { store } = await azurite.storage();
    const w = watch();
    expect(await store.getState(w.conversationId, w.hub)).toBeUndefined();
    expect(await store.saveState(w.conversationId, w.hub, '{"round":1}', undefined)).toBe(true);
    expect(await store.saveState(w.conversationId, w.hub, '{"round":"again"}', undefined)).toBe(false);
    expect((await store.getState(w.conversationId, w.hub))?.json).toBe('{"round":1}');
  });

  it('two writers at the same ETag: exactly one wins, and the state is the winner’s', async () => {
    const { store: a } = await azurite.storage();
    const { store: b } = await azurite.storage();
    const w = watch();
    await a.saveState(w.conversationId, w.hub, '{"round":1}', undefined);
    const read = await a.getState(w.conversationId, w.hub);
    expect(read?.etag).toBeTruthy();

    const results = await Promise.all([
      a.saveState(w.conversationId, w.hub, '{"by":"a"}', read!.etag),
      b.saveState(w.conversationId, w.hub, '{"by":"b"}', read!.etag),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? '{"by":"a"}' : '{"by":"b"}';
    const after = await b.getState(w.conversationId, w.hub);
    expect(after?.json).toBe(winner);
    expect(after?.etag).not.toBe(read!.etag);
    // The loser's ETag is stale for good.
    expect(await a.saveState(w.conversationId, w.hub, '{"late":true}', read!.etag)).toBe(false);
    expect(await a.saveState(w.conversationId, w.hub, '{"next":true}', after!.etag)).toBe(true);
  });

  it('two first writers racing to create: exactly one wins', async () => {
    const { store: a } = await azurite.storage();
    const { store: b } = await azurite.storage();
    const w = watch();
    const results = await Promise.all([a.saveState(w.conversationId, w.hub, '"a"', undefined), b.saveState(w.conversationId, w.hub, '"b"', undefined)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('putWatch and markRun leave the state’s ETag alone; removeWatch removes the state', async () => {
    const { store } = await azurite.storage();
    const w = watch();
    await store.putWatch(w);
    await store.saveState(w.conversationId, w.hub, '{"round":1}', undefined);
    const read = await store.getState(w.conversationId, w.hub);
    await store.putWatch({ ...w, everyMinutes: 30 });
    await store.markRun(w.conversationId, w.hub, '2026-12-01T04:15:00.000Z');
    expect(await store.saveState(w.conversationId, w.hub, '{"round":2}', read!.etag)).toBe(true);

    await store.removeWatch(w.conversationId, w.hub);
    expect(await store.getState(w.conversationId, w.hub)).toBeUndefined();
    const stale = await store.saveState(w.conversationId, w.hub, '{"round":3}', read!.etag);
    expect(stale).toBe(false);
  });

  it('refuses a state larger than a table property holds, with a clear error', async () => {
    const { store } = await azurite.storage();
    const w = watch();
    await expect(store.saveState(w.conversationId, w.hub, 'x'.repeat(40_000), undefined)).rejects.toThrow(/a table property holds/);
  });
});

describe('leases', () => {
  it('two schedulers racing for one lease: exactly one gets it, every time', async () => {
    const { store: a } = await azurite.storage();
    const { store: b } = await azurite.storage();
    for (let round = 0; round < 10; round++) {
      const name = unique('watch-round');
      const results = await Promise.all([a.tryAcquireLease(name, 'instance-a', 60_000), b.tryAcquireLease(name, 'instance-b', 60_000)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });

  it('the holder renews; another instance does not get a live lease', async () => {
    const { store: a } = await azurite.storage();
    const { store: b } = await azurite.storage();
    const name = unique('lease');
    expect(await a.tryAcquireLease(name, 'instance-a', 60_000)).toBe(true);
    expect(await a.tryAcquireLease(name, 'instance-a', 60_000)).toBe(true);
    expect(await b.tryAcquireLease(name, 'instance-b', 60_000)).toBe(false);
  });

  it('an expired lease is taken over, and the old holder then cannot renew it', async () => {
    let nowA = Date.parse('2026-12-01T04:00:00Z');
    let nowB = nowA;
    const { store: a } = await azurite.storage({ clock: () => nowA });
    const { store: b } = await azurite.storage({ clock: () => nowB });
    const name = unique('lease');
    expect(await a.tryAcquireLease(name, 'instance-a', 60_000)).toBe(true);
    nowB += 59_000;
    expect(await b.tryAcquireLease(name, 'instance-b', 60_000)).toBe(false);
    nowB += 2_000; // now past a's expiry
    expect(await b.tryAcquireLease(name, 'instance-b', 60_000)).toBe(true);
    nowA += 61_000;
    expect(await a.tryAcquireLease(name, 'instance-a', 60_000)).toBe(false);
  });

  it('release frees the lease for the next instance; a non-holder cannot release it', async () => {
    const { store: a } = await azurite.storage();
    const { store: b } = await azurite.storage();
    const name = unique('lease');
    expect(await a.tryAcquireLease(name, 'instance-a', 60_000)).toBe(true);
    await b.releaseLease(name, 'instance-b');
    expect(await b.tryAcquireLease(name, 'instance-b', 60_000)).toBe(false);
    await a.releaseLease(name, 'instance-a');
    expect(await b.tryAcquireLease(name, 'instance-b', 60_000)).toBe(true);
  });
});
