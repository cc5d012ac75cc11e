// Plain-text fleet report for the terminal. Pure.
import type { Lang } from '../triage/types';
import { bucketOf } from './summaries';
import type { FleetDevice, FleetFailure, FleetOutcome } from './types';

const L = {
  en: {
    hub: (h: string, s: string) => `Hub ${h} · last ${s}`,
    drill: (d: string) => `Device ${d}`,
    totals: (n: number) => `${n} device(s) with Connections logs`,
    credential: 'credential problem',
    churn: 'token-expiry churn (benign)',
    other: 'other IoT Hub errors',
    fine: 'fine',
    worst: 'Credential problems, worst first',
    otherList: 'Other IoT Hub errors',
    churnLine: (n: number, life?: number, rec?: number) =>
      `Churn: ${n} device(s)${life !== undefined ? `, typical token lifetime ≈ ${life} min` : ''}${rec !== undefined ? `, typical reconnect ≈ ${rec} s` : ''}`,
    counts: (d: FleetDevice) =>
      `401003 ×${d.summary.unauthorized} (after last connect ×${d.summary.trailing}), 404104 ×${d.summary.closedRemotely}, connects ×${d.summary.connected}`,
    truncated: (shown: number) => `Only the worst ${shown} devices are listed; the totals count all of them.`,
    partial: (m: string) => `Partial result: ${m}`,
    empty: 'No Connections logs for this hub in that window. Is the hub\'s diagnostic setting sending "Connections" to this workspace?',
    query: 'KQL (Log Analytics)',
    failed: { 'not-configured': 'Not configured', unauthorized: 'Not allowed', throttled: 'Throttled', timeout: 'Timed out', 'bad-request': 'Query refused', error: 'Failed' } as Record<FleetFailure, string>,
  },
  nl: {
    hub: (h: string, s: string) => `Hub ${h} · afgelopen ${s}`,
    drill: (d: string) => `Apparaat ${d}`,
    totals: (n: number) => `${n} apparaat/apparaten met Connections-logs`,
    credential: 'probleem met referenties',
    churn: 'token-verloop (onschuldig)',
    other: 'andere IoT Hub-fouten',
    fine: 'in orde',
    worst: 'Problemen met referenties, ernstigste eerst',
    otherList: 'Andere IoT Hub-fouten',
    churnLine: (n: number, life?: number, rec?: number) =>
      `Token-verloop: ${n} apparaat/apparaten${life !== undefined ? `, tokenlevensduur ≈ ${life} min` : ''}${rec !== undefined ? `, herverbinding ≈ ${rec} s` : ''}`,
    counts: (d: FleetDevice) =>
      `401003 ×${d.summary.unauthorized} (na laatste verbinding ×${d.summary.trailing}), 404104 ×${d.summary.closedRemotely}, verbindingen ×${d.summary.connected}`,
    truncated: (shown: number) => `Alleen de ${shown} ernstigste apparaten staan in de lijst; de totalen tellen ze allemaal.`,
    partial: (m: string) => `Gedeeltelijk resultaat: ${m}`,
    empty: 'Geen Connections-logs voor deze hub in dat venster. Stuurt de diagnostische instelling van de hub "Connections" naar deze werkruimte?',
    query: 'KQL (Log Analytics)',
    failed: { 'not-configured': 'Niet ingesteld', unauthorized: 'Geen toegang', throttled: 'Afgeremd', timeout: 'Time-out', 'bad-request': 'Query geweigerd', error: 'Mislukt' } as Record<FleetFailure, string>,
  },
} as const;

function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function deviceLine(d: FleetDevice, lang: Lang): string {
  const t = L[lang];
  const kinds = d.kinds.length ? ` [${d.kinds.join(', ')}]` : '';
  const desc = d.topDescriptions[0] ? ` — "${d.topDescriptions[0].description.slice(0, 120)}" ×${d.topDescriptions[0].count}` : '';
  return `- ${d.deviceId}: ${d.verdict}${kinds}; ${t.counts(d)}${desc}`;
}

export function fleetTextReport(outcome: FleetOutcome, lang: Lang = 'en'): string {
  const t = L[lang] ?? L.en;
  if (!outcome.ok) return `${t.failed[outcome.reason] ?? t.failed.error}: ${outcome.message}`;
  const r = outcome.result;
  const out: string[] = [r.deviceId !== undefined ? `${t.hub(r.hub, r.since)} · ${t.drill(r.deviceId)}` : t.hub(r.hub, r.since)];
  if (r.partial) out.push(t.partial(r.partial.message));
  if (r.totals.devices === 0) {
    out.push(t.empty, '', `${t.query}:`, r.query);
    return out.join('\n');
  }
  const T = r.totals;
  out.push(`${t.totals(T.devices)}: ${t.credential} ${T.credential} · ${t.churn} ${T.churn} · ${t.other} ${T.other} · ${t.fine} ${T.fine}`);
  if (r.truncated) out.push(t.truncated(r.devices.length));
  const credential = r.devices.filter((d) => bucketOf(d.verdict) === 'credential');
  if (credential.length) {
    out.push('', `${t.worst}:`);
    for (const d of credential.slice(0, 50)) out.push(deviceLine(d, lang));
    if (credential.length > 50) out.push(`- … +${credential.length - 50}`);
  }
  const other = r.devices.filter((d) => bucketOf(d.verdict) === 'other');
  if (other.length) {
    out.push('', `${t.otherList}:`);
    for (const d of other.slice(0, 20)) out.push(deviceLine(d, lang));
    if (other.length > 20) out.push(`- … +${other.length - 20}`);
  }
  const churn = r.devices.filter((d) => bucketOf(d.verdict) === 'churn');
  if (churn.length) {
    const life = median(churn.map((d) => d.summary.medianIntervalMinutes).filter((x): x is number => x !== undefined));
    const rec = median(churn.map((d) => d.summary.medianReconnectSeconds).filter((x): x is number => x !== undefined));
    out.push('', t.churnLine(T.churn, life !== undefined ? Math.round(life) : undefined, rec !== undefined ? Math.round(rec * 10) / 10 : undefined));
  }
  if (r.deviceId !== undefined) for (const d of r.devices) if (bucketOf(d.verdict) === 'churn' || bucketOf(d.verdict) === 'fine') out.push(deviceLine(d, lang));
  out.push('', `${t.query}:`, r.query);
  return out.join('\n');
}
