// The bot's resend dedupe: this process's memory first, then the shared store; a failing or hanging store
// degrades to memory only, logged once when it goes and once when it comes back. (The table store itself is
// tested against Azurite in test/watch and test/e2e/sharedDedupe.test.ts; here its answers are scripted.)
import { ActivityDedupe } from '../../src/bot/activityDedupe';
import type { SharedDedupe } from '../../src/watch/port';
import { captureLogs } from './fakes';

class ScriptedShared implements SharedDedupe {
  readonly calls: string[] = [];
  constructor(public behaviour: 'first' | 'seen' | 'fail' | 'hang') {}
  firstSeen(key: string): Promise<boolean> {
    this.calls.push(key);
    if (this.behaviour === 'fail') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'RestError', code: 'ECONNREFUSED' }));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    return Promise.resolve(this.behaviour === 'first');
  }
}

describe('ActivityDedupe', () => {
  it('without a shared store: memory only', async () => {
    const d = new ActivityDedupe({ logger: captureLogs().logger });
    expect(await d.isRepeat('c|1')).toBe(false);
    expect(await d.isRepeat('c|1')).toBe(true);
    expect(await d.isRepeat('c|2')).toBe(false);
  });

  it('asks the shared store only when memory has not seen the key, and follows its answer', async () => {
    const shared = new ScriptedShared('first');
    const d = new ActivityDedupe({ shared, logger: captureLogs().logger });
    expect(await d.isRepeat('c|1')).toBe(false);
    expect(await d.isRepeat('c|1')).toBe(true);
    expect(shared.calls).toEqual(['c|1']);
    shared.behaviour = 'seen'; // another instance took c|2
    expect(await d.isRepeat('c|2')).toBe(true);
  });

  it('a failing store: the activity counts as new, logged once without the error message; restored is logged too', async () => {
    const logs = captureLogs();
    const shared = new ScriptedShared('fail');
    const d = new ActivityDedupe({ shared, sharedRetryAfterMs: 0, logger: logs.logger });
    expect(await d.isRepeat('c|1')).toBe(false);
    expect(await d.isRepeat('c|2')).toBe(false);
    expect(await d.isRepeat('c|1')).toBe(true); // memory still drops this process's resends
    const down = logs.lines().filter((l) => l.event === 'dedupe-shared-unavailable');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ error: 'RestError', code: 'ECONNREFUSED' });
    expect(logs.raw()).not.toContain('127.0.0.1:1');
    shared.behaviour = 'seen';
    expect(await d.isRepeat('c|3')).toBe(true);
    expect(logs.lines().filter((l) => l.event === 'dedupe-shared-restored')).toHaveLength(1);
  });

  it('after a failure the store is left alone for a while: later turns do not wait for it', async () => {
    const shared = new ScriptedShared('fail');
    const d = new ActivityDedupe({ shared, logger: captureLogs().logger });
    expect(await d.isRepeat('c|1')).toBe(false);
    shared.behaviour = 'seen';
    expect(await d.isRepeat('c|2')).toBe(false);
    expect(await d.isRepeat('c|3')).toBe(false);
    expect(shared.calls).toEqual(['c|1']);
  });

  it('a store that does not answer within the budget: the turn goes on as if the activity were new', async () => {
    const logs = captureLogs();
    const d = new ActivityDedupe({ shared: new ScriptedShared('hang'), sharedBudgetMs: 20, logger: logs.logger });
    expect(await d.isRepeat('c|1')).toBe(false);
    expect(logs.lines().find((l) => l.event === 'dedupe-shared-unavailable')).toMatchObject({ error: 'TimedOut' });
  });
});
