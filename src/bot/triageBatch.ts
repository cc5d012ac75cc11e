// Pastes that reach the bot in the same turn of the event loop are triaged one after another, in one go,
// instead of each between other requests' HTTP work. Why: under load most of a triage's cost is the CPU
// fetching the engine's code and tables again after the hosting stack pushed them out of its caches; a
// triage that runs right after another finds them there (README "Load"). A lone paste waits one turn of
// the event loop (setImmediate), microseconds. Results, errors and order are each paste's own.
import { setImmediate } from 'node:timers';
import { triage } from '../triage';
import type { Triage, TriageOptions } from '../triage/types';

export interface TriageDone {
  triage: Triage;
  /** This paste's own triage time, not its wait. */
  ms: number;
}

interface Job {
  text: string;
  options: TriageOptions;
  resolve: (done: TriageDone) => void;
  reject: (err: unknown) => void;
}

/**
 * Text a batch may hold before the rest waits for the next turn: a few big pastes give other requests
 * (and timers) a turn between them, as they would have unbatched. The bot's pastes are at most 200 KB.
 */
export const BATCH_TEXT_CHARS = 256 * 1024;

export interface TriageBatcher {
  triage(text: string, options: TriageOptions): Promise<TriageDone>;
}

export function createTriageBatcher(
  run: (text: string, options: TriageOptions) => Triage = triage,
  schedule: (flush: () => void) => void = (flush) => void setImmediate(flush),
  clock: () => number = Date.now,
): TriageBatcher {
  let queue: Job[] = [];
  const flush = (): void => {
    let chars = 0;
    let k = 0;
    while (k < queue.length && (k === 0 || chars + queue[k].text.length <= BATCH_TEXT_CHARS)) chars += queue[k++].text.length;
    const jobs = queue.slice(0, k);
    queue = queue.slice(k);
    if (queue.length > 0) schedule(flush);
    for (const job of jobs) {
      const started = clock();
      try {
        const t = run(job.text, job.options);
        job.resolve({ triage: t, ms: clock() - started });
      } catch (err) {
        job.reject(err);
      }
    }
  };
  return {
    triage(text, options) {
      return new Promise<TriageDone>((resolve, reject) => {
        if (queue.length === 0) schedule(flush);
        queue.push({ text, options, resolve, reject });
      });
    },
  };
}
