// Two instances, one watch: two real schedulers, each with its own Table Storage clients over one real
// Azurite, tick at the same moment on a round with news. Exactly one takes the lease, queries Log
// Analytics (nock, once) and posts; the other neither queries nor posts. Then the winner dies holding the
// lease: the other instance waits until the lease has expired, then runs the round.
import nock from 'nock';
import type { AdaptiveCard } from '../../src/cards';
import { createLogAnalyticsFleetSource } from '../../src/fleet/logAnalytics';
import { createLogger } from '../../src/logger';
import type { Watch, WatchStore } from '../../src/watch/port';
import { createWatchScheduler, leaseName, type WatchScheduler } from '../../src/watch/scheduler';
import { nextRunAt } from '../../src/watch/schedule';
import { visibleText } from '../cards/cardCheck';
import { FAKE_TOKEN, fakeCredential } from '../fleet/helpers';
import { useAzurite } from './azurite';
import { churner, HUB, laPayload, lockedOutDevice, thumbprint } from './fleets';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const CONV = '19:race@thread.tacv2';
const azurite = useAzurite();

function watch(): Watch {
  return {
    conversationId: CONV,
    tenantId: 'tenant-race',
    hub: HUB,
    everyMinutes: 15,
    conversationReference: { conversation: { id: CONV }, serviceUrl: 'https://smba.trafficmanager.net/emea/', locale: 'en-US' },
    createdAt: '2026-05-01T05:00:00.000Z',
    active: true,
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('two schedulers over one Azurite: one query and one post per round; a dead holder’s lease expires', async () => {
  const clock = { t: Date.parse('2026-05-01T06:00:00Z') };
  const posts: { instance: string; key: string; card: AdaptiveCard }[] = [];
  const queries: string[] = [];
  nock.enableNetConnect('127.0.0.1');
  const instance = async (id: string): Promise<{ scheduler: WatchScheduler; store: WatchStore }> => {
    // Leases expire by the instances' clock, the same one the schedulers read.
    const { store } = await azurite.storage({ clock: () => clock.t });
    const scheduler = createWatchScheduler({
      store,
      source: createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS, timeoutMs: 10_000 }),
      post: async (_ref, card, meta) => {
        posts.push({ instance: id, key: meta.idempotencyKey, card });
      },
      clock: () => new Date(clock.t),
      instanceId: id,
      limits: { maxPerConversation: 5, maxPerTenant: 50 },
      logger: createLogger({ level: 'error', destination: { write: () => undefined } }),
      sleep: async () => undefined,
      leaseMs: 5 * 60_000,
    });
    return { scheduler, store };
  };
  const a = await instance('instance-a');
  const b = await instance('instance-b');
  await a.store.putWatch(watch());

  const answer = (events: Parameters<typeof laPayload>[0]) =>
    nock('https://api.loganalytics.io')
      .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
      .post(`/v1/workspaces/${WS}/query`, () => {
        queries.push('q');
        return true;
      })
      .reply(200, laPayload(events));

  // Round 1: two devices newly locked out. Both instances tick at once.
  const round1 = answer([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]);
  await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
  expect(round1.isDone()).toBe(true);
  expect(queries).toHaveLength(1);
  expect(posts).toHaveLength(1);
  const text = visibleText(posts[0].card);
  expect(text).toContain('pump-7');
  expect(text).toContain('cam-9');
  const winner = posts[0].instance;
  const other = winner === 'instance-a' ? b : a;

  // Round 2: the winner dies mid-round, holding the watch's lease (taken here as it would have been).
  // While the lease lives the other instance neither queries nor posts; once it has expired, the other
  // instance runs the round, and the same picture posts nothing.
  const winnerStore = winner === 'instance-a' ? a.store : b.store;
  expect(await winnerStore.tryAcquireLease(leaseName(watch()), winner, 60 * 60_000)).toBe(true);
  const stored = (await a.store.listWatches(CONV))[0];
  clock.t = nextRunAt(stored) ?? clock.t + 15 * 60_000;
  const round2 = answer([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]);
  await other.scheduler.tick();
  expect(queries).toHaveLength(1);
  clock.t += 60 * 60_000 + 1;
  await other.scheduler.tick();
  expect(round2.isDone()).toBe(true);
  expect(queries).toHaveLength(2);
  expect(posts).toHaveLength(1);
}, 60_000);
