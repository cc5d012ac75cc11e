// A TypeScript reference of the fleet KQL (src/triage/fleetKql.ts), step by step, over AzureDiagnostics
// rows. It deliberately does NOT call the engine's timeline code: the agreement test compares what this
// aggregation (= the query's definitions) concludes with what the paste engine concludes.
// Each function names the `let` of the query it mirrors. KQL semantics kept: sort by (DeviceId, time),
// prev()/next() over the sorted subset, row_cumsum with restart, nulls in comparisons are false.
import { DEVICE_RULES } from '../../src/triage/deviceRules';
import {
  CREDENTIAL_CODES,
  FLEET_COLUMNS,
  FLEET_DESCRIPTION_CHARS,
  FLEET_MAX_DEVICES,
  FLEET_TOP_DESCRIPTIONS,
  NO_RECONNECT_MINUTES,
  isCredentialMessage,
} from '../../src/triage/fleetKql';
import type { FleetTable } from '../../src/fleet/summaries';

/** The AzureDiagnostics columns the query reads. */
export interface LaRow {
  TimeGenerated: string;
  ResourceProvider: string;
  ResourceType: string;
  Category: string;
  _ResourceId: string;
  OperationName: string;
  Level: string;
  ResultType: string;
  ResultDescription: string;
  properties_s: string;
}

type Kind = 'credential' | 'unauthorized' | 'closed' | 'code' | 'disconnected' | 'failed' | 'connected';

interface R {
  t: number;
  dev: string;
  kind: Kind;
  code: string;
  message: string;
}

const R_ = DEVICE_RULES;
const CLOSE_BEFORE = R_.closeBeforeSeconds * 1000;
const CLOSE_AFTER = R_.closeAfterSeconds * 1000;
const RETRY_GAP = R_.retryGapMinutes * 60_000;
const NO_RECONNECT = NO_RECONNECT_MINUTES * 60;
const CRED_CODES = new Set<string>(CREDENTIAL_CODES);

function tostring(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `let Rows`: filter to the hub's Connections rows with a device id, and classify. */
export function rowsStep(rows: readonly LaRow[], hub: string, deviceId?: string): R[] {
  const suffix = `/iothubs/${hub}`.toLowerCase();
  const out: R[] = [];
  for (const row of rows) {
    if (row.ResourceProvider !== 'MICROSOFT.DEVICES' || row.ResourceType !== 'IOTHUBS' || row.Category !== 'Connections') continue;
    if (!row._ResourceId.toLowerCase().endsWith(suffix)) continue;
    let p: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(row.properties_s);
      if (parsed && typeof parsed === 'object') p = parsed as Record<string, unknown>;
    } catch {
      p = {};
    }
    const dev = tostring(p.deviceId);
    if (!dev) continue;
    if (deviceId !== undefined && dev !== deviceId) continue;
    const errorMessage = tostring(p.errorMessage);
    const statusCode = tostring(p.statusCode);
    const desc = row.ResultDescription ?? '';
    const message = errorMessage === desc ? desc : `${errorMessage} ${desc}`.trim();
    const code = /^\d{6}$/.test(row.ResultType)
      ? row.ResultType
      : /^(iothubunauthorized|unauthorized)$/i.test(desc)
        ? '401003'
        : /^deviceconnectionclosedremotely$/i.test(desc)
          ? '404104'
          : '';
    const op = (row.OperationName ?? '').toLowerCase();
    const kind: Kind = isCredentialMessage(message)
      ? 'credential'
      : code === '401003'
        ? 'unauthorized'
        : code === '404104'
          ? 'closed'
          : code
            ? 'code'
            : op.includes('disconnect')
              ? 'disconnected'
              : /error|fail|warn/i.test(row.Level ?? '') || /^[45]/.test(statusCode)
                ? 'failed'
                : op.includes('connect')
                  ? 'connected'
                  : 'disconnected';
    out.push({ t: Date.parse(row.TimeGenerated), dev, kind, code, message });
  }
  return out;
}

