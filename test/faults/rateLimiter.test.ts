// The outbound limiter on a fake clock: whatever the arrivals, scheduled sends never exceed any window,
// leave in arrival order per thread, and wait no longer than the windows require.
import fc from 'fast-check';
import { SlidingWindowLimiter, TEAMS_THREAD_LIMITS, type RateWindow } from '../../src/hosting/rateLimiter';
import { maxInWindow } from './scriptedConnector';

const SHORT_TEAMS = TEAMS_THREAD_LIMITS.filter((w) => w.windowMs <= 30_000);

interface Arrival {
  gap: number;
  key: number;
}

function schedule(windows: readonly RateWindow[], arrivals: Arrival[]): Map<number, Array<{ arrival: number; at: number }>> {
  let now = 0;
  const limiter = new SlidingWindowLimiter({ windows, clock: () => now });
  const byKey = new Map<number, Array<{ arrival: number; at: number }>>();
  for (const a of arrivals) {
    now += a.gap;
    const delay = limiter.reserve(`thread-${a.key}`) as number;
    const list = byKey.get(a.key) ?? [];
    list.push({ arrival: now, at: now + delay });
    byKey.set(a.key, list);
  }
  return byKey;
}

function countIn(times: number[], t: number, windowMs: number): number {
  return times.filter((s) => s > t - windowMs && s <= t).length;
}

const arrivals = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), key: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 150 });

describe('SlidingWindowLimiter', () => {
  it('never exceeds a window, keeps arrival order, and waits only as long as a window requires', () => {
    fc.assert(
      fc.property(arrivals, (list) => {
        for (const sends of schedule(SHORT_TEAMS, list).values()) {
          const times = sends.map((s) => s.at);
          for (const w of SHORT_TEAMS) expect(maxInWindow(times, w.windowMs)).toBeLessThanOrEqual(w.limit);
          sends.forEach((s, i) => {
            expect(s.at).toBeGreaterThanOrEqual(s.arrival);
            if (i > 0) expect(s.at).toBeGreaterThanOrEqual(sends[i - 1].at);
            if (s.at > s.arrival) {
              // One millisecond earlier would break order or a window: the wait is the least possible.
              const earlier = s.at - 1;
              const before = times.slice(0, i);
              const blocked = (i > 0 && earlier < sends[i - 1].at) || SHORT_TEAMS.some((w) => countIn(before, earlier, w.windowMs) >= w.limit);
              expect(blocked).toBe(true);
            }
          });
        }
      }),
      { seed: 20260301, numRuns: 150 },
    );
  });

  it('keeps long windows (bucketed) within their limit too', () => {
    const windows = [{ limit: 150, windowMs: 6_000 }];
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.integer({ min: 0, max: 60 }), key: fc.constant(0) }), { minLength: 100, maxLength: 600 }), (list) => {
        for (const sends of schedule(windows, list).values()) {
          expect(maxInWindow(sends.map((s) => s.at), 6_000)).toBeLessThanOrEqual(150);
        }
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('a burst on one Teams thread: 7 at once, the 8th a second later, the 9th two seconds after the first', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter({ windows: TEAMS_THREAD_LIMITS, clock: () => now });
    const delays = Array.from({ length: 10 }, () => limiter.reserve('t') as number);
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000, 2_000, 2_000]);
    // Other threads are not held up by this one.
    expect(limiter.reserve('other')).toBe(0);
    now += 60_000;
    expect(limiter.reserve('t')).toBe(0);
  });

  it('the hour limit holds over a long flood (1800 per hour)', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ windows: TEAMS_THREAD_LIMITS, clock: () => now });
    const times: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      times.push(now + (limiter.reserve('t') as number));
      now += 250;
    }
    expect(maxInWindow(times, 3_600_000)).toBeLessThanOrEqual(1_800);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
  });

  it('refuses a slot further away than allowed, without reserving it', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ windows: [{ limit: 1, windowMs: 1_000 }], clock: () => now });
    expect(limiter.reserve('t', 100)).toBe(0);
    expect(limiter.reserve('t', 100)).toBeUndefined();
    expect(limiter.peek('t')).toBe(1_000);
    now = 1_000;
    expect(limiter.reserve('t', 100)).toBe(0);
  });

  it('pause holds a thread back until the service allows it again', () => {
    const now = 0;
    const limiter = new SlidingWindowLimiter({ windows: TEAMS_THREAD_LIMITS, clock: () => now });
    limiter.pause('t', 3_000);
    expect(limiter.reserve('t')).toBe(3_000);
    expect(limiter.reserve('u')).toBe(0);
  });

  it('forgets idle threads and caps how many it remembers', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter({ windows: SHORT_TEAMS, maxKeys: 100, clock: () => now });
    for (let i = 0; i < 1_000; i++) limiter.reserve(`t${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    now += 31_000;
    limiter.reserve('fresh');
    expect(limiter.size).toBe(1);
  });
});
