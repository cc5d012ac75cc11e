// Findings a paste proves outside any timeline: expired SAS tokens, tokens scoped to another device or
// presented with the wrong policy, and secrets that were pasted at all.
import { clip } from './events';
import type { FindingSet } from './findings';
import type { Redaction } from './redact';
import { REDACTED } from './redact';
import type { ConnectionStringInfo, Evidence, SasTokenInfo } from './types';

/** `lineAt(n)`: the redacted text of line n (1-based) of a line that holds a token or a connection string. */
export function tokenFindings(findings: FindingSet, sasTokens: SasTokenInfo[], connectionStrings: ConnectionStringInfo[], lineAt: (n: number) => string, now: Date): void {
  const lineText = (n: number) => clip(lineAt(n));
  for (const tok of sasTokens) {
    if (!tok.expired) continue;
    const minutes = tok.expiresAt ? Math.round((now.getTime() - Date.parse(tok.expiresAt)) / 60_000) : undefined;
    findings.add(
      'sas-token-expired',
      { deviceId: tok.deviceId, moduleId: tok.moduleId, hub: tok.hub },
      { expiresAt: tok.expiresAt, expiredMinutesAgo: minutes, policy: tok.policy, scope: tok.scope, resourceUri: tok.resourceUri, presentedAuthType: 'sas' },
      [{ line: tok.line, text: lineText(tok.line) }],
    );
  }
  // A token whose sr names another device than the connection string it sits in.
  for (const cs of connectionStrings) {
    const tok = sasTokens.find((t) => t.line === cs.line && t.deviceId);
    if (tok && cs.deviceId && tok.deviceId !== cs.deviceId) {
      findings.add('sas-token-wrong-scope', { deviceId: cs.deviceId, hub: cs.hub }, { resourceUri: tok.resourceUri, scope: tok.scope, otherDeviceId: tok.deviceId }, [{ line: cs.line, text: lineText(cs.line) }]);
    }
  }
  // A service-policy token presented as a device's MQTT password (username "<host>/<device>/?api-version=…").
  for (const tok of sasTokens) {
    if (tok.scope !== 'service' && tok.scope !== 'hub') continue;
    const user = /\.azure-devices\.net\/([A-Za-z0-9][A-Za-z0-9\-._%*?!@$]{0,127})\/\?api-version/i.exec(lineAt(tok.line));
    if (user) {
      findings.add('sas-token-wrong-scope', { deviceId: user[1], hub: tok.hub }, { resourceUri: tok.resourceUri, scope: tok.scope, policy: tok.policy, presentedAuthType: 'sas' }, [{ line: tok.line, text: lineText(tok.line) }]);
    }
  }
}

/** The first lines (up to five) where something was redacted, as evidence; `from` numbers the first line. */
export function redactedLines(lines: string[], from: number, into: Evidence[]): void {
  for (let i = 0; i < lines.length && into.length < 5; i++) if (lines[i].includes(REDACTED)) into.push({ line: from + i, text: lines[i].trim().slice(0, 300) });
}

export function secretFinding(findings: FindingSet, redaction: Pick<Redaction, 'count' | 'kinds'>, evidence: Evidence[], sasTokens: SasTokenInfo[], connectionStrings: ConnectionStringInfo[]): void {
  if (redaction.count === 0) return;
  const cs = connectionStrings[0];
  const tok = sasTokens[0];
  findings.add('secret-exposed', { deviceId: cs?.deviceId ?? tok?.deviceId, hub: cs?.hub ?? tok?.hub }, { secretKinds: redaction.kinds, count: redaction.count, policy: cs?.policy ?? tok?.policy }, evidence);
}
