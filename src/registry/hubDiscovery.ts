// Optional hub discovery (IOTHUB_DISCOVER=true): the IoT hubs the bot's identity can read, listed with Azure
// Resource Graph (the Reader role on the subscriptions is enough), so a device can be found in a hub nobody
// configured. The list is cached and refreshed in the background (an unref'd timer: it never keeps the
// process alive); a subscription the identity may not read (403) is reported and skipped, never fatal.
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import { canonicalHub, shortHubName } from './hubNames';

export const DISCOVERY_QUERY = "Resources | where type =~ 'microsoft.devices/iothubs' | project name, properties.hostName";
/** Pages read per query at most (1000 rows a page by default): a guard, not a real limit. */
const MAX_PAGES = 20;

export interface DiscoveredHub {
  /** Short name, lower case. */
  name: string;
  hostName: string;
}

export type DiscoveryEvent =
  | { kind: 'refreshed'; hubs: number }
  | { kind: 'subscription-skipped'; subscription: string; status: number }
  | { kind: 'failed'; reason: string };

/** The one call we make; the SDK's ResourceGraphClient satisfies it. */
export interface ResourceGraphCalls {
  resources(query: { query: string; subscriptions?: string[]; options?: { skipToken?: string } }): Promise<{ data?: unknown; skipToken?: string }>;
}

export interface HubDiscoveryOptions {
  /** Only these subscriptions, each asked on its own (so one without access is skipped); default: every one the identity can read. */
  subscriptions?: string[];
  /** Background refresh period (default 15 min). */
  refreshMs?: number;
  observe?: (e: DiscoveryEvent) => void;
}

export interface HubDiscovery {
  hubs(): DiscoveredHub[];
  /** One refresh now; resolves when done (never rejects). */
  refresh(): Promise<void>;
  /** First refresh now, then every refreshMs; the timer is unref'd. */
  start(): Promise<void>;
  stop(): void;
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  const s = e?.statusCode ?? e?.response?.status;
  return typeof s === 'number' ? s : undefined;
}

function rowsOf(data: unknown): DiscoveredHub[] {
  if (!Array.isArray(data)) return [];
  const out: DiscoveredHub[] = [];
  for (const row of data) {
    if (typeof row !== 'object' || row === null) continue;
    const r = row as Record<string, unknown>;
    const host = r.properties_hostName ?? r.hostName ?? (r.properties as Record<string, unknown> | undefined)?.hostName;
    if (typeof host !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(host.trim())) continue;
    out.push({ name: shortHubName(host), hostName: canonicalHub(host) });
  }
  return out;
}

export function createHubDiscovery(credential: TokenCredential, opts: HubDiscoveryOptions = {}): HubDiscovery {
  return createHubDiscoveryFromClient(new ResourceGraphClient(credential) as unknown as ResourceGraphCalls, opts);
}

/** @internal Discovery over any ResourceGraphCalls (the SDK client in production). */
export function createHubDiscoveryFromClient(client: ResourceGraphCalls, opts: HubDiscoveryOptions = {}): HubDiscovery {
  const refreshMs = Math.max(60_000, opts.refreshMs ?? 15 * 60_000);
  const observe = opts.observe ?? (() => undefined);
  let current: DiscoveredHub[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  async function query(subscriptions?: string[]): Promise<DiscoveredHub[]> {
    const rows: DiscoveredHub[] = [];
    let skipToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.resources({ query: DISCOVERY_QUERY, ...(subscriptions ? { subscriptions } : {}), ...(skipToken ? { options: { skipToken } } : {}) });
      rows.push(...rowsOf(res.data));
      skipToken = typeof res.skipToken === 'string' && res.skipToken !== '' ? res.skipToken : undefined;
      if (!skipToken) break;
    }
    return rows;
  }

  async function refreshOnce(): Promise<void> {
    try {
      const found: DiscoveredHub[] = [];
      if (opts.subscriptions?.length) {
        for (const sub of opts.subscriptions) {
          try {
            found.push(...(await query([sub])));
          } catch (err) {
            const status = statusOf(err);
            if (status === 403 || status === 401) observe({ kind: 'subscription-skipped', subscription: sub, status });
            else throw err;
          }
        }
      } else {
        found.push(...(await query()));
      }
      const byName = new Map<string, DiscoveredHub>();
      for (const h of found) if (!byName.has(h.name)) byName.set(h.name, h);
      current = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
      observe({ kind: 'refreshed', hubs: current.length });
    } catch (err) {
      // Keep the last good list: a failed refresh must not make hubs vanish mid-incident.
      const status = statusOf(err);
      observe({ kind: 'failed', reason: status !== undefined ? `HTTP ${status}` : err instanceof Error && /^[A-Za-z]{1,60}$/.test(err.name) ? err.name : 'error' });
    }
  }

  const refresh = (): Promise<void> => {
    inFlight ??= refreshOnce().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    hubs: () => [...current],
    refresh,
    async start(): Promise<void> {
      if (!timer) {
        timer = setInterval(() => void refresh(), refreshMs);
        timer.unref();
      }
      await refresh();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
