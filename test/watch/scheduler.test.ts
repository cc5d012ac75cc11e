// The scheduler against the real Log Analytics fleet source (LogsQueryClient, its HTTPS calls answered by
// nock) and an in-memory WatchStore test double: rounds on schedule, one post per change, state saved
// before the post, faults and partial results skipped with a log line, a restart mid-round posting once,
// the bot's removal turning the watches off, leases and limits honoured.
import nock from 'nock';
import { createLogAnalyticsFleetSource } from '../../src/fleet/logAnalytics';
import { createLogger } from '../../src/logger';
import type { AdaptiveCard } from '../../src/cards';
import { createWatchScheduler, leaseName, type WatchPoster, type WatchSchedulerOptions } from '../../src/watch/scheduler';
import { isDue, nextRunAt, phaseMs } from '../../src/watch/schedule';
import { parseWatchState } from '../../src/watch/state';
import type { Watch } from '../../src/watch/port';
import { visibleText } from '../cards/cardCheck';
import { FAKE_TOKEN, fakeCredential } from '../fleet/helpers';
import { churner, HUB, laPayload, lockedOutDevice, thumbprint } from './fleets';
import { memoryStore, type MemoryStore } from './memoryStore';
import type { SynthEvent } from '../triage/synth';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const API = 'https://api.loganalytics.io';
const PATH = `/v1/workspaces/${WS}/query`;
const CONV = '19:3f2a9c@thread.tacv2;messageid=1714550000000';

