// A trimmed Triage small enough to ride in an Action.Execute `data` payload, so a stateless bot can
// answer "Explain" later without keeping the paste. Everything is re-redacted on the way out.
import { redact } from '../triage/redact';
import type { ChurnEpisode, DeviceSummary, Finding, FindingDetails, Note, Recognised, Triage } from '../triage/types';
import { topDevices, topFindings } from './severity';
import { truncate } from './text';

export const COMPACT_MAX_BYTES = 12 * 1024;

interface Budget {
  findings: number;
  evidence: number;
  devices: number;
  episodes: number;
  chars: number;
  kql: number;
  notes: number;
  list: number;
}

// Tried in order until the JSON fits; the first one is the contract's ceiling.
const BUDGETS: readonly Budget[] = [
  { findings: 20, evidence: 2, devices: 20, episodes: 5, chars: 160, kql: 1500, notes: 10, list: 10 },
  { findings: 12, evidence: 1, devices: 10, episodes: 3, chars: 120, kql: 600, notes: 6, list: 5 },
  { findings: 6, evidence: 1, devices: 5, episodes: 2, chars: 80, kql: 0, notes: 4, list: 3 },
  { findings: 2, evidence: 0, devices: 2, episodes: 0, chars: 60, kql: 0, notes: 2, list: 1 },
];

function clip(s: string | undefined, n: number): string | undefined {
  if (s === undefined) return undefined;
  return truncate(redact(String(s)).text, n);
}

/** Clip every string field of a flat record (details, connection-string info, codes). */
function clipFields<T extends object>(d: T | undefined, n: number): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d ?? {})) {
    if (v === undefined) continue;
    out[k] = typeof v === 'string' ? clip(v, n) : v;
  }
  return out as T;
}

function compactFinding(f: Finding, b: Budget): Finding {
  return {
    kind: f.kind,
    ...(f.deviceId !== undefined && { deviceId: clip(f.deviceId, b.chars) }),
    ...(f.moduleId !== undefined && { moduleId: clip(f.moduleId, b.chars) }),
    ...(f.hub !== undefined && { hub: clip(f.hub, b.chars) }),
    evidence: (f.evidence ?? []).slice(0, b.evidence).map((e) => ({ line: e.line, text: clip(e.text, b.chars) ?? '' })),
    details: clipFields<FindingDetails>(f.details, b.chars),
    source: f.source,
  };
}

function compactDevice(d: DeviceSummary, b: Budget): DeviceSummary {
  const episodes: ChurnEpisode[] = (d.episodes ?? []).slice(0, b.episodes);
  return {
    ...d,
    deviceId: clip(d.deviceId, b.chars) ?? '',
    ...(d.moduleId !== undefined && { moduleId: clip(d.moduleId, b.chars) }),
    ...(d.hub !== undefined && { hub: clip(d.hub, b.chars) }),
    ...(d.protocol !== undefined && { protocol: clip(d.protocol, b.chars) }),
    ...(d.sdk !== undefined && { sdk: clip(d.sdk, b.chars) }),
    kinds: [...(d.kinds ?? [])],
    episodes,
    ...(d.registry && { registry: { ...d.registry, statusReason: clip(d.registry.statusReason, b.chars) } }),
  };
}

function compactRecognised(r: Recognised, b: Budget): Recognised {
  const list = <T>(xs: readonly T[] | undefined): T[] => (xs ?? []).slice(0, b.list);
  return {
    shapes: [...(r?.shapes ?? [])],
    records: r?.records ?? 0,
    codes: list(r?.codes).map((c) => clipFields(c, b.chars)),
    hubs: list(r?.hubs).map((h) => clip(h, b.chars) ?? ''),
    deviceIds: list(r?.deviceIds).map((h) => clip(h, b.chars) ?? ''),
    // The signature fingerprint and string-to-sign serve key checks only; an explanation needs neither.
    sasTokens: list(r?.sasTokens).map((t) => {
      const { signatureSha256: _sig, stringToSign: _sts, ...rest } = t;
      return clipFields(rest, b.chars);
    }),
    connectionStrings: list(r?.connectionStrings).map((c) => clipFields(c, b.chars)),
  };
}

function compactNote(n: Note, b: Budget): Note {
  if (!n.params) return { code: n.code };
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.params)) params[k] = typeof v === 'string' ? (clip(v, b.chars) ?? '') : v;
  return { code: n.code, params };
}

function withBudget(t: Triage, b: Budget): Triage {
  return {
    verdict: t.verdict,
    findings: topFindings(t.findings ?? [], b.findings).map((f) => compactFinding(f, b)),
    devices: topDevices(t.devices ?? [], b.devices).map((d) => compactDevice(d, b)),
    recognised: compactRecognised(t.recognised, b),
    notes: (t.notes ?? []).slice(0, b.notes).map((n) => compactNote(n, b)),
    kql: b.kql > 0 ? (clip(t.kql, b.kql) ?? '') : '',
    input: { ...t.input },
    now: t.now,
  };
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Same type, trimmed: ≤ 20 findings, ≤ 2 evidence each, ≤ 20 devices, ≤ 5 episodes each; JSON ≤ 12 KB. */
export function compactTriage(triage: Triage): Triage {
  for (const b of BUDGETS) {
    const compact = withBudget(triage, b);
    if (jsonBytes(compact) <= COMPACT_MAX_BYTES) return compact;
  }
  // Pathological input that no budget fits: keep only the verdict's frame.
  return withBudget(triage, { findings: 0, evidence: 0, devices: 0, episodes: 0, chars: 40, kql: 0, notes: 0, list: 0 });
}
