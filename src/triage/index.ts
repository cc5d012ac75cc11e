// Public entry of the pure triage engine: text and `now` in, Triage out. No I/O, no clock.
import { runTriage } from './engine';
import type { Triage, TriageOptions } from './types';
export * from './types';
export { DEFAULT_MAX_BYTES, TriageStream } from './engine';
export { redact, containsSecret, REDACTED } from './redact';
export { finalizeTriage, overallVerdict, verdictForKinds, kindCategory } from './verdict';

export function triage(text: string, options: TriageOptions): Triage {
  return runTriage(typeof text === 'string' ? text : String(text ?? ''), options);
}
