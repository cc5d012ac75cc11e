// `lookup <deviceId>` (and the "Look up device" button): what the identity registry says about one device.
import { deviceCard } from '../../cards';
import type { DeviceRecord, RegistryLookup } from '../../triage/types';
import { withinBudget } from '../budget';
import { botText } from '../messages';
import type { HandlerContext, Reply } from '../reply';
import { DEFAULT_REGISTRY_BUDGET_MS } from '../services';

export interface DeviceLookupResult {
  record: DeviceRecord | null;
  failure?: NonNullable<RegistryLookup['failure']>;
  ms: number;
}

/** Look one device up within the registry time budget. Never rejects. */
export async function lookUpDevice(deviceId: string, ctx: HandlerContext): Promise<DeviceLookupResult> {
  const registry = ctx.services.registry;
  if (!registry) {
    return { record: null, failure: { reason: 'not-configured', message: 'No device registry is configured for this bot.' }, ms: 0 };
  }
  const budget = ctx.options.registryBudgetMs ?? DEFAULT_REGISTRY_BUDGET_MS;
  const r = await withinBudget(registry.lookup([deviceId], { modules: true }), budget);
  if (!r.done) {
    const reason = r.reason === 'timeout' ? 'timeout' : 'error';
    return { record: null, failure: { reason, message: reason === 'timeout' ? 'The registry did not answer in time.' : 'The registry lookup failed.' }, ms: r.ms };
  }
  const lookup = r.value;
  // Absent from the map = not looked up (a failure); null = looked up and not there.
  const record = lookup.devices.has(deviceId) ? (lookup.devices.get(deviceId) ?? null) : null;
  const failure = lookup.devices.has(deviceId) ? undefined : (lookup.failure ?? { reason: 'error' as const, message: 'The registry did not return this device.' });
  return { record: stripKeys(record), failure, ms: r.ms };
}

/** Keys are never asked for here, but a registry adapter could still return them: they must not reach a card. */
function stripKeys(record: DeviceRecord | null): DeviceRecord | null {
  if (!record) return null;
  const { primaryKey: _p, secondaryKey: _s, ...rest } = record;
  return rest;
}

export async function lookupCommand(deviceId: string | undefined, invalidId: boolean | undefined, ctx: HandlerContext): Promise<Reply> {
  if (invalidId) return { type: 'text', text: botText('invalidDeviceId', ctx.lang) };
  if (!deviceId) return { type: 'text', text: botText('lookupUsage', ctx.lang) };
  const result = await lookUpDevice(deviceId, ctx);
  ctx.services.logger.info(
    { event: 'lookup', found: result.record !== null, failure: result.failure?.reason, ms: result.ms, source: ctx.services.registry?.source },
    'device lookup',
  );
  return { type: 'card', card: deviceCard(deviceId, result.record, { ...ctx.card, failure: result.failure }) };
}
