// The watch commands' logic against the real table store (Azurite): add within the per-conversation and
// per-tenant limits (friendly en/nl refusals), re-time, list, remove, and what is said when the store is
// down or a part is missing. The argument parser for `watch <hub> [every …]` in both languages.
import { azuriteConnectionString, freePort } from '../../scripts/azurite';
import { loadConfig } from '../../src/config';
import { createWatchStorage } from '../../src/watch/fromEnv';
import { watchCommandStrings } from '../../src/watch/commandStrings';
import { addWatch, listWatchesText, parseWatchArgs, removeWatch, watchUnavailable, type WatchConversation, type WatchDeps } from '../../src/watch/conversationWatches';
import type { WatchStore } from '../../src/watch/port';
import { useAzurite } from './azurite';

const NOW = new Date('2026-05-01T06:00:00Z');

function conversation(id: string, tenantId = 'tenant-a', conversationType: WatchConversation['conversationType'] = 'channel'): WatchConversation {
  return { conversationId: id, conversationType, tenantId, reference: { conversation: { id }, serviceUrl: 'https://smba.trafficmanager.net/emea/', locale: 'en-US' }, createdBy: 'Engineer One' };
}

describe('parseWatchArgs', () => {
  it.each([
    ['contoso-iot-prod', 'en', 'contoso-iot-prod', 60],
    ['contoso-iot-prod every 15m', 'en', 'contoso-iot-prod', 15],
    ['Contoso-IoT-Prod.azure-devices.net 30m', 'en', 'contoso-iot-prod', 30],
    ['contoso-iot-prod elke 1u', 'nl', 'contoso-iot-prod', 60],
    ['elke 15m contoso-iot-prod', 'nl', 'contoso-iot-prod', 15],
  ] as const)('%s (%s)', (args, lang, hub, every) => {
    expect(parseWatchArgs(args, lang)).toEqual({ ok: true, hub, everyMinutes: every });
  });

  it.each([
    ['', 'en', watchCommandStrings('en').watchUsage],
    ['contoso-iot-prod every 5m', 'en', `${watchCommandStrings('en').badEvery('5m')} ${watchCommandStrings('en').watchUsage}`],
    ['contoso-iot-prod elke 2u', 'nl', `${watchCommandStrings('nl').badEvery('2u')} ${watchCommandStrings('nl').watchUsage}`],
    ['a b', 'en', watchCommandStrings('en').tooMany],
    ['hub!name', 'nl', watchCommandStrings('nl').badHub('hub!name')],
  ] as const)('refuses %j (%s) with a clear message', (args, lang, message) => {
    expect(parseWatchArgs(args, lang)).toEqual({ ok: false, message });
  });
});

describe('watchUnavailable', () => {
  const store = {} as WatchStore;
  it.each(['en', 'nl'] as const)('names what is missing (%s)', (lang) => {
    const s = watchCommandStrings(lang);
    expect(watchUnavailable({ store: undefined, fleetAvailable: false }, lang)).toBe(s.noBoth);
    expect(watchUnavailable({ store, fleetAvailable: false }, lang)).toBe(s.noFleet);
    expect(watchUnavailable({ store: undefined, fleetAvailable: true }, lang)).toBe(s.noStorage);
    expect(watchUnavailable({ store, fleetAvailable: true }, lang)).toBeUndefined();
  });
});

