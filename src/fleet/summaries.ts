// Rows of the fleet query -> per-device verdicts. Pure. The ruling is the engine's own: each row becomes
// a DeviceConnectionSummary judged by ruleOnDevice, credential messages are named by matchMessage and
// error codes by codeInfo, and the verdict comes from verdictForKinds, exactly as for a pasted log.
import { codeInfo } from '../triage/codes';
import { ruleOnDevice, type DeviceConnectionSummary } from '../triage/deviceRules';
import { FLEET_MAX_DEVICES } from '../triage/fleetKql';
import { matchMessage } from '../triage/messages';
import { redact } from '../triage/redact';
import type { FindingKind, Verdict } from '../triage/types';
import { kindCategory, verdictForKinds } from '../triage/verdict';
import type { FleetDevice, FleetResult, FleetTotals } from './types';

/** A result table, column names and rows, whatever client produced it. */
export interface FleetTable {
  columns: string[];
  rows: unknown[][];
}

type Row = Record<string, unknown>;

export interface FleetContext {
  hub: string;
  since: string;
  query: string;
  deviceId?: string;
  partial?: { message: string };
  maxDevices?: number;
}

function count(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function real(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function iso(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : undefined;
  if (typeof v === 'string' && v) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
  }
  return undefined;
}

function rowsOf(table: FleetTable): Row[] {
  const cols = Array.isArray(table?.columns) ? table.columns : [];
  const rows = Array.isArray(table?.rows) ? table.rows : [];
  return rows.filter(Array.isArray).map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i]])));
}

interface Description {
  description: string;
  code: string;
  count: number;
  credential: boolean;
}

function descriptions(v: unknown): Description[] {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  const out: Description[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Row;
    out.push({
      // Resource-log messages are not meant to carry secrets; redact anyway before anything shows them.
      description: redact(typeof o.description === 'string' ? o.description : '').text.slice(0, 300),
      code: typeof o.code === 'string' ? o.code : String(o.code ?? ''),
      count: count(o.count),
      credential: o.credential === true || o.credential === 'true',
    });
  }
  return out;
}

/** One device row as the engine's summary type. */
export function summaryFromRow(row: Row): DeviceConnectionSummary {
  return {
    deviceId: String(row.DeviceId ?? ''),
    unauthorized: count(row.Unauthorized),
    closedRemotely: count(row.ClosedRemotely),
    connected: count(row.Connected),
    recovered: count(row.Recovered),
    trailing: count(row.Trailing),
    spacedPairs: count(row.SpacedPairs),
    retries: count(row.Retries),
    medianIntervalMinutes: real(row.MedianIntervalMinutes),
    medianReconnectSeconds: real(row.MedianReconnectSeconds),
    firstSeen: iso(row.FirstSeen),
    lastSeen: iso(row.LastSeen),
  };
}

const CATEGORY_ORDER = { credential: 0, other: 1, benign: 2, advisory: 3 } as const;

/** The finding kinds a device row proves, credential kinds first. */
export function kindsForRow(summary: DeviceConnectionSummary, row: Row): FindingKind[] {
  const kinds = new Set<FindingKind>();
  const ruling = ruleOnDevice(summary);
  if (ruling.churn) kinds.add('token-expiry-churn');
  if (ruling.unrecovered) kinds.add('unrecovered-unauthorized');
  for (const d of descriptions(row.TopDescriptions)) {
    const kind = d.description ? matchMessage(d.description)?.kind : undefined;
    if (kind) {
      kinds.add(kind);
      continue;
    }
    const role = d.code ? codeInfo(d.code)?.role : undefined;
    if (role === 'credential') kinds.add('credentials-rejected');
    else if (role === 'other') kinds.add('other-iothub-error');
  }
  // The query saw credential rows but none of the returned descriptions names a kind (cut short, or
  // past the top few): still a refused credential, as the engine would have filed it.
  const credentialSeen = count(row.CredentialRows) + count(row.CredentialCodes) > 0;
  if (credentialSeen && ![...kinds].some((k) => kindCategory(k) === 'credential')) kinds.add('credentials-rejected');
  return [...kinds].sort((a, b) => CATEGORY_ORDER[kindCategory(a)] - CATEGORY_ORDER[kindCategory(b)]);
}

