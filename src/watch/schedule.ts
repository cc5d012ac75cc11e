// When a watch runs. Each watch has its own phase within its period (from a hash of conversation and
// hub), so watches created together do not all query Log Analytics in the same minute. Pure.
import { createHash } from 'node:crypto';
import type { Watch, WatchEveryMinutes } from './port';

const PERIODS: readonly WatchEveryMinutes[] = [15, 30, 60];

export function periodMs(w: Pick<Watch, 'everyMinutes'>): number {
  return (PERIODS.includes(w.everyMinutes) ? w.everyMinutes : 60) * 60_000;
}

/** The watch's offset within its period, stable across restarts and instances. */
export function phaseMs(w: Pick<Watch, 'conversationId' | 'hub' | 'everyMinutes'>): number {
  const h = createHash('sha256').update(`${w.conversationId}\n${w.hub}`, 'utf8').digest();
  return h.readUInt32BE(0) % periodMs(w);
}

/**
 * The next run after the last one: the watch's first slot (k × period + phase) at least half a period
 * later, so runs settle exactly one period apart at the watch's own phase. Never run: now.
 */
export function nextRunAt(w: Watch): number | undefined {
  const last = w.lastRunAt ? Date.parse(w.lastRunAt) : NaN;
  if (!Number.isFinite(last)) return undefined;
  const period = periodMs(w);
  const phase = phaseMs(w);
  const k = Math.ceil((last + period / 2 - phase) / period);
  return k * period + phase;
}

export function isDue(w: Watch, now: Date): boolean {
  const next = nextRunAt(w);
  return next === undefined || now.getTime() >= next;
}
