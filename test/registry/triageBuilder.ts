// Hand-built Triage objects for the registry tests: the engine is written in parallel, so these tests
// describe the contract (types.ts), not whatever the engine emits today.
import { createHash, createHmac } from 'node:crypto';
import type { ConnectionStringInfo, DeviceSummary, Finding, FindingDetails, FindingKind, SasTokenInfo, Triage } from '../../src/triage/types';
import { finalizeTriage } from '../../src/triage/verdict';

export const NOW = '2025-06-02T09:30:00.000Z';

export function finding(kind: FindingKind, deviceId: string | undefined, details: FindingDetails = {}, extra: Partial<Finding> = {}): Finding {
  return { kind, ...(deviceId ? { deviceId } : {}), evidence: [], details, source: 'paste', ...extra };
}

export function summary(deviceId: string, extra: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    deviceId,
    verdict: 'inconclusive',
    kinds: [],
    counts: { unauthorized: 0, closedRemotely: 0, connected: 0, otherErrors: 0 },
    endsWith: 'unknown',
    episodes: [],
    churnEpisodes: 0,
    ...extra,
  };
}

export interface TriageParts {
  findings?: Finding[];
  devices?: DeviceSummary[];
  deviceIds?: string[];
  sasTokens?: SasTokenInfo[];
  connectionStrings?: ConnectionStringInfo[];
}

/** A Triage as the engine would hand it over: verdicts already computed from the findings. */
export function makeTriage(parts: TriageParts = {}): Triage {
  const findings = parts.findings ?? [];
  const devices = parts.devices ?? [...new Set(findings.map((f) => f.deviceId).filter((d): d is string => !!d))].map((d) => summary(d));
  return finalizeTriage({
    verdict: 'inconclusive',
    findings,
    devices,
    recognised: {
      shapes: [],
      records: 0,
      codes: [],
      hubs: [],
      deviceIds: parts.deviceIds ?? [],
      sasTokens: parts.sasTokens ?? [],
      connectionStrings: parts.connectionStrings ?? [],
    },
    notes: [],
    kql: '',
    input: { bytes: 0, lines: 0, truncated: false, secretsRedacted: 0 },
    now: NOW,
  });
}

/**
 * A device SAS token made the documented way (IoT Hub security docs):
 * sig = base64(HMAC-SHA256(base64decode(key), urlencode(lower(resourceUri)) + "\n" + expiry)),
 * plus the SasTokenInfo the engine derives from it (never the signature, only its SHA-256).
 */
export function deviceSasToken(opts: { hub: string; deviceId: string; moduleId?: string; key: string; expiry: number; policy?: string; line?: number; lowerCase?: boolean }): {
  token: string;
  info: SasTokenInfo;
} {
  const resourceUri = `${opts.hub}.azure-devices.net/devices/${opts.deviceId}${opts.moduleId ? `/modules/${opts.moduleId}` : ''}`;
  const signed = opts.lowerCase === false ? resourceUri : resourceUri.toLowerCase();
  const sig = createHmac('sha256', Buffer.from(opts.key, 'base64')).update(`${encodeURIComponent(signed)}\n${opts.expiry}`).digest('base64');
  const token = `SharedAccessSignature sr=${encodeURIComponent(resourceUri)}&sig=${encodeURIComponent(sig)}&se=${opts.expiry}${opts.policy ? `&skn=${opts.policy}` : ''}`;
  const info: SasTokenInfo = {
    line: opts.line ?? 1,
    resourceUri,
    hub: opts.hub,
    deviceId: opts.deviceId,
    ...(opts.moduleId ? { moduleId: opts.moduleId } : {}),
    scope: opts.moduleId ? 'module' : 'device',
    ...(opts.policy ? { policy: opts.policy } : {}),
    expiresAt: new Date(opts.expiry * 1000).toISOString(),
    signatureSha256: createHash('sha256').update(sig).digest('hex'),
    // What the engine records: always the documented lower-cased form.
    stringToSign: `${encodeURIComponent(resourceUri.toLowerCase())}\n${opts.expiry}`,
  };
  return { token, info };
}
