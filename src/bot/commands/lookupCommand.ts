// `lookup <deviceId>` (and the "Look up device" button): what the identity registry says about one device.
import { deviceCard } from '../../cards';
import type { DeviceRecord, RegistryLookup } from '../../triage/types';
import { withinBudget } from '../budget';
import { typedDeviceId } from '../deviceId';
import { botText } from '../messages';
import type { HandlerContext, Reply } from '../reply';
import { DEFAULT_REGISTRY_BUDGET_MS } from '../services';
import { defineCommand } from './command';

const LOOKUP = /^\/?(?:look\s?up|lookup|opzoeken|zoek(?:\s+op)?)(?:\s+(.+))?$/i;

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

async function lookupReply(deviceId: string | undefined, invalidId: boolean | undefined, ctx: HandlerContext): Promise<Reply> {
  if (invalidId) return { type: 'text', text: botText('invalidDeviceId', ctx.lang) };
  if (!deviceId) return { type: 'text', text: botText('lookupUsage', ctx.lang) };
  const result = await lookUpDevice(deviceId, ctx);
  ctx.services.logger.info(
    { event: 'lookup', found: result.record !== null, failure: result.failure?.reason, ms: result.ms, source: ctx.services.registry?.source },
    'device lookup',
  );
  return { type: 'card', card: deviceCard(deviceId, result.record, { ...ctx.card, failure: result.failure }) };
}

export const lookupCommand = defineCommand<{ deviceId?: string; invalidId?: true }>({
  name: 'lookup',
  parse: (line) => {
    const m = LOOKUP.exec(line);
    return m ? typedDeviceId(m[1]) : undefined;
  },
  slow: (args) => args.deviceId !== undefined,
  help: {
    en: { command: 'lookup <deviceId>', text: "show a device's registry state" },
    nl: { command: 'lookup <deviceId>', text: 'toon de registerstatus van een apparaat' },
  },
  examples: ['lookup thermostat-042', 'look up thermostat-042', 'opzoeken pump-0043', 'zoek op pump-0043', 'lookup'],
  run: ({ deviceId, invalidId }, ctx) => lookupReply(deviceId, invalidId, ctx),
});
