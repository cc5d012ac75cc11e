// The round logic by meaning: churn never posts; new lock-outs post once, naming them; the same answer
// posts nothing; a later lock-out posts only what changed; recovery posts once; a partial or cut result
// never claims a recovery. Results come from synthetic logs judged by the real fleet row mapping.
import { fc, test as propTest } from '@fast-check/jest';
import { decideRound, emptyState, POST_MAX_DEVICES } from '../../src/watch/decideRound';
import { acknowledged, parseWatchState, serializeWatchState, STATE_MAX_HASHES, type WatchState } from '../../src/watch/state';
import { knowledge } from '../../src/triage/knowledge';
import type { FleetResult } from '../../src/fleet/types';
import { eventsOf, fleetHistories } from '../fleet/synthFleet';
import { churner, churnThenLocked, fleet, HUB, lockedOutDevice, quiet, thumbprint } from './fleets';

const now = (min = 0) => new Date(Date.parse('2026-05-01T06:00:00Z') + min * 60_000);

/** Runs rounds one after another; returns every decision. */
function rounds(results: FleetResult[], start?: WatchState) {
  let state = start;
  return results.map((r, i) => {
    const d = decideRound(state, r, now(15 * i));
    state = d.state;
    return d;
  });
}

describe('decideRound', () => {
  test('churn-only rounds never post, first round or later', () => {
    const churnOnly = fleet([...churner('pump-1'), ...churner('pump-2'), ...quiet('pump-3')]);
    expect(churnOnly.totals.churn).toBe(2);
    const ds = rounds([churnOnly, churnOnly, fleet(churner('pump-1'))]);
    expect(ds.map((d) => d.post)).toEqual([undefined, undefined, undefined]);
  });

  test('the first round with problems posts: it is news to the channel', () => {
    const d = decideRound(undefined, fleet([...churner('pump-1'), ...lockedOutDevice('pump-42')]), now());
    expect(d.post?.kind).toBe('worse');
    expect(d.post?.devices.shown.map((x) => x.deviceId)).toEqual(['pump-42']);
    expect(d.post?.devices.shown.map((x) => x.deviceId)).not.toContain('pump-1');
  });

  test('two devices newly locked out: one worse post naming both, with the usual fix per finding', () => {
    const [first, second] = rounds([fleet([...churner('pump-1'), ...churner('pump-2')]), fleet([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')])]);
    expect(first.post).toBeUndefined();
    const post = second.post!;
    expect(post.kind).toBe('worse');
    expect(post.devices.shown.map((d) => d.deviceId).sort()).toEqual(['cam-9', 'pump-7']);
    expect(post.devices.total).toBe(2);
    expect(post.changes).toEqual([{ type: 'new-problem', devices: 2 }]);
    expect(post.credential).toBe(2);
    const kinds = post.findings.map((f) => f.kind).sort();
    expect(kinds).toEqual(['thumbprint-mismatch', 'unrecovered-unauthorized']);
    for (const f of post.findings) expect(f.fix).toEqual(knowledge(f.kind, 'en').fix);
    // Dutch on request.
    const nl = decideRound(first.state, fleet([...lockedOutDevice('pump-7')]), now(), { lang: 'nl' });
    expect(nl.post!.findings[0].fix).toEqual(knowledge('unrecovered-unauthorized', 'nl').fix);
  });

  test('the same answer again posts nothing', () => {
    const problem = fleet([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]);
    const [a, b, c] = rounds([problem, problem, problem]);
    expect(a.post).toBeDefined();
    expect(b.post).toBeUndefined();
    expect(c.post).toBeUndefined();
    expect(b.state.hash).toBe(a.state.hash);
  });

  test('a third device added: the post names only what changed', () => {
    const two = fleet([...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]);
    const three = fleet([...lockedOutDevice('pump-7'), ...thumbprint('cam-9'), ...lockedOutDevice('pump-8')]);
    const [, , third] = rounds([two, two, three]);
    expect(third.post?.devices.shown.map((d) => d.deviceId)).toEqual(['pump-8']);
    expect(third.post?.devices.total).toBe(1);
    expect(third.post?.changes).toEqual([{ type: 'new-problem', devices: 1 }]);
    expect(third.post?.credential).toBe(3);
    expect(third.post?.findings.map((f) => f.kind)).toEqual(['unrecovered-unauthorized']);
  });

  test('a churning device whose renewal is refused and never comes back is called out as such', () => {
    const [, turned] = rounds([fleet([...churner('pump-1'), ...churner('pump-2')]), fleet([...churnThenLocked('pump-1'), ...churner('pump-2')])]);
    expect(turned.post?.changes).toEqual([{ type: 'churn-to-unrecovered', devices: 1 }]);
    expect(turned.post?.devices.shown).toEqual([{ deviceId: 'pump-1', change: 'churn-to-unrecovered', kinds: ['unrecovered-unauthorized'] }]);
  });

  test('all back to churn or healthy: one recovered post naming the devices, then quiet', () => {
    const problem = fleet([...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]);
    const fixed = fleet([...churner('pump-1'), ...churner('pump-7'), ...quiet('cam-9')]);
    const ds = rounds([problem, fixed, fixed]);
    expect(ds[1].post?.kind).toBe('recovered');
    expect(ds[1].post?.changes).toEqual([{ type: 'recovered', devices: 2 }]);
    expect(ds[1].post?.devices.shown.sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1))).toEqual([
      { deviceId: 'cam-9', change: 'healthy', kinds: [] },
      { deviceId: 'pump-7', change: 'churn', kinds: [] },
    ]);
    expect(ds[2].post).toBeUndefined();
  });

  test('one of two recovering is not a recovery; a relapse is news again', () => {
    const both = fleet([...lockedOutDevice('pump-7'), ...lockedOutDevice('pump-8')]);
    const one = fleet([...churner('pump-7'), ...lockedOutDevice('pump-8')]);
    const ds = rounds([both, one, both]);
    expect(ds[1].post).toBeUndefined();
    expect(ds[2].post?.devices.shown.map((d) => d.deviceId)).toEqual(['pump-7']);
  });

  test('a partial result is not judged: no post, the state stays as it was', () => {
    const problem = fleet([...lockedOutDevice('pump-7')]);
    const [first] = rounds([problem]);
    const partialAllFine = fleet(churner('pump-1'), { partial: 'EngineError: one shard failed' });
    const d = decideRound(first.state, partialAllFine, now(30));
    expect(d.skipped).toBe('partial');
    expect(d.post).toBeUndefined();
    expect(d.state).toBe(first.state);
    const partialWorse = fleet([...lockedOutDevice('pump-7'), ...lockedOutDevice('pump-8')], { partial: 'EngineError' });
    expect(decideRound(first.state, partialWorse, now(30)).post).toBeUndefined();
  });

  test('a cut list (more devices with problems than rows) never claims a recovery, and a rise it cannot name is said as a count', () => {
    const a = [...lockedOutDevice('a-1'), ...lockedOutDevice('a-2'), ...lockedOutDevice('a-3')];
    // Complete before: the two devices above the old ones in a cut list are known to be new.
    const [whole] = rounds([fleet(a)]);
    const cut = fleet([...lockedOutDevice('b-1', 9), ...lockedOutDevice('b-2', 9), ...a], { maxDevices: 2 });
    expect(cut.truncated).toBe(true);
    expect(cut.devices.map((d) => d.deviceId)).toEqual(['b-1', 'b-2']);
    const named = decideRound(whole.state, cut, now(15));
    expect(named.post?.kind).toBe('worse');
    expect(named.post?.devices.shown.map((d) => d.deviceId)).toEqual(['b-1', 'b-2']);
    // Cut before too: a device missing from the old list may have been a problem all along.
    const [cutFirst] = rounds([fleet(a, { maxDevices: 2 })]);
    expect(cutFirst.state.complete).toBe(false);
    const d = decideRound(cutFirst.state, cut, now(15));
    expect(d.post?.kind).toBe('worse');
    expect(d.post?.changes).toEqual([{ type: 'count-rose', from: 3, to: 5 }]);
    expect(d.post?.devices.shown.map((x) => x.change)).toEqual(['listed', 'listed']);
    // Posted devices missing from a cut list are not taken for recovered.
    const [, later] = rounds([fleet(a), cut]);
    expect(later.post?.kind).not.toBe('recovered');
    expect(decideRound(later.state, cut, now(30)).post).toBeUndefined();
  });

  test('a big hub whose list is cut by churn alone can still recover: the totals say no device has a problem', () => {
    const [first] = rounds([fleet([...lockedOutDevice('a-1'), ...churner('c-1'), ...churner('c-2'), ...churner('c-3')], { maxDevices: 3 })]);
    expect(first.post?.devices.shown.map((d) => d.deviceId)).toEqual(['a-1']);
    const allChurn = fleet([...churner('a-1'), ...churner('c-1'), ...churner('c-2'), ...churner('c-3')], { maxDevices: 3 });
    expect(allChurn.truncated).toBe(true);
    expect(decideRound(first.state, allChurn, now(15)).post?.kind).toBe('recovered');
  });

  test('a post names at most ten devices and counts the rest', () => {
    const many = fleet(Array.from({ length: 14 }, (_, i) => lockedOutDevice(`dev-${String(i).padStart(2, '0')}`)).flat());
    const d = decideRound(undefined, many, now());
    expect(d.post?.devices.shown).toHaveLength(POST_MAX_DEVICES);
    expect(d.post?.devices.total).toBe(14);
  });

  test('every post is written into the state before it is sent, and acknowledged() clears it', () => {
    const d = decideRound(undefined, fleet(lockedOutDevice('pump-7')), now());
    expect(d.state.pending?.idempotencyKey).toBe(d.post?.idempotencyKey);
    expect(d.state.pending).not.toHaveProperty('findings');
    expect(acknowledged(d.state).pending).toBeUndefined();
  });

  test('a state of another hub is not used', () => {
    const other = { ...decideRound(undefined, fleet(lockedOutDevice('pump-7')), now()).state, hub: 'another-hub' };
    expect(decideRound(other, fleet(lockedOutDevice('pump-7')), now(15)).post?.kind).toBe('worse');
  });
});

describe('the state', () => {
  test('round-trips through JSON; anything else reads as no state', () => {
    const s = decideRound(undefined, fleet([...lockedOutDevice('pump-7'), ...churner('pump-1')]), now()).state;
    expect(parseWatchState(serializeWatchState(s))).toEqual(s);
    for (const bad of ['', 'not json', '{}', JSON.stringify({ ...s, v: 99 }), JSON.stringify({ ...s, problems: ['x'] }), JSON.stringify({ ...s, pending: { kind: 'worse' } })]) {
      expect(parseWatchState(bad)).toBeUndefined();
    }
    expect(parseWatchState(serializeWatchState(emptyState(HUB, '6h', now().toISOString())))).toBeDefined();
  });

  test('stays small with the largest lists: 500 devices with 128-character ids', () => {
    const longId = (i: number) => `${'x'.repeat(120)}-${String(i).padStart(6, '0')}`;
    const big = fleet(Array.from({ length: 500 }, (_, i) => lockedOutDevice(longId(i))).flat());
    const { state } = decideRound(undefined, big, now());
    expect(state.problems).toHaveLength(STATE_MAX_HASHES);
    const json = serializeWatchState(state);
    expect(json.length).toBeLessThan(30_000); // one Azure Table string property holds 32K characters
    expect(json).not.toContain(longId(499)); // ids beyond the first ten are kept only as hashes
  });
});

describe('properties', () => {
  propTest.prop([fleetHistories, fc.option(fleetHistories, { nil: undefined })], { numRuns: 60 })(
    'the same result twice never posts twice',
    (histories, before) => {
      const result = fleet(eventsOf(histories));
      const start = before ? decideRound(undefined, fleet(eventsOf(before)), now(-15)).state : undefined;
      const first = decideRound(start, result, now());
      const second = decideRound(first.state, result, now(15));
      expect(second.post).toBeUndefined();
    },
  );

  propTest.prop([fc.array(fleetHistories, { minLength: 2, maxLength: 5 })], { numRuns: 40 })('churn alone never posts; each post has its own key', (sequence) => {
    let state: WatchState | undefined;
    const keys: string[] = [];
    sequence.forEach((histories, i) => {
      const r = fleet(eventsOf(histories));
      const d = decideRound(state, r, now(15 * i));
      if (r.totals.credential === 0 && !state?.open) expect(d.post).toBeUndefined();
      if (d.post) keys.push(d.post.idempotencyKey);
      state = d.state;
    });
    expect(new Set(keys).size).toBe(keys.length);
  });
});
