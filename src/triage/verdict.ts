// The verdict is a pure function of the findings (design.md). Devices are judged one by one first,
// so a paste where some devices churn and others are locked out reads as `mixed`.
import type { DeviceSummary, Finding, FindingKind, Triage, Verdict } from './types';

export type KindCategory = 'benign' | 'credential' | 'advisory' | 'other';

const CATEGORY: Record<FindingKind, KindCategory> = {
  'token-expiry-churn': 'benign',
  'unrecovered-unauthorized': 'credential',
  'authorization-header-missing': 'credential',
  'device-not-registered': 'credential',
  'authorization-rule-denied': 'credential',
  'authentication-failed': 'credential',
  'thumbprint-mismatch': 'credential',
  'sas-signature-invalid': 'credential',
  'sas-token-expired': 'credential',
  'sas-token-wrong-scope': 'credential',
  'credentials-rejected': 'credential',
  'rbac-permission-missing': 'credential',
  'device-disabled': 'credential',
  'auth-type-mismatch': 'credential',
  'clock-skew': 'credential',
  'secret-exposed': 'advisory',
  'other-iothub-error': 'other',
  'device-in-other-hub': 'credential',
};

export function kindCategory(kind: FindingKind): KindCategory {
  return CATEGORY[kind];
}

/** Verdict for one device (or for the findings that name no device) from its finding kinds. */
export function verdictForKinds(kinds: Iterable<FindingKind>): Verdict {
  let benign = false;
  let other = false;
  for (const k of kinds) {
    const c = CATEGORY[k];
    if (c === 'credential') return 'credential-problem';
    if (c === 'benign') benign = true;
    if (c === 'other') other = true;
  }
  if (benign) return 'token-expiry-churn';
  if (other) return 'not-auth-related';
  return 'inconclusive';
}

function deviceKey(f: Pick<Finding, 'deviceId' | 'moduleId'>): string {
  return f.deviceId === undefined ? '' : f.moduleId ? `${f.deviceId}/${f.moduleId}` : f.deviceId;
}

/** Overall verdict: each device (and the device-less findings as one group) is judged, then combined. */
export function overallVerdict(findings: readonly Finding[]): Verdict {
  const groups = new Map<string, FindingKind[]>();
  for (const f of findings) {
    const key = deviceKey(f);
    const list = groups.get(key);
    if (list) list.push(f.kind);
    else groups.set(key, [f.kind]);
  }
  let credential = false;
  let churn = false;
  let other = false;
  for (const kinds of groups.values()) {
    const v = verdictForKinds(kinds);
    if (v === 'credential-problem') credential = true;
    else if (v === 'token-expiry-churn') churn = true;
    else if (v === 'not-auth-related') other = true;
  }
  if (credential && churn) return 'mixed';
  if (credential) return 'credential-problem';
  if (churn) return 'token-expiry-churn';
  if (other) return 'not-auth-related';
  return 'inconclusive';
}

/** Recompute each device's kinds and verdict, and the overall verdict, from the findings. */
export function finalizeTriage(t: Triage): Triage {
  const byDevice = new Map<string, Set<FindingKind>>();
  for (const f of t.findings) {
    const key = deviceKey(f);
    if (!key) continue;
    let set = byDevice.get(key);
    if (!set) byDevice.set(key, (set = new Set()));
    set.add(f.kind);
  }
  const devices: DeviceSummary[] = t.devices.map((d) => {
    const kinds = [...(byDevice.get(deviceKey(d)) ?? [])];
    return Object.assign({}, d, { kinds, verdict: verdictForKinds(kinds) });
  });
  return Object.assign({}, t, { devices, verdict: overallVerdict(t.findings) });
}