function byDevTime<T extends { dev: string; t: number }>(desc = false) {
  return (a: T, b: T) => (a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : desc ? b.t - a.t : a.t - b.t);
}

interface Flagged extends R {
  closeAfterStart: boolean;
  closeTaken: boolean;
  closeBeforeStart: boolean;
}

interface Start extends Flagged {
  connectsAfter: number;
  recovered: boolean;
  reconnectSeconds?: number;
  retry: boolean;
  spacedPair: boolean;
  counted: boolean;
  intervalMinutes?: number;
}

/** `let Step1` and `let Step2`. */
function closeSteps(timeline: R[]): Flagged[] {
  const uc = timeline.filter((r) => r.kind === 'unauthorized' || r.kind === 'closed').sort(byDevTime());
  const flags = new Map<R, { after: boolean; taken: boolean }>();
  uc.forEach((r, i) => {
    const next = uc[i + 1];
    const prev = uc[i - 1];
    flags.set(r, {
      after: r.kind === 'unauthorized' && !!next && next.dev === r.dev && next.kind === 'closed' && next.t - r.t <= CLOSE_AFTER,
      taken: r.kind === 'closed' && !!prev && prev.dev === r.dev && prev.kind === 'unauthorized' && r.t - prev.t <= CLOSE_AFTER,
    });
  });
  const all: Flagged[] = timeline.map((r) => ({ ...r, closeAfterStart: flags.get(r)?.after ?? false, closeTaken: flags.get(r)?.taken ?? false, closeBeforeStart: false }));
  all.sort(byDevTime());
  all.forEach((r, i) => {
    if (r.kind !== 'unauthorized' || r.closeAfterStart) return;
    const p = (k: number) => all[i - k];
    const freeClose = (k: number) => {
      const x = p(k);
      return !!x && x.dev === r.dev && x.kind === 'closed' && !x.closeTaken && r.t - x.t <= CLOSE_BEFORE;
    };
    const notStart = (k: number) => p(k)?.kind !== 'unauthorized';
    r.closeBeforeStart = freeClose(1) || (notStart(1) && freeClose(2)) || (notStart(1) && notStart(2) && freeClose(3));
  });
  return all;
}

/** `let Step3`, `let Starts` and `let StartRows`. */
function startSteps(step2: Flagged[]): Start[] {
  const uk = step2.filter((r) => r.kind === 'unauthorized' || r.kind === 'connected').sort(byDevTime(true));
  const starts: Start[] = [];
  let cum = 0;
  uk.forEach((r, i) => {
    const prev = uk[i - 1];
    if (!prev || prev.dev !== r.dev) cum = 0;
    if (r.kind === 'connected') cum++;
    if (r.kind !== 'unauthorized') return;
    const recovered = !!prev && prev.dev === r.dev && prev.kind === 'connected';
    starts.push({
      ...r,
      connectsAfter: cum,
      recovered,
      reconnectSeconds: recovered ? (prev.t - r.t) / 1000 : undefined,
      retry: false,
      spacedPair: false,
      counted: false,
    });
  });
  starts.sort(byDevTime());
  starts.forEach((s, i) => {
    const prev = starts[i - 1];
    const gap = prev && prev.dev === s.dev ? s.t - prev.t : undefined;
    const gapOk = gap === undefined || gap >= RETRY_GAP;
    const closed = s.closeAfterStart || s.closeBeforeStart;
    s.retry = gap !== undefined && gap < RETRY_GAP;
    s.spacedPair = closed && gapOk;
    s.counted = s.recovered || (closed && gapOk);
  });
  const counted = starts.filter((s) => s.counted);
  counted.forEach((s, i) => {
    const prev = counted[i - 1];
    s.intervalMinutes = prev && prev.dev === s.dev ? (s.t - prev.t) / 60_000 : undefined;
  });
  return starts;
}