const churnOnly = () => [...churner('pump-1'), ...churner('pump-2')];
const lockedOut = () => [...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')];

interface Harness {
  store: MemoryStore;
  posts: { key: string; card: AdaptiveCard; reference: Record<string, unknown>; stateAtPost?: string }[];
  logs: { msg: string; [k: string]: unknown }[];
  options: WatchSchedulerOptions;
  scheduler: ReturnType<typeof createWatchScheduler>;
  /** Moves the clock to when the watch is due next. */
  advance(conversationId?: string, hub?: string): void;
  setPoster(p: WatchPoster): void;
  now(): Date;
}

function watch(over: Partial<Watch> = {}): Watch {
  return {
    conversationId: CONV,
    tenantId: 'tenant-1',
    hub: HUB,
    everyMinutes: 15,
    conversationReference: { conversation: { id: over.conversationId ?? CONV }, serviceUrl: 'https://smba.trafficmanager.net/emea/', locale: 'en-US' },
    createdAt: '2026-05-01T05:00:00.000Z',
    active: true,
    ...over,
  };
}

function harness(opts: { watches?: Watch[]; store?: MemoryStore; instanceId?: string; clock?: { t: number }; sourceTimeoutMs?: number } = {}): Harness {
  const clock = opts.clock ?? { t: Date.parse('2026-05-01T06:00:00Z') };
  const now = () => new Date(clock.t);
  const store = opts.store ?? memoryStore(now);
  if (!opts.store) for (const w of opts.watches ?? [watch()]) store.watches.set(`${w.conversationId}\u0000${w.hub}`, w);
  const posts: Harness['posts'] = [];
  const logs: Harness['logs'] = [];
  let poster: WatchPoster = async (reference, card, meta) => {
    posts.push({ key: meta.idempotencyKey, card, reference, stateAtPost: store.state(meta.conversationId, meta.hub) });
  };
  const options: WatchSchedulerOptions = {
    store,
    source: createLogAnalyticsFleetSource({ credential: fakeCredential(), workspaceId: WS, timeoutMs: opts.sourceTimeoutMs ?? 5_000 }),
    post: (r, c, m) => poster(r, c, m),
    clock: now,
    instanceId: opts.instanceId ?? 'instance-a',
    limits: { maxPerConversation: 5, maxPerTenant: 50 },
    logger: createLogger({ level: 'debug', destination: { write: (s: string) => logs.push(JSON.parse(s)) } }),
    sleep: async () => undefined,
  };
  return {
    store,
    posts,
    logs,
    options,
    scheduler: createWatchScheduler(options),
    advance(c = CONV, h = HUB) {
      const next = nextRunAt(store.watch(c, h)!);
      if (next !== undefined) clock.t = Math.max(clock.t, next);
    },
    setPoster(p) {
      poster = p;
    },
    now,
  };
}

/** Log Analytics answers the next query with these events (and checks the request is the real one). */
function answer(events: SynthEvent[], opts: { partial?: boolean } = {}) {
  return nock(API)
    .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
    .post(PATH, (b) => b.timespan === 'PT6H' && typeof b.query === 'string' && b.query.includes('AzureDiagnostics'))
    .reply(200, laPayload(events, opts));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('watch scheduler', () => {
  test('churn only: every round asks Log Analytics and posts nothing', async () => {
    const h = harness();
    for (let i = 0; i < 3; i++) {
      if (i > 0) h.advance();
      const scope = answer(churnOnly());
      expect(await h.scheduler.tick()).toEqual([{ conversationId: CONV, hub: HUB, outcome: 'quiet' }]);
      expect(scope.isDone()).toBe(true);
      expect(h.store.watch(CONV, HUB)?.lastRunAt).toBe(h.now().toISOString());
    }
    expect(h.posts).toEqual([]);
  });

  test('a watch that is not due is not run', async () => {
    const h = harness();
    answer(churnOnly());
    await h.scheduler.tick();
    const scope = answer(churnOnly());
    expect(await h.scheduler.tick()).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });

  test('devices newly locked out: one card naming them, saved before it is sent; the same answer again posts nothing', async () => {
    const h = harness();
    answer(churnOnly());
    await h.scheduler.tick();
    h.advance();
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('posted');
    expect(h.posts).toHaveLength(1);
    const [p] = h.posts;
    expect(p.reference).toEqual(watch().conversationReference);
    const text = visibleText(p.card);
    expect(text).toContain('pump-7');
    expect(text).toContain('cam-9');
    expect(text).not.toContain('pump-1');
    expect(p.key).toMatch(new RegExp(`^[0-9a-f]{12}:watch:${HUB}:1:worse:[0-9a-f]{16}$`));
    // The state with the post in it was in the store before the post went out…
    expect(parseWatchState(p.stateAtPost)?.pending?.idempotencyKey).toBe(p.key.slice(13));
    // …and is marked acknowledged after.
    expect(parseWatchState(h.store.state(CONV, HUB))?.pending).toBeUndefined();
    h.advance();
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('quiet');
    expect(h.posts).toHaveLength(1);
  });

  test('a Dutch conversation gets the Dutch card', async () => {
    const h = harness({ watches: [watch({ conversationReference: { conversation: { id: CONV }, locale: 'nl-NL' } })] });
    answer(lockedOut());
    await h.scheduler.tick();
    expect(visibleText(h.posts[0].card)).toContain('Wat te doen');
  });

  test('429, timeout and partial results skip the round with a log line and never post; the next whole answer does', async () => {
    const h = harness({ sourceTimeoutMs: 300 });
    answer(lockedOut());
    await h.scheduler.tick();
    expect(h.posts).toHaveLength(1);
    const before = h.store.state(CONV, HUB);

    h.advance();
    nock(API).post(PATH).reply(429, { error: { code: 'ThrottledError', message: 'Too many requests' } }, { 'Retry-After': '30' });
    expect((await h.scheduler.tick())[0].outcome).toBe('skipped');

    h.advance();
    nock(API).post(PATH).delay(3_000).reply(200, laPayload(churnOnly()));
    expect((await h.scheduler.tick())[0].outcome).toBe('skipped');

    // All back to churn, but only partly read: no "recovered" on that.
    h.advance();
    answer([...churner('pump-1'), ...churner('pump-7')], { partial: true });
    expect((await h.scheduler.tick())[0].outcome).toBe('skipped');

    expect(h.posts).toHaveLength(1);
    expect(h.store.state(CONV, HUB)).toBe(before);
    const skips = h.logs.filter((l) => /watch round skipped/.test(l.msg));
    expect(skips.map((l) => l.reason)).toEqual(['throttled', 'timeout', 'partial']);
    expect(skips.every((l) => l.hub === HUB)).toBe(true);

    h.advance();
    answer([...churner('pump-1'), ...churner('pump-7')]);
    expect((await h.scheduler.tick())[0].outcome).toBe('posted');
    expect(h.posts.map((p) => p.key.split(':')[4])).toEqual(['worse', 'recovered']);
  });

  test('another instance saved the round first: this one does not post', async () => {
    const h = harness();
    h.store.beforeSave = (c, hub) => {
      h.store.states.set(`${c}\u0000${hub}`, { json: '{"written":"by another instance"}', etag: 'W/"other"' });
      h.store.beforeSave = undefined;
    };
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('lost-race');
    expect(h.posts).toEqual([]);
  });

  test('a lease held by another live instance: no query, no post', async () => {
    const h = harness();
    await h.store.tryAcquireLease(leaseName(watch()), 'instance-b', 60_000);
    const scope = answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('busy');
    expect(scope.isDone()).toBe(false);
    expect(h.posts).toEqual([]);
  });

  test('a restart mid-round: the post is sent again with the same key, so it appears once, and nothing more is posted', async () => {
    // The receiving side keeps one message per key (what the idempotency key is for).
    const delivered = new Map<string, AdaptiveCard>();
    const keys: string[] = [];
    const clock = { t: Date.parse('2026-05-01T06:00:00Z') };
    const a = harness({ clock });
    // Instance A: the post went out, then the process died before it recorded the acknowledgement.
    a.setPoster(async (_r, card, meta) => {
      keys.push(meta.idempotencyKey);
      delivered.set(meta.idempotencyKey, card);
    });
    a.store.failSave = (json) => !json.includes('"pending"');
    answer(lockedOut());
    expect((await a.scheduler.tick())[0].outcome).toBe('error');
    a.store.failSave = undefined;

    // Instance B starts with the same store: the unacknowledged post goes out again first, same key.
    const b = harness({ clock, store: a.store, instanceId: 'instance-b' });
    b.setPoster(async (_r, card, meta) => {
      keys.push(meta.idempotencyKey);
      delivered.set(meta.idempotencyKey, card);
    });
    answer(lockedOut());
    expect((await b.scheduler.tick())[0].outcome).toBe('quiet');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(delivered.size).toBe(1);
    expect(parseWatchState(a.store.state(CONV, HUB))?.pending).toBeUndefined();
  });

  test('a failed send (502) keeps the post; the next round sends it with the same key before judging again', async () => {
    const h = harness();
    const keys: string[] = [];
    h.setPoster(async (_r, _c, meta) => {
      keys.push(meta.idempotencyKey);
      throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 });
    });
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('post-failed');
    expect(h.logs.some((l) => /watch post failed/.test(l.msg) && l.status === 502)).toBe(true);
    h.setPoster(async (_r, _c, meta) => {
      keys.push(meta.idempotencyKey);
    });
    h.advance();
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('quiet');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  test('a post left unacknowledged for more than a day is not sent late: the current picture is posted afresh, with a log line', async () => {
    const h = harness();
    h.setPoster(async () => {
      throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    });
    answer(lockedOut());
    expect((await h.scheduler.tick())[0].outcome).toBe('post-failed');
    const sent: string[] = [];
    h.setPoster(async (_r, _c, meta) => void sent.push(meta.idempotencyKey));
    const clock = h.options.clock;
    h.options.clock = () => new Date(clock().getTime() + 25 * 3_600_000);
    answer(lockedOut());
    const late = createWatchScheduler(h.options);
    expect((await late.tick())[0].outcome).toBe('posted');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/:watch:contoso-iot-prod:2:worse:/);
    expect(h.logs.some((l) => /dropped a post never acknowledged/.test(l.msg))).toBe(true);
    expect(parseWatchState(h.store.state(CONV, HUB))?.pending).toBeUndefined();
  });

  test.each([403, 404])('the bot was removed (%i): the conversation\'s watches are turned off, with a log line', async (status) => {
    const other = watch({ hub: 'contoso-iot-test' });
    const h = harness({ watches: [watch(), other] });
    h.setPoster(async () => {
      throw Object.assign(new Error('BotNotInConversationRoster'), { statusCode: status });
    });
    answer(lockedOut());
    answer(churnOnly());
    const reports = await h.scheduler.tick();
    expect(reports.map((r) => r.outcome)).toContain('removed');
    expect(h.store.watch(CONV, HUB)?.active).toBe(false);
    expect(h.store.watch(CONV, 'contoso-iot-test')?.active).toBe(false);
    expect(h.logs.some((l) => /no longer in the conversation/.test(l.msg) && l.status === status)).toBe(true);
    h.advance();
    expect(await h.scheduler.tick()).toEqual([]);
  });

  test('watches over the per-conversation limit do not run, with a log line', async () => {
    const ws = ['hub-aaa', 'hub-bbb', 'hub-ccc'].map((hub, i) => watch({ hub, createdAt: `2026-05-01T0${i}:00:00.000Z` }));
    const h = harness({ watches: ws });
    h.options.limits.maxPerConversation = 2;
    let queried = 0;
    nock(API)
      .post(PATH)
      .times(3)
      .reply(200, () => {
        queried++;
        return laPayload(churnOnly());
      });
    const reports = await h.scheduler.tick();
    expect(reports.map((r) => r.hub).sort()).toEqual(['hub-aaa', 'hub-bbb']);
    expect(queried).toBe(2);
    expect(h.logs.filter((l) => /over the watch limits/.test(l.msg)).map((l) => l.hub)).toEqual(['hub-ccc']);
    // Said once a period, not on every tick.
    expect(await h.scheduler.tick()).toEqual([]);
    expect(h.logs.filter((l) => /over the watch limits/.test(l.msg))).toHaveLength(1);
  });

  test('due watches start their queries a stagger apart', async () => {
    const ws = ['19:a@thread.tacv2', '19:b@thread.tacv2', '19:c@thread.tacv2'].map((conversationId) => watch({ conversationId }));
    const h = harness({ watches: ws });
    const sleeps: number[] = [];
    const scheduler = createWatchScheduler({ ...h.options, staggerMs: 1_500, concurrency: 2, sleep: async (ms) => void sleeps.push(ms) });
    nock(API).post(PATH).times(3).reply(200, laPayload(churnOnly()));
    expect((await scheduler.tick()).map((r) => r.outcome)).toEqual(['quiet', 'quiet', 'quiet']);
    expect(sleeps).toEqual([1_500, 1_500]);
  });
});

describe('schedule', () => {
  const w = watch();
  test('never run: due now; after a run, due exactly one period later at the watch\'s own phase', () => {
    expect(isDue(w, new Date('2026-05-01T06:00:00Z'))).toBe(true);
    const first = nextRunAt({ ...w, lastRunAt: '2026-05-01T06:00:00.000Z' })!;
    const second = nextRunAt({ ...w, lastRunAt: new Date(first).toISOString() })!;
    expect(second - first).toBe(15 * 60_000);
    expect(first % (15 * 60_000)).toBe(phaseMs(w));
    expect(isDue({ ...w, lastRunAt: new Date(first).toISOString() }, new Date(second - 1))).toBe(false);
    expect(isDue({ ...w, lastRunAt: new Date(first).toISOString() }, new Date(second))).toBe(true);
  });

  test('watches created together get different phases', () => {
    const phases = new Set(Array.from({ length: 20 }, (_, i) => phaseMs(watch({ conversationId: `19:${i}@thread.tacv2`, everyMinutes: 60 }))));
    expect(phases.size).toBeGreaterThan(15);
  });
});
