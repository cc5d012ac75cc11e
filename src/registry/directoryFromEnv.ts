// Builds the hub directory from the environment. Each Azure SDK is loaded only when its setting is present
// (a snapshot-only setup loads none), which is why this module imports them dynamically:
//  - live hubs: IOTHUB_CONNECTION_STRING (one hub, a registryRead policy), IOTHUB_HOSTNAME and
//    IOTHUB_HOSTNAMES (comma list), the latter two with Entra ID (DefaultAzureCredential);
//  - otherwise snapshot files: IOTHUB_REGISTRY_SNAPSHOT (comma list); a file's hub is the hub named inside
//    it, else the file name without extension (contoso-test.json is hub contoso-test);
//  - DPS: DPS_HOSTNAME (one or a comma list, Entra ID) or DPS_REGISTRATION_SNAPSHOT (comma list of files);
//  - IOTHUB_DISCOVER=true adds the hubs Azure Resource Graph lists (optionally only in
//    IOTHUB_DISCOVER_SUBSCRIPTIONS), refreshed in the background.
// Nothing configured -> undefined. A value set but unusable throws an Error naming the variable, never
// quoting a secret: start-up reports it like any other configuration mistake.
import { basename, extname } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { HubDirectory } from './directoryPort';
import type { DiscoveryEvent } from './hubDiscovery';
import { HubBackoff } from './hubBackoff';
import { createHubDirectory, type DirectoryHub, type DpsSource, type HubDirectoryOptions } from './hubDirectory';
import { DPS_SUFFIX, hostNameFrom, IOTHUB_SUFFIX, listSetting, shortHubName } from './hubNames';
import { createSnapshotRegistry, readSnapshotFile } from './snapshot';

type Env = Record<string, string | undefined>;

export interface DirectoryFromEnvOptions {
  /** Entra ID credential for hubs, DPS and discovery (default: DefaultAzureCredential, created only when needed). */
  credential?: TokenCredential;
  /** Discovery progress (refreshes, skipped subscriptions), for the log. */
  observeDiscovery?: (e: DiscoveryEvent) => void;
  /** Passed through to the directory (tests: limiter, deadlines, cache). */
  directory?: Partial<Omit<HubDirectoryOptions, 'hubs' | 'dps' | 'discovered' | 'discoveredNames' | 'stop'>>;
  /** Per-call timeout of the live adapters (default 5000 ms). */
  timeoutMs?: number;
  /**
   * Files given besides the environment (the CLI's --registry-snapshot and --dps-snapshot): each snapshot is
   * one more hub, searched with the configured ones; DPS snapshot files are asked after any configured DPS.
   */
  files?: { registrySnapshots?: string[]; dpsSnapshots?: string[] };
  /** Wait for discovery's first listing (a one-shot CLI run); the server never waits for Resource Graph. */
  waitForDiscovery?: boolean;
}

// The settings this factory reads (DIRECTORY_ENV_KEYS) live in hubNames.ts, which loads nothing.
export { DIRECTORY_ENV_KEYS } from './hubNames';