describe('a conversation’s watches on the table store (Azurite)', () => {
  const azurite = useAzurite();
  let deps: WatchDeps;
  beforeAll(async () => {
    const storage = await azurite.storage();
    deps = { store: storage.store, fleetAvailable: true, limits: { maxPerConversation: 2, maxPerTenant: 3 }, clock: () => NOW };
  });

  it('adds, lists, re-times without counting twice, refuses past the conversation limit (en, nl), removes', async () => {
    const c = conversation('19:limits@thread.tacv2');
    const en = watchCommandStrings('en');
    const nl = watchCommandStrings('nl');
    expect(await addWatch(deps, c, 'hub-one', 60, 'en')).toBe(en.added('hub-one', en.every(60), en.where.channel));
    expect(await addWatch(deps, c, 'hub-two', 15, 'en')).toBe(en.added('hub-two', en.every(15), en.where.channel));
    // The same hub again: a new period, not a new watch.
    expect(await addWatch(deps, c, 'hub-one', 30, 'en')).toBe(en.changed('hub-one', en.every(30)));
    expect(await addWatch(deps, c, 'hub-three', 60, 'en')).toBe(en.limitConversation(2));
    expect(await addWatch(deps, c, 'hub-three', 60, 'nl')).toBe(nl.limitConversation(2));
    const stored = await deps.store?.listWatches(c.conversationId);
    expect(stored?.map((w) => [w.hub, w.everyMinutes, w.tenantId, w.active]).sort()).toEqual([
      ['hub-one', 30, 'tenant-a', true],
      ['hub-two', 15, 'tenant-a', true],
    ]);
    expect(stored?.[0].conversationReference).toEqual(c.reference);
    expect(await listWatchesText(deps, c, 'en')).toBe([en.list, `- ${en.listLine('hub-one', en.every(30), undefined, true)}`, `- ${en.listLine('hub-two', en.every(15), undefined, true)}`].join('\n'));
    expect(await removeWatch(deps, c, 'hub-one', 'nl')).toBe(nl.removed('hub-one'));
    expect(await removeWatch(deps, c, 'hub-one', 'en')).toBe(en.notWatched('hub-one'));
    expect(await addWatch(deps, c, 'hub-three', 60, 'en')).toBe(en.added('hub-three', en.every(60), en.where.channel));
  });

  it('refuses past the tenant limit (en, nl), counting every conversation of the tenant only', async () => {
    const en = watchCommandStrings('en');
    const nl = watchCommandStrings('nl');
    const t = 'tenant-b';
    expect(await addWatch(deps, conversation('19:b1@thread.tacv2', t), 'hub-one', 60, 'en')).toContain('Watching');
    expect(await addWatch(deps, conversation('19:b1@thread.tacv2', t), 'hub-two', 60, 'en')).toContain('Watching');
    expect(await addWatch(deps, conversation('19:group@thread.v2', t, 'groupChat'), 'hub-one', 60, 'en')).toBe(en.added('hub-one', en.every(60), en.where.groupChat));
    expect(await addWatch(deps, conversation('a:personal', t, 'personal'), 'hub-one', 60, 'en')).toBe(en.limitTenant(3));
    expect(await addWatch(deps, conversation('a:personal', t, 'personal'), 'hub-one', 60, 'nl')).toBe(nl.limitTenant(3));
    // Another tenant is not held back by this one.
    expect(await addWatch(deps, conversation('a:personal', 'tenant-c', 'personal'), 'hub-one', 60, 'nl')).toBe(nl.added('hub-one', nl.every(60), nl.where.personal));
  });

  it('a watch the bot could not post to is listed as off', async () => {
    const c = conversation('19:removed@thread.tacv2', 'tenant-d');
    await addWatch(deps, c, 'hub-one', 60, 'en');
    expect(await deps.store?.deactivateConversation(c.conversationId)).toBe(1);
    expect(await listWatchesText(deps, c, 'en')).toContain('**off**');
    expect(await listWatchesText(deps, c, 'nl')).toContain('**uit**');
  });

  it('nothing watched: says how to start; no conversation: says so', async () => {
    expect(await listWatchesText(deps, conversation('19:empty@thread.tacv2'), 'nl')).toBe(watchCommandStrings('nl').none);
    expect(await addWatch(deps, undefined, 'hub-one', 60, 'en')).toBe(watchCommandStrings('en').noConversation);
  });
});

describe('watch storage unreachable', () => {
  it.each(['en', 'nl'] as const)('add, list and remove answer that nothing changed (%s)', async (lang) => {
    const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', WATCH_STORAGE_CONNECTION_STRING: azuriteConnectionString(await freePort()) });
    if (!config.watchStorage) throw new Error('no storage settings');
    const storage = await createWatchStorage(config.watchStorage);
    const errors: unknown[] = [];
    const deps: WatchDeps = { store: storage.store, fleetAvailable: true, limits: { maxPerConversation: 5, maxPerTenant: 50 }, clock: () => NOW, onStoreError: (e) => errors.push(e) };
    const c = conversation('19:down@thread.tacv2');
    const down = watchCommandStrings(lang).storeDown;
    expect(await addWatch(deps, c, 'hub-one', 60, lang)).toBe(down);
    expect(await listWatchesText(deps, c, lang)).toBe(down);
    expect(await removeWatch(deps, c, 'hub-one', lang)).toBe(down);
    expect(errors).toHaveLength(3);
  }, 30_000);
});