export function deviceFromRow(row: Row): FleetDevice | undefined {
  const summary = summaryFromRow(row);
  if (!summary.deviceId) return undefined;
  const kinds = kindsForRow(summary, row);
  const unreconnected = count(row.NoReconnect);
  return {
    deviceId: summary.deviceId,
    verdict: verdictForKinds(kinds),
    kinds,
    summary,
    topDescriptions: descriptions(row.TopDescriptions)
      .filter((d) => d.description || d.code)
      .map((d) => ({ description: d.description || d.code, count: d.count })),
    ...(unreconnected > 0 ? { unreconnected } : {}),
  };
}

export type FleetBucket = keyof Omit<FleetTotals, 'devices'>;

export function bucketOf(verdict: Verdict): FleetBucket {
  switch (verdict) {
    case 'credential-problem':
    case 'mixed':
      return 'credential';
    case 'token-expiry-churn':
      return 'churn';
    case 'not-auth-related':
      return 'other';
    default:
      return 'fine';
  }
}

const BUCKET_RANK: Record<FleetBucket, number> = { credential: 0, other: 1, churn: 2, fine: 3 };

function failures(d: FleetDevice): number {
  const s = d.summary;
  return s.connected > 0 ? s.trailing : s.retries;
}

/** Worst first: credential problems, then other errors, churn, fine; then by failing 401003s. */
export function bySeverity(a: FleetDevice, b: FleetDevice): number {
  return (
    BUCKET_RANK[bucketOf(a.verdict)] - BUCKET_RANK[bucketOf(b.verdict)] ||
    failures(b) - failures(a) ||
    b.summary.unauthorized - a.summary.unauthorized ||
    (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0)
  );
}

export function totalsOf(devices: readonly FleetDevice[]): FleetTotals {
  const t: FleetTotals = { churn: 0, credential: 0, fine: 0, other: 0, devices: devices.length };
  for (const d of devices) t[bucketOf(d.verdict)]++;
  return t;
}

/** The query's tables -> a fleet result. Device rows are judged here; the totals row counts every device. */
export function fleetResultFromTables(tables: readonly FleetTable[], ctx: FleetContext): FleetResult {
  const devices: FleetDevice[] = [];
  const seen = new Set<string>();
  let totalsRow: Row | undefined;
  for (const table of tables ?? []) {
    for (const row of rowsOf(table)) {
      if (row.RowKind === 'totals') {
        totalsRow ??= row;
        continue;
      }
      if (row.RowKind !== undefined && row.RowKind !== 'device') continue;
      const d = deviceFromRow(row);
      if (d && !seen.has(d.deviceId)) {
        seen.add(d.deviceId);
        devices.push(d);
      }
    }
  }
  devices.sort(bySeverity);
  const own = totalsOf(devices);
  const reported = totalsRow ? count(totalsRow.TotalDevices) : 0;
  const truncated = totalsRow ? reported > devices.length : devices.length >= (ctx.maxDevices ?? FLEET_MAX_DEVICES);
  // Complete: the engine's rules over every row are the truth. Capped: only the workspace saw them all.
  const totals: FleetTotals =
    totalsRow && truncated
      ? {
          churn: count(totalsRow.TotalChurn),
          credential: count(totalsRow.TotalCredential),
          fine: count(totalsRow.TotalFine),
          other: count(totalsRow.TotalOther),
          devices: reported,
        }
      : own;
  return {
    hub: ctx.hub,
    since: ctx.since,
    query: ctx.query,
    devices,
    totals,
    truncated,
    ...(ctx.partial ? { partial: ctx.partial } : {}),
    ...(ctx.deviceId !== undefined ? { deviceId: ctx.deviceId } : {}),
  };
}
