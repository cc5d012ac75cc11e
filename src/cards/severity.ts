// Ordering and colour per verdict. Colour is paired with words everywhere (strings.status), never alone.
import { kindCategory } from '../triage/verdict';
import type { DeviceSummary, Finding, Verdict } from '../triage/types';

export type ContainerStyle = 'good' | 'attention' | 'warning' | 'accent' | 'default';
export type TextColor = 'Good' | 'Attention' | 'Warning' | 'Accent' | 'Default';

const STYLE: Record<Verdict, ContainerStyle> = {
  'token-expiry-churn': 'good',
  'credential-problem': 'attention',
  mixed: 'warning',
  'not-auth-related': 'accent',
  inconclusive: 'default',
};
const COLOR: Record<ContainerStyle, TextColor> = {
  good: 'Good',
  attention: 'Attention',
  warning: 'Warning',
  accent: 'Accent',
  default: 'Default',
};

export function verdictStyle(v: Verdict): ContainerStyle {
  return STYLE[v] ?? 'default';
}
export function verdictColor(v: Verdict): TextColor {
  return COLOR[verdictStyle(v)];
}

const VERDICT_RANK: Record<Verdict, number> = {
  'credential-problem': 0,
  mixed: 1,
  'not-auth-related': 2,
  inconclusive: 3,
  'token-expiry-churn': 4,
};
const CATEGORY_RANK = { credential: 0, other: 1, benign: 2, advisory: 3 } as const;

/** Most severe first: credential problems, then by how many 401003s, then by id (stable output). */
export function byDeviceSeverity(a: DeviceSummary, b: DeviceSummary): number {
  return (
    (VERDICT_RANK[a.verdict] ?? 9) - (VERDICT_RANK[b.verdict] ?? 9) ||
    (b.counts?.unauthorized ?? 0) - (a.counts?.unauthorized ?? 0) ||
    (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0)
  );
}

export function findingRank(f: Finding): number {
  return CATEGORY_RANK[kindCategory(f.kind)] ?? 9;
}

/**
 * The `n` most severe findings, one of each kind before a second of any kind, so a short list still
 * shows every kind of problem (10 000 churn findings must not hide one thumbprint mismatch).
 */
export function topFindings(findings: readonly Finding[], n: number): Finding[] {
  if (n <= 0) return [];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.kind);
    if (!list) groups.set(f.kind, [f]);
    else if (list.length < n) list.push(f);
  }
  const ordered = [...groups.values()].sort((a, b) => findingRank(a[0]) - findingRank(b[0]));
  const out: Finding[] = [];
  for (let i = 0; out.length < n; i++) {
    let added = false;
    for (const g of ordered) {
      if (i < g.length && out.length < n) {
        out.push(g[i]);
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}

/** The `n` most severe devices. */
export function topDevices(devices: readonly DeviceSummary[], n: number): DeviceSummary[] {
  return [...devices].sort(byDeviceSeverity).slice(0, Math.max(0, n));
}
