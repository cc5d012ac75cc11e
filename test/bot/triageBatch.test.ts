// Pastes that arrive together are triaged together (one flush per turn of the event loop), each with its
// own result, error and time; a batch gives way after BATCH_TEXT_CHARS of text.
import { BATCH_TEXT_CHARS, createTriageBatcher } from '../../src/bot/triageBatch';
import { triage } from '../../src/triage';
import type { Triage, TriageOptions } from '../../src/triage/types';
import { NOW } from './fakes';
import { CHURN_LOG, THUMBPRINT_LOG } from './samples';

const OPTIONS: TriageOptions = { now: NOW };

/** A scheduler the test runs by hand, and a fake engine that records what it read (and can fail). */
function harness() {
  const flushes: (() => void)[] = [];
  const read: string[] = [];
  let clock = 0;
  const run = (text: string): Triage => {
    read.push(text);
    clock += 5; // each triage takes 5 "ms" of the fake clock
    if (text === 'bad') throw new Error('engine failed on this one');
    return { verdict: 'inconclusive', text } as unknown as Triage;
  };
  const batcher = createTriageBatcher(run, (flush) => void flushes.push(flush), () => clock);
  const runNext = () => flushes.shift()!();
  return { batcher, flushes, read, runNext, wait: (ms: number) => (clock += ms) };
}

describe('createTriageBatcher', () => {
  it('runs the pastes queued in one turn in one flush, in arrival order, each answered with its own triage', async () => {
    const h = harness();
    const answers = ['a', 'b', 'c'].map((t) => h.batcher.triage(t, OPTIONS));
    expect(h.flushes).toHaveLength(1);
    expect(h.read).toEqual([]); // nothing runs until the flush
    h.runNext();
    expect(h.read).toEqual(['a', 'b', 'c']);
    const done = await Promise.all(answers);
    expect(done.map((d) => (d.triage as unknown as { text: string }).text)).toEqual(['a', 'b', 'c']);
  });

  it("reports each paste's own triage time, not its wait in the queue or its batch's", async () => {
    const h = harness();
    const answers = ['a', 'b', 'c'].map((t) => h.batcher.triage(t, OPTIONS));
    h.wait(100);
    h.runNext();
    expect((await Promise.all(answers)).map((d) => d.ms)).toEqual([5, 5, 5]);
  });

  it('a paste whose triage throws fails alone; the rest of its batch is answered', async () => {
    const h = harness();
    const [a, bad, c] = ['a', 'bad', 'c'].map((t) => h.batcher.triage(t, OPTIONS));
    h.runNext();
    await expect(bad).rejects.toThrow('engine failed on this one');
    expect((await a).triage).toMatchObject({ text: 'a' });
    expect((await c).triage).toMatchObject({ text: 'c' });
  });

  it('a paste after a flush starts the next batch', async () => {
    const h = harness();
    const first = h.batcher.triage('a', OPTIONS);
    h.runNext();
    await first;
    const second = h.batcher.triage('b', OPTIONS);
    expect(h.flushes).toHaveLength(1);
    h.runNext();
    expect((await second).triage).toMatchObject({ text: 'b' });
  });

  it('gives way after BATCH_TEXT_CHARS: the rest waits for the next turn, and a paste bigger than that still runs', async () => {
    const h = harness();
    const third = Math.floor(BATCH_TEXT_CHARS / 3) + 1; // two fit, the third does not
    const texts = ['x'.repeat(BATCH_TEXT_CHARS + 10), 'p'.repeat(third), 'q'.repeat(third), 'r'.repeat(third)];
    const answers = texts.map((t) => h.batcher.triage(t, OPTIONS));
    h.runNext();
    expect(h.read).toEqual([texts[0]]); // alone over the limit: runs, and alone
    expect(h.flushes).toHaveLength(1);
    h.runNext();
    expect(h.read).toEqual(texts.slice(0, 3));
    expect(h.flushes).toHaveLength(1);
    h.runNext();
    expect(h.read).toEqual(texts);
    expect(h.flushes).toHaveLength(0);
    await Promise.all(answers);
  });

  it('by default flushes on the next turn of the event loop, after the promise callbacks of this one', async () => {
    const read: string[] = [];
    const batcher = createTriageBatcher((text) => (read.push(text), triage(text, OPTIONS)));
    const answers = [batcher.triage('a', OPTIONS), batcher.triage('b', OPTIONS)];
    await Promise.resolve();
    await Promise.resolve();
    expect(read).toEqual([]); // not a microtask: pastes from other requests' callbacks in this turn still join
    await Promise.all(answers);
    expect(read).toEqual(['a', 'b']);
  });

  it('by default runs the real engine: the same triage as calling it directly', async () => {
    const batcher = createTriageBatcher();
    const [churn, thumb] = await Promise.all([batcher.triage(CHURN_LOG, OPTIONS), batcher.triage(THUMBPRINT_LOG, OPTIONS)]);
    expect(churn.triage).toEqual(triage(CHURN_LOG, OPTIONS));
    expect(thumb.triage).toEqual(triage(THUMBPRINT_LOG, OPTIONS));
    expect(churn.triage.verdict).not.toBe(thumb.triage.verdict);
  });
});
