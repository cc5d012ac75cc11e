import { langFromLocale } from '../../src/bot/locale';
import { activityKey, RecentActivities } from '../../src/bot/recentActivities';
import { isTenantAllowed, tenantOf } from '../../src/bot/tenant';
import { withinBudget } from '../../src/bot/budget';

describe('langFromLocale', () => {
  it.each([
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['NL', 'nl'],
    ['nl', 'nl'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['nlx', 'en'],
    [undefined, 'en'],
  ])('%s -> %s', (locale, lang) => {
    expect(langFromLocale(locale)).toBe(lang);
  });
});

describe('tenant allow-list', () => {
  it('reads channelData.tenant.id first, then conversation.tenantId, lower-cased', () => {
    expect(tenantOf({ channelData: { tenant: { id: 'AAA' } }, conversation: { tenantId: 'bbb' } })).toBe('aaa');
    expect(tenantOf({ channelData: {}, conversation: { tenantId: 'BBB' } })).toBe('bbb');
    expect(tenantOf({})).toBeUndefined();
  });
  it('allows everyone with an empty list, and refuses unknown or missing tenants with a list', () => {
    expect(isTenantAllowed(undefined, [])).toBe(true);
    expect(isTenantAllowed('aaa', ['aaa'])).toBe(true);
    expect(isTenantAllowed('AAA', ['aaa'])).toBe(true);
    expect(isTenantAllowed('bbb', ['aaa'])).toBe(false);
    expect(isTenantAllowed(undefined, ['aaa'])).toBe(false);
  });
});

describe('RecentActivities', () => {
  it('reports a repeat within the TTL and forgets it after', () => {
    let now = 0;
    const recent = new RecentActivities({ ttlMs: 1000, clock: () => now });
    expect(recent.checkAndRemember('c|1')).toBe(false);
    now = 999;
    expect(recent.checkAndRemember('c|1')).toBe(true);
    now = 2000;
    expect(recent.checkAndRemember('c|1')).toBe(false);
  });
  it('stays bounded, forgetting the oldest first', () => {
    const recent = new RecentActivities({ max: 3, ttlMs: 60_000, clock: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) recent.checkAndRemember(k);
    expect(recent.size).toBe(3);
    expect(recent.checkAndRemember('a')).toBe(false);
    expect(recent.checkAndRemember('d')).toBe(true);
  });
  it('at its cap, over many turns, forgets exactly the oldest and keeps the rest (also after its queue is compacted)', () => {
    let now = 0;
    const recent = new RecentActivities({ max: 1000, ttlMs: 60_000, clock: () => now });
    for (let i = 0; i < 5000; i++) {
      now = i;
      expect(recent.checkAndRemember(`k${i}`)).toBe(false);
    }
    expect(recent.size).toBe(1000);
    now = 5000;
    expect(recent.checkAndRemember('k4000')).toBe(true); // the oldest still remembered
    expect(recent.checkAndRemember('k4999')).toBe(true);
    expect(recent.checkAndRemember('k3999')).toBe(false); // forgotten: taken as new, remembered again
    expect(recent.checkAndRemember('k3999')).toBe(true);
    expect(recent.size).toBe(1000);
    expect(recent.checkAndRemember('k4000')).toBe(false); // pushed out by k3999 coming back
  });
  it('forgets by age across a compaction, and a key seen again after its TTL counts from then', () => {
    let now = 0;
    const recent = new RecentActivities({ max: 100_000, ttlMs: 1000, clock: () => now });
    for (let i = 0; i < 3000; i++) {
      now = i;
      recent.checkAndRemember(`k${i}`);
    }
    expect(recent.size).toBe(1000); // ids 2000..2999: the others are older than the TTL
    now = 3500;
    expect(recent.checkAndRemember('k2499')).toBe(false);
    expect(recent.checkAndRemember('k2501')).toBe(true);
    now = 4499;
    expect(recent.checkAndRemember('k2499')).toBe(true); // remembered again at 3500
    now = 4500;
    expect(recent.checkAndRemember('k2499')).toBe(false);
  });
  it('keys on conversation and activity id', () => {
    expect(activityKey({ id: '1', conversation: { id: 'c' } })).toBe('c|1');
    expect(activityKey({ conversation: { id: 'c' } })).toBeUndefined();
  });
});

describe('withinBudget', () => {
  it('returns the value when the work finishes in time', async () => {
    await expect(withinBudget(Promise.resolve(42), 1000)).resolves.toMatchObject({ done: true, value: 42 });
  });
  it('gives up on work that never settles', async () => {
    await expect(withinBudget(new Promise(() => undefined), 10)).resolves.toMatchObject({ done: false, reason: 'timeout' });
  });
  it('treats a rejection as not done', async () => {
    await expect(withinBudget(Promise.reject(new Error('x')), 1000)).resolves.toMatchObject({ done: false, reason: 'error' });
  });
});