function set(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

const TRUE = ['1', 'true', 'yes', 'on'];

/** Live hub host names in configuration order: IOTHUB_HOSTNAME first, then IOTHUB_HOSTNAMES; duplicates once. */
export function liveHubHosts(env: Env): string[] {
  const hosts: string[] = [];
  const single = set(env.IOTHUB_HOSTNAME);
  if (single) hosts.push(hostNameFrom(single, 'IOTHUB_HOSTNAME', IOTHUB_SUFFIX));
  for (const item of listSetting(env.IOTHUB_HOSTNAMES, /,/)) hosts.push(hostNameFrom(item, 'IOTHUB_HOSTNAMES', IOTHUB_SUFFIX));
  return [...new Set(hosts)];
}

/**
 * Snapshot files as hubs: the hub named in the file, else the file name without extension. `setting` names
 * where the files came from in errors; a hub already in `taken` (configured another way) is a mistake too.
 */
export function snapshotHubs(paths: string[], setting = 'IOTHUB_REGISTRY_SNAPSHOT', taken: readonly DirectoryHub[] = []): DirectoryHub[] {
  const hubs: DirectoryHub[] = [];
  for (const path of paths) {
    let parsed;
    try {
      parsed = readSnapshotFile(path);
    } catch (err) {
      throw new Error(`${setting}: ${(err as Error).message}`);
    }
    const name = parsed.hub ? shortHubName(parsed.hub) : basename(path, extname(path)).toLowerCase();
    if ([...taken, ...hubs].some((h) => h.name === name)) throw new Error(`${setting}: two sources are hub ${name}; give each hub one.`);
    const host = parsed.hub && parsed.hub.includes('.') ? parsed.hub.toLowerCase() : undefined;
    hubs.push({ name, ...(host ? { host } : {}), registry: createSnapshotRegistry(parsed.records, path, parsed.hub ?? name) });
  }
  return hubs;
}

async function dpsFiles(paths: string[], setting: string): Promise<DpsSource> {
  const { loadDpsSnapshot } = await import('./dpsSnapshot');
  try {
    return loadDpsSnapshot(paths);
  } catch (err) {
    throw new Error(`${setting}: ${(err as Error).message}`);
  }
}

export async function createHubDirectoryFromEnv(env: Env, opts: DirectoryFromEnvOptions = {}): Promise<HubDirectory | undefined> {
  const connectionString = set(env.IOTHUB_CONNECTION_STRING);
  const hosts = liveHubHosts(env);
  const snapshots = listSetting(env.IOTHUB_REGISTRY_SNAPSHOT, /,/);
  const discover = TRUE.includes((set(env.IOTHUB_DISCOVER) ?? '').toLowerCase());
  const dpsHosts = listSetting(env.DPS_HOSTNAME, /,/).map((h) => hostNameFrom(h, 'DPS_HOSTNAME', DPS_SUFFIX));
  const dpsSnapshots = listSetting(env.DPS_REGISTRATION_SNAPSHOT, /,/);
  const extraSnapshots = opts.files?.registrySnapshots ?? [];
  const extraDps = opts.files?.dpsSnapshots ?? [];
  const subscriptions = listSetting(env.IOTHUB_DISCOVER_SUBSCRIPTIONS);

  const live = connectionString !== undefined || hosts.length > 0;
  if (!live && snapshots.length === 0 && !discover && dpsHosts.length === 0 && dpsSnapshots.length === 0 && extraSnapshots.length === 0 && extraDps.length === 0) {
    return undefined;
  }

  let credential = opts.credential;
  const getCredential = async (): Promise<TokenCredential> => {
    credential ??= new (await import('@azure/identity')).DefaultAzureCredential();
    return credential;
  };
  const timeoutMs = opts.timeoutMs;

  const hubs: DirectoryHub[] = [];
  let makeLiveHub: ((host: string) => DirectoryHub) | undefined;
  if (live || discover) {
    const { createIotHubRegistry } = await import('./iothubRegistry');
    const cred = hosts.length > 0 || discover ? await getCredential() : undefined;
    makeLiveHub = (host: string): DirectoryHub => {
      const backoff = new HubBackoff();
      return {
        name: shortHubName(host),
        host,
        backoff,
        registry: createIotHubRegistry({ hostName: host, credential: cred, timeoutMs, onThrottled: (ms) => backoff.throttled(ms) }),
      };
    };
    if (connectionString) {
      const backoff = new HubBackoff();
      let registry;
      try {
        registry = createIotHubRegistry({ connectionString, timeoutMs, onThrottled: (ms) => backoff.throttled(ms) });
      } catch (err) {
        throw new Error(`IOTHUB_CONNECTION_STRING: ${(err as Error).message}`);
      }
      // "IoT Hub contoso-hub.azure-devices.net": the host is the only thing the description carries.
      const host = registry.describe().replace(/^IoT Hub /, '').toLowerCase();
      hubs.push({ name: shortHubName(host), host, backoff, registry });
    }
    for (const host of hosts) if (!hubs.some((h) => h.host === host)) hubs.push(makeLiveHub(host));
  }
  // A live hub wins over snapshot files, as with the single-hub settings.
  if (!live && snapshots.length > 0) hubs.push(...snapshotHubs(snapshots));
  // Files named on the command line are searched besides whatever the environment configures.
  if (extraSnapshots.length > 0) hubs.push(...snapshotHubs(extraSnapshots, '--registry-snapshot', hubs));

  const dpsSources: DpsSource[] = [];
  if (dpsHosts.length > 0) {
    const { createDpsRegistry } = await import('./dpsRegistry');
    const cred = await getCredential();
    dpsSources.push(...dpsHosts.map((h) => createDpsRegistry(h, cred, { timeoutMs })));
  } else if (dpsSnapshots.length > 0) {
    dpsSources.push(await dpsFiles(dpsSnapshots, 'DPS_REGISTRATION_SNAPSHOT'));
  }
  if (extraDps.length > 0) dpsSources.push(await dpsFiles(extraDps, '--dps-snapshot'));
  let dps: DpsSource | undefined;
  if (dpsSources.length === 1) dps = dpsSources[0];
  else if (dpsSources.length > 1) dps = (await import('./dpsCombine')).combineDps(dpsSources);

  let discovered: (() => DirectoryHub[]) | undefined;
  let discoveredNames: (() => string[]) | undefined;
  let stop: (() => void) | undefined;
  if (discover && makeLiveHub) {
    const { createHubDiscovery } = await import('./hubDiscovery');
    const discovery = createHubDiscovery(await getCredential(), { subscriptions: subscriptions.length ? subscriptions : undefined, observe: opts.observeDiscovery });
    // One adapter (and its cache and backoff) per discovered host, kept across refreshes.
    const made = new Map<string, DirectoryHub>();
    const liveHub = makeLiveHub;
    discovered = () =>
      discovery.hubs().map((h) => {
        let hub = made.get(h.hostName);
        if (!hub) {
          hub = liveHub(h.hostName);
          made.set(h.hostName, hub);
        }
        return hub;
      });
    discoveredNames = () => discovery.hubs().map((h) => h.name);
    stop = () => discovery.stop();
    // In the background: start-up never waits for Resource Graph (start never rejects).
    if (opts.waitForDiscovery) await discovery.start();
    else void discovery.start();
  }

  return createHubDirectory({ ...opts.directory, hubs, dps, discovered, discoveredNames, stop });
}
