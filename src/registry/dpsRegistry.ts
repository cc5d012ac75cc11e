// The live DPS adapter: azure-iot-provisioning-service over HTTPS with an Entra ID credential (the bot's
// identity needs the Device Provisioning Service Data Reader role). Read-only, at most three calls per
// device: its registration state, then the enrollment group the registration names or else its individual
// enrollment. A registration DPS does not know (404) means no enrollment matched: null. Answers are
// cached for a short while, calls are bounded, and a 429 stops the lookup rather than spending more budget.
import { ProvisioningServiceClient } from 'azure-iot-provisioning-service';
import type { TokenCredential } from '@azure/identity';
import { LRUCache } from 'lru-cache';
import type { DpsLookup, DpsRegistration } from '../triage/hubs';
import type { RegistryFailure } from '../triage/types';
import { forEachLimited } from './concurrency';
import { classifyDps } from './dpsErrors';
import { registrationGroupId, toDpsRegistration, withEnrollment } from './dpsRecord';
import type { DpsSource } from './hubDirectory';
import { Timeout, withTimeout } from './timeout';

// The SDK's promises resolve with { responseBody, httpResponse } (its typings say `result`): read both.
type Answer = { responseBody?: unknown; result?: unknown };

/** The three read calls we make; the SDK's ProvisioningServiceClient satisfies it. */
export interface DpsCalls {
  getDeviceRegistrationState(id: string): Promise<Answer>;
  getIndividualEnrollment(id: string): Promise<Answer>;
  getEnrollmentGroup(id: string): Promise<Answer>;
}

export interface DpsRegistryOptions {
  /** Per call (default 5000 ms). */
  timeoutMs?: number;
  /** Devices looked up at once (default 4). */
  concurrency?: number;
  /** Default 60 000 ms; 0 disables the cache. */
  cacheTtlMs?: number;
}

type Call = { ok: true; body: unknown } | { ok: false; notFound: true } | { ok: false; notFound: false; reason: RegistryFailure; message: string };

export function createDpsRegistry(host: string, credential: TokenCredential, opts: DpsRegistryOptions = {}): DpsSource {
  const client = ProvisioningServiceClient.fromTokenCredential(host, credential) as unknown as DpsCalls;
  return createDpsRegistryFromClient(client, host, opts);
}

/** @internal The adapter over any DpsCalls (the SDK client in production). */
export function createDpsRegistryFromClient(client: DpsCalls, host: string, opts: DpsRegistryOptions = {}): DpsSource {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const ttl = opts.cacheTtlMs ?? 60_000;
  const cache = ttl > 0 ? new LRUCache<string, { reg: DpsRegistration | null }>({ max: 5000, ttl }) : undefined;

  async function call(run: () => Promise<Answer>): Promise<Call> {
    try {
      const res = await withTimeout(run(), timeoutMs);
      return { ok: true, body: res.responseBody ?? res.result };
    } catch (err) {
      if (err instanceof Timeout) return { ok: false, notFound: false, reason: 'timeout', message: `DPS ${host} did not answer within ${timeoutMs} ms.` };
      const o = classifyDps(err, host, Date.now());
      return o.kind === 'not-found' ? { ok: false, notFound: true } : { ok: false, notFound: false, reason: o.reason, message: o.message };
    }
  }

  return {
    source: 'dps',
    host,
    describe: () => `DPS ${host}`,
    async lookup(deviceIds: string[]): Promise<DpsLookup> {
      const registrations = new Map<string, DpsRegistration | null>();
      const failures: { reason: RegistryFailure; message: string }[] = [];
      const ids = [...new Set(deviceIds.filter((id) => typeof id === 'string' && id !== ''))];
      try {
        await forEachLimited(ids, concurrency, async (id, stop) => {
          const cached = cache?.get(id);
          if (cached) {
            registrations.set(id, cached.reg && { ...cached.reg });
            return;
          }
          // Registration ids are device ids for the enrollments this bot meets (symmetric key, X.509 CN).
          const state = await call(() => client.getDeviceRegistrationState(id));
          if (!state.ok) {
            if (state.notFound) {
              registrations.set(id, null);
              cache?.set(id, { reg: null });
              return;
            }
            failures.push({ reason: state.reason, message: state.message });
            // Unauthorised or throttled holds for every device: asking again only spends budget.
            if (state.reason === 'unauthorized' || state.reason === 'throttled') stop();
            return;
          }
          let reg = toDpsRegistration(state.body);
          if (!reg) {
            failures.push({ reason: 'error', message: `DPS ${host} returned an unexpected registration state.` });
            return;
          }
          const raw = (state.body ?? {}) as Record<string, unknown>;
          const groupId = registrationGroupId(raw);
          if (groupId) {
            const group = await call(() => client.getEnrollmentGroup(groupId));
            if (group.ok) reg = withEnrollment(reg, group.body, 'group', groupId);
            else if (!group.notFound) failures.push({ reason: group.reason, message: group.message });
          } else {
            const individual = await call(() => client.getIndividualEnrollment(reg!.registrationId));
            if (individual.ok) reg = withEnrollment(reg, individual.body, 'individual');
            // No individual enrollment for a registration: it came from a group DPS did not name.
            else if (individual.notFound) reg = { ...reg, enrollment: { kind: 'group' } };
            else failures.push({ reason: individual.reason, message: individual.message });
          }
          registrations.set(id, reg);
          cache?.set(id, { reg });
        });
      } catch {
        failures.push({ reason: 'error', message: `The DPS lookup on ${host} failed unexpectedly.` });
      }
      const lookup: DpsLookup = { registrations, source: 'dps', dpsHost: host };
      if (failures.length) lookup.failure = failures[0];
      return lookup;
    },
  };
}

// Kept importable from here; it lives apart so snapshot-only setups need not load the provisioning SDK.
export { combineDps } from './dpsCombine';
