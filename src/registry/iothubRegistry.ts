// The live adapter: azure-iothub's Registry over HTTPS, from a RegistryRead connection string or from
// a host name plus an Entra ID credential (so a deployment needs no key at all).
// Throttle-aware by design: a twin read per device (twin reads have a far larger budget than identity
// reads) and an identity read (which carries the keys) only when a pasted SAS signature must be checked;
// at most one call per device, an LRU cache with a short TTL, bounded concurrency, a per-call timeout,
// and retries of 429/5xx with backoff that honours Retry-After, a few times, then giving up.
// Keys are never cached: a cached entry is the key-less copy.
import { Registry } from 'azure-iothub';
import type { TokenCredential } from '@azure/identity';
import { LRUCache } from 'lru-cache';
import type { DeviceRecord, RegistryFailure, RegistryLookup } from '../triage/types';
import { forEachLimited } from './concurrency';
import { toDeviceRecord, withoutKeys } from './deviceRecord';
import type { DeviceRegistry, LookupOptions } from './port';
import { classify } from './registryErrors';
import { Timeout, withTimeout } from './timeout';

export interface IotHubRegistryOptions {
  /** A hub-level shared access policy with RegistryRead, e.g. HostName=…;SharedAccessKeyName=registryRead;SharedAccessKey=… */
  connectionString?: string;
  /** With `credential`: Entra ID (managed identity, az login …) instead of a key. */
  hostName?: string;
  credential?: TokenCredential;
  /** Per call (default 5000 ms). */
  timeoutMs?: number;
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** How long an answer is reused (default 60 000 ms; 0 disables the cache). */
  cacheTtlMs?: number;
  /** Retries after a 429/5xx (default 3). */
  maxRetries?: number;
  /** First backoff step; doubles per retry, plus jitter (default 250 ms). */
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the lookup gives up as throttled (default 10 000 ms). */
  maxRetryAfterMs?: number;
  /** Injected in tests to keep retries instant. */
  sleep?: (ms: number) => Promise<void>;
  /** Told when the hub's 429 made a lookup give up, with its Retry-After: the hub directory backs off for it. */
  onThrottled?: (retryAfterMs: number | undefined) => void;
}

/** The three calls we make; azure-iothub's Registry satisfies it. */
interface RegistryCalls {
  getTwin(deviceId: string): Promise<{ responseBody: unknown }>;
  get(deviceId: string): Promise<{ responseBody: unknown }>;
  getModulesOnDevice(deviceId: string): Promise<{ responseBody: unknown }>;
}

interface CacheEntry {
  record: DeviceRecord | null;
}

const DEFAULTS = { timeoutMs: 5000, concurrency: 4, cacheTtlMs: 60_000, maxRetries: 3, backoffBaseMs: 250, maxRetryAfterMs: 10_000 };

// Worst first: when several devices failed differently, the card names the most telling reason.
const SEVERITY: RegistryFailure[] = ['unauthorized', 'throttled', 'timeout', 'unreachable', 'error', 'not-configured'];

function connectionStringParts(cs: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const segment of cs.trim().split(';')) {
    const eq = segment.indexOf('=');
    if (eq > 0) parts[segment.slice(0, eq).trim()] = segment.slice(eq + 1).trim();
  }
  return parts;
}

