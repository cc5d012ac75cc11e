// `lookup <deviceId> [in <hub>]` (`opzoeken <deviceId> [in <hub>]`, `zoek <deviceId> op [in <hub>]`) and the
// "Look up device" button: what the identity registry says about one device. With several hubs, every
// configured hub is asked (or only the one named) and the card says which have it and what DPS says.
import { deviceCard } from '../../cards';
import type { HubsLookup } from '../../triage/hubs';
import type { DeviceRecord, RegistryLookup } from '../../triage/types';
import { withinBudget } from '../budget';
import { isDeviceId } from '../deviceId';
import { botText } from '../messages';
import type { HandlerContext, Reply } from '../reply';
import { DEFAULT_REGISTRY_BUDGET_MS } from '../services';
import { defineCommand } from './command';

const LOOKUP = /^\/?(look\s?up|lookup|opzoeken|zoek(?:\s+op)?)(?:\s+(.+))?$/i;
/** An IoT Hub name (3–50 letters, digits, hyphens), or its host name. */
const HUB = /^[A-Za-z0-9-]{3,50}(?:\.azure-devices\.net)?$/i;

export interface LookupArgs {
  deviceId?: string;
  invalidId?: true;
  hub?: string;
  invalidHub?: true;
}

/** `<id>`, `<id> in <hub>`; after Dutch `zoek`, also `<id> op [in <hub>]`. */
export function parseLookupArgs(word: string, rest: string | undefined): LookupArgs {
  if (rest === undefined) return {};
  const tokens = rest.trim().split(' ');
  const id = tokens.shift()?.replace(/^["'`<]+|["'`>]+$/g, '') ?? '';
  if (/^zoek$/i.test(word) && /^op$/i.test(tokens[0] ?? '')) tokens.shift();
  if (!isDeviceId(id)) return { invalidId: true };
  if (tokens.length === 0) return { deviceId: id };
  if (tokens.length === 2 && /^in$/i.test(tokens[0])) {
    const hub = tokens[1].replace(/^["'`<]+|["'`>]+$/g, '');
    return HUB.test(hub) ? { deviceId: id, hub: hub.toLowerCase().replace(/\.azure-devices\.net$/, '') } : { deviceId: id, invalidHub: true };
  }
  return { invalidId: true };
}

export interface DeviceLookupResult {
  record: DeviceRecord | null;
  failure?: NonNullable<RegistryLookup['failure']>;
  /** Several hubs: every hub's answer and DPS's. */
  hubs?: HubsLookup;
  ms: number;
}

const TIMEOUT = { reason: 'timeout' as const, message: 'The registry did not answer in time.' };
const FAILED = { reason: 'error' as const, message: 'The registry lookup failed.' };

/** Look one device up within the registry time budget: in every configured hub, or in `hub` only. Never rejects. */
export async function lookUpDevice(deviceId: string, ctx: HandlerContext, hub?: string): Promise<DeviceLookupResult> {
  const budget = ctx.options.registryBudgetMs ?? DEFAULT_REGISTRY_BUDGET_MS;
  const directory = ctx.services.directory;
  if (directory) {
    const r = await withinBudget(directory.locate([deviceId], { modules: true, deadlineMs: Math.round(budget * 0.8), ...(hub ? { onlyHub: hub } : {}) }), budget);
    if (!r.done) return { record: null, failure: r.reason === 'timeout' ? TIMEOUT : FAILED, ms: r.ms };
    const hubs = r.value;
    const holder = hubs.answers.find((a) => a.devices.get(deviceId)?.deviceId === deviceId) ?? hubs.answers.find((a) => a.devices.get(deviceId));
    const answered = hubs.answers.some((a) => a.devices.has(deviceId));
    const failure = answered || hubs.unknownHubs.length > 0 ? undefined : (hubs.answers.find((a) => a.failure)?.failure ?? FAILED);
    return { record: stripKeys(holder?.devices.get(deviceId) ?? null), failure, hubs, ms: r.ms };
  }
  const registry = ctx.services.registry;
  if (!registry) {
    return { record: null, failure: { reason: 'not-configured', message: 'No device registry is configured for this bot.' }, ms: 0 };
  }
  const r = await withinBudget(registry.lookup([deviceId], { modules: true }), budget);
  if (!r.done) return { record: null, failure: r.reason === 'timeout' ? TIMEOUT : FAILED, ms: r.ms };
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

/** The device card for a lookup result (the command and the "Look up device" button share it). */
export function lookupCard(deviceId: string, result: DeviceLookupResult, ctx: HandlerContext, checked?: { at: Date; refreshed: boolean }) {
  return deviceCard(deviceId, result.record, { ...ctx.card, failure: result.failure, ...(result.hubs ? { hubs: result.hubs } : {}), ...(checked ? { checked } : {}) });
}

async function lookupReply(args: LookupArgs, ctx: HandlerContext): Promise<Reply> {
  if (args.invalidId) return { type: 'text', text: botText('invalidDeviceId', ctx.lang) };
  if (args.invalidHub) return { type: 'text', text: botText('invalidHubName', ctx.lang) };
  if (!args.deviceId) return { type: 'text', text: botText('lookupUsage', ctx.lang) };
  const result = await lookUpDevice(args.deviceId, ctx, args.hub);
  ctx.services.logger.info(
    {
      event: 'lookup',
      found: result.record !== null,
      failure: result.failure?.reason,
      ms: result.ms,
      source: ctx.services.directory ? 'directory' : ctx.services.registry?.source,
      hubsAsked: result.hubs?.answers.length,
    },
    'device lookup',
  );
  return { type: 'card', card: lookupCard(args.deviceId, result, ctx) };
}

export const lookupCommand = defineCommand<LookupArgs>({
  name: 'lookup',
  parse: (line) => {
    const m = LOOKUP.exec(line);
    return m ? parseLookupArgs(m[1], m[2]) : undefined;
  },
  slow: (args) => args.deviceId !== undefined,
  help: {
    en: { command: 'lookup <deviceId> [in <hub>]', text: "show a device's registry state: which hubs have it, and what DPS says" },
    nl: { command: 'opzoeken <deviceId> [in <hub>]', text: 'toon de registerstatus van een apparaat: welke hubs het kennen, en wat DPS zegt' },
  },
  examples: [
    'lookup thermostat-042',
    'look up thermostat-042',
    'lookup pump-0043 in contoso-test',
    'opzoeken pump-0043',
    'opzoeken pump-0043 in contoso-test',
    'zoek op pump-0043',
    'zoek pump-0043 op in contoso-test',
    'lookup',
  ],
  run: (args, ctx) => lookupReply(args, ctx),
});