function exactMedian(xs: number[]): number | null {
  if (!xs.length) return null;
  const a = [...xs].sort((x, y) => x - y);
  const n = a.length;
  return n % 2 === 1 ? a[Math.floor(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

export interface DescriptionEntry {
  description: string;
  code: string;
  count: number;
  credential: boolean;
}

/** `let Descriptions`. */
function descriptionsStep(rows: R[]): Map<string, DescriptionEntry[]> {
  const groups = new Map<string, { dev: string; kind: Kind; code: string; description: string; count: number }>();
  for (const r of rows) {
    if (r.kind !== 'credential' && r.kind !== 'code') continue;
    const description = r.message.slice(0, FLEET_DESCRIPTION_CHARS);
    const key = JSON.stringify([r.dev, r.kind, r.code, description]);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { dev: r.dev, kind: r.kind, code: r.code, description, count: 1 });
  }
  const list = [...groups.values()].map((g) => ({ ...g, first: g.kind === 'credential' || CRED_CODES.has(g.code) ? 0 : 1 }));
  list.sort((a, b) => (a.dev < b.dev ? -1 : a.dev > b.dev ? 1 : a.first - b.first || b.count - a.count || (a.description < b.description ? -1 : a.description > b.description ? 1 : 0)));
  const out = new Map<string, DescriptionEntry[]>();
  for (const g of list) {
    const l = out.get(g.dev) ?? [];
    if (l.length < FLEET_TOP_DESCRIPTIONS) l.push({ description: g.description, code: g.code, count: g.count, credential: g.kind === 'credential' });
    out.set(g.dev, l);
  }
  return out;
}

export interface ReferenceDevice {
  DeviceId: string;
  Unauthorized: number;
  ClosedRemotely: number;
  Connected: number;
  Recovered: number;
  Trailing: number;
  SpacedPairs: number;
  Retries: number;
  NoReconnect: number;
  MedianIntervalMinutes: number | null;
  MedianReconnectSeconds: number | null;
  CredentialRows: number;
  CredentialCodes: number;
  OtherCodes: number;
  FirstSeen: string;
  LastSeen: string;
  Ruling: 'credential' | 'churn' | 'other' | 'fine';
  TopDescriptions: DescriptionEntry[] | null;
  Severity: number;
  Failures: number;
}

/** `let Devices`. */
export function referenceDevices(rows: readonly LaRow[], hub: string, deviceId?: string): ReferenceDevice[] {
  const all = rowsStep(rows, hub, deviceId);
  const timeline = all.filter((r) => r.kind !== 'credential' && r.kind !== 'code');
  const starts = startSteps(closeSteps(timeline));
  const descriptions = descriptionsStep(all);
  const byDev = new Map<string, { rows: R[]; starts: Start[] }>();
  for (const r of all) {
    const g = byDev.get(r.dev) ?? { rows: [], starts: [] };
    if (r.kind !== 'unauthorized') g.rows.push(r);
    byDev.set(r.dev, g);
  }
  for (const s of starts) byDev.get(s.dev)!.starts.push(s);
  const out: ReferenceDevice[] = [];
  for (const [dev, g] of byDev) {
    const times = [...g.rows, ...g.starts].map((r) => r.t);
    const connected = g.rows.filter((r) => r.kind === 'connected').length;
    const d = {
      DeviceId: dev,
      Unauthorized: g.starts.length,
      ClosedRemotely: g.rows.filter((r) => r.kind === 'closed').length,
      Connected: connected,
      Recovered: g.starts.filter((s) => s.recovered).length,
      Trailing: g.starts.filter((s) => s.connectsAfter === 0).length,
      SpacedPairs: g.starts.filter((s) => s.spacedPair).length,
      Retries: g.starts.filter((s) => s.retry).length,
      NoReconnect: g.starts.filter((s) => !s.recovered || (s.reconnectSeconds ?? 0) > NO_RECONNECT).length,
      MedianIntervalMinutes: exactMedian(g.starts.map((s) => s.intervalMinutes).filter((x): x is number => x !== undefined)),
      MedianReconnectSeconds: exactMedian(g.starts.filter((s) => s.recovered && (s.reconnectSeconds ?? -1) >= 0).map((s) => s.reconnectSeconds as number)),
      CredentialRows: g.rows.filter((r) => r.kind === 'credential').length,
      CredentialCodes: g.rows.filter((r) => r.kind === 'code' && CRED_CODES.has(r.code)).length,
      OtherCodes: g.rows.filter((r) => r.kind === 'code' && !CRED_CODES.has(r.code)).length,
      FirstSeen: new Date(Math.min(...times)).toISOString(),
      LastSeen: new Date(Math.max(...times)).toISOString(),
      TopDescriptions: descriptions.get(dev) ?? null,
    };
    const churn = connected > 0 ? d.Recovered >= 1 : d.SpacedPairs >= R_.errorOnlyMinPairs;
    const unrecovered = connected > 0 ? d.Trailing >= R_.unrecoveredMin : d.Retries >= R_.errorOnlyMinRetries;
    const Ruling = d.CredentialRows > 0 || d.CredentialCodes > 0 || unrecovered ? 'credential' : churn ? 'churn' : d.OtherCodes > 0 ? 'other' : 'fine';
    const Severity = { credential: 3, other: 2, churn: 1, fine: 0 }[Ruling];
    const Failures = d.CredentialRows + d.CredentialCodes + (connected > 0 ? d.Trailing : d.Retries);
    out.push({ ...d, Ruling, Severity, Failures });
  }
  return out;
}

/** The final `union`: the worst MaxDevices device rows and one totals row, as the query returns them. */
export function referenceTable(rows: readonly LaRow[], hub: string, opts: { deviceId?: string; maxDevices?: number } = {}): FleetTable {
  const devices = referenceDevices(rows, hub, opts.deviceId);
  const sorted = [...devices].sort(
    (a, b) => b.Severity - a.Severity || b.Failures - a.Failures || b.Unauthorized - a.Unauthorized || (a.DeviceId < b.DeviceId ? -1 : a.DeviceId > b.DeviceId ? 1 : 0),
  );
  const shown = sorted.slice(0, opts.maxDevices ?? FLEET_MAX_DEVICES);
  const cols = [...FLEET_COLUMNS];
  const toRow = (o: Record<string, unknown>) => cols.map((c) => (o[c] === undefined ? null : o[c]));
  const out: unknown[][] = shown.map((d) => toRow({ RowKind: 'device', ...d }));
  out.push(
    toRow({
      RowKind: 'totals',
      TotalDevices: devices.length,
      TotalChurn: devices.filter((d) => d.Ruling === 'churn').length,
      TotalCredential: devices.filter((d) => d.Ruling === 'credential').length,
      TotalOther: devices.filter((d) => d.Ruling === 'other').length,
      TotalFine: devices.filter((d) => d.Ruling === 'fine').length,
    }),
  );
  return { columns: cols, rows: out };
}

export const COLUMN_TYPES: Record<string, string> = {
  RowKind: 'string',
  DeviceId: 'string',
  Ruling: 'string',
  MedianIntervalMinutes: 'real',
  MedianReconnectSeconds: 'real',
  FirstSeen: 'datetime',
  LastSeen: 'datetime',
  TopDescriptions: 'dynamic',
};

/** The table as the Log Analytics REST API sends it: typed columns, dynamic values as JSON text. */
export function apiPayload(table: FleetTable, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const dyn = table.columns.map((c) => COLUMN_TYPES[c] === 'dynamic');
  return {
    tables: [
      {
        name: 'PrimaryResult',
        columns: table.columns.map((name) => ({ name, type: COLUMN_TYPES[name] ?? 'long' })),
        rows: table.rows.map((r) => r.map((v, i) => (dyn[i] && v !== null ? JSON.stringify(v) : v))),
      },
    ],
    ...extra,
  };
}