/** Validate without ever quoting the value (it holds a key). */
function checkConnectionString(cs: string): string {
  const p = connectionStringParts(cs);
  if (p.DeviceId) {
    throw new Error('The IoT Hub connection string is a device connection string; the registry needs a hub shared access policy with RegistryRead (e.g. registryRead).');
  }
  const missing = ['HostName', 'SharedAccessKeyName', 'SharedAccessKey'].filter((k) => !p[k]);
  if (missing.length) throw new Error(`The IoT Hub connection string lacks ${missing.join(', ')} (expected HostName=…;SharedAccessKeyName=…;SharedAccessKey=…).`);
  return p.HostName;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createIotHubRegistry(opts: IotHubRegistryOptions): DeviceRegistry {
  let host: string;
  let client: RegistryCalls;
  if (opts.connectionString) {
    host = checkConnectionString(opts.connectionString);
    client = Registry.fromConnectionString(opts.connectionString) as unknown as RegistryCalls;
  } else if (opts.hostName && opts.credential) {
    host = opts.hostName;
    client = Registry.fromTokenCredential(opts.hostName, opts.credential) as unknown as RegistryCalls;
  } else {
    throw new Error('An IoT Hub registry needs a connection string, or a host name with an Entra ID credential.');
  }
  return createIotHubRegistryFromClient(client, host, opts);
}

/** @internal The adapter over any RegistryCalls (the SDK's Registry in production). */
export function createIotHubRegistryFromClient(client: RegistryCalls, host: string, opts: IotHubRegistryOptions = {}): DeviceRegistry {
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
  const cacheTtlMs = opts.cacheTtlMs ?? DEFAULTS.cacheTtlMs;
  const maxRetries = Math.max(0, opts.maxRetries ?? DEFAULTS.maxRetries);
  const backoffBaseMs = opts.backoffBaseMs ?? DEFAULTS.backoffBaseMs;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const sleep = opts.sleep ?? realSleep;
  const cache = cacheTtlMs > 0 ? new LRUCache<string, CacheEntry>({ max: 1000, ttl: cacheTtlMs }) : undefined;

  type CallResult = { ok: true; body: unknown } | { ok: false; notFound: true } | { ok: false; notFound: false; reason: RegistryFailure; message: string };

  /** One logical call with timeout and retries. */
  async function call(run: () => Promise<{ responseBody: unknown }>): Promise<CallResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await withTimeout(run(), timeoutMs);
        return { ok: true, body: res.responseBody };
      } catch (err) {
        if (err instanceof Timeout) {
          // A slow hub is not retried: the chat answer must not wait several timeouts.
          return { ok: false, notFound: false, reason: 'timeout', message: `IoT Hub ${host} did not answer within ${timeoutMs} ms.` };
        }
        const outcome = classify(err, host, Date.now());
        if (outcome.kind === 'not-found') return { ok: false, notFound: true };
        if (outcome.kind === 'fail') return { ok: false, notFound: false, reason: outcome.reason, message: outcome.message };
        const givingUp = attempt >= maxRetries || (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > maxRetryAfterMs);
        if (givingUp && outcome.reason === 'throttled') opts.onThrottled?.(outcome.retryAfterMs);
        if (attempt >= maxRetries) {
          return { ok: false, notFound: false, reason: outcome.reason, message: `${outcome.message} Gave up after ${attempt + 1} attempts.` };
        }
        if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > maxRetryAfterMs) {
          return {
            ok: false,
            notFound: false,
            reason: outcome.reason,
            message: `${outcome.message} The hub asked to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s; not waiting that long.`,
          };
        }
        const backoff = backoffBaseMs * 2 ** attempt + Math.floor(Math.random() * backoffBaseMs);
        await sleep(outcome.retryAfterMs ?? backoff);
      }
    }
  }

  return {
    source: 'iothub',
    describe: () => `IoT Hub ${host}`,
    async lookup(deviceIds: string[], options: LookupOptions = {}): Promise<RegistryLookup> {
      const devices = new Map<string, DeviceRecord | null>();
      const ids = [...new Set(deviceIds.filter((id) => typeof id === 'string' && id !== ''))];
      const failures: { reason: RegistryFailure; message: string }[] = [];

      const work = forEachLimited(ids, concurrency, async (id, stop) => {
        const cached = options.withKeys ? undefined : cache?.get(id);
        let record: DeviceRecord | null;
        if (cached) {
          record = cached.record && { ...cached.record };
        } else {
          // Twin reads for status/thumbprints; the identity (with keys) only when a signature must be checked.
          const res = await call(() => (options.withKeys ? client.get(id) : client.getTwin(id)));
          if (!res.ok && !res.notFound) {
            failures.push({ reason: res.reason, message: res.message });
            // The same reason will hold for the other devices: asking again only spends throttle budget.
            stop();
            return;
          }
          try {
            record = res.ok ? toDeviceRecord(res.body, { hub: host, withKeys: options.withKeys }) : null;
          } catch {
            failures.push({ reason: 'error', message: `IoT Hub ${host} returned an unexpected answer for a device.` });
            return;
          }
          cache?.set(id, { record: record && withoutKeys(record) });
        }
        if (record && options.modules && record.modules === undefined) {
          // Opt-in extra call: module identities are not part of the device twin.
          const mods = await call(() => client.getModulesOnDevice(id));
          if (mods.ok && Array.isArray(mods.body)) {
            record.modules = mods.body
              .map((m) => (typeof m === 'object' && m !== null ? (m as Record<string, unknown>).moduleId : undefined))
              .filter((m): m is string => typeof m === 'string');
            cache?.set(id, { record: withoutKeys(record) });
          } else if (!mods.ok && !mods.notFound) {
            failures.push({ reason: mods.reason, message: mods.message });
          }
        }
        if (record && !options.modules) delete record.modules;
        devices.set(id, record);
      });
      try {
        await work;
      } catch {
        // The port never rejects: whatever slipped through becomes a failure like any other.
        failures.push({ reason: 'error', message: `The registry lookup on IoT Hub ${host} failed unexpectedly.` });
      }

      const lookup: RegistryLookup = { devices, source: 'iothub', hub: host };
      if (failures.length) {
        failures.sort((a, b) => SEVERITY.indexOf(a.reason) - SEVERITY.indexOf(b.reason));
        const missed = ids.filter((id) => !devices.has(id)).length;
        const suffix = missed ? ` ${missed} of ${ids.length} device${ids.length === 1 ? '' : 's'} could not be looked up.` : '';
        lookup.failure = { reason: failures[0].reason, message: failures[0].message + suffix };
      }
      return lookup;
    },
  };
}
