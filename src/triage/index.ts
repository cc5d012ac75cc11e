// Public entry of the pure triage engine. STUB while issue 2 is in progress: signature is final.
import type { Triage, TriageOptions } from './types';
export * from './types';

export function triage(text: string, options: TriageOptions): Triage {
  return {
    verdict: 'inconclusive',
    findings: [],
    devices: [],
    recognised: { shapes: [], records: 0, codes: [], hubs: [], deviceIds: [], sasTokens: [], connectionStrings: [] },
    notes: [],
    kql: '',
    input: { bytes: Buffer.byteLength(text), lines: text.split('\n').length, truncated: false, secretsRedacted: 0 },
    now: options.now.toISOString(),
  };
}
