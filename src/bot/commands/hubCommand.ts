// `hub <hub-name> [1h|6h|12h|24h|3d|7d]` (and the "Check the whole hub" / fleet drill-down buttons):
// which devices on a hub churn benignly and which have credential problems, from Log Analytics.
import { fleetCard } from '../../cards';
import { parseHubCommand } from '../../fleet/parse';
import type { FleetOutcome, FleetQueryOptions } from '../../fleet/types';
import { withinBudget } from '../budget';
import { botText } from '../messages';
import type { HandlerContext, Reply } from '../reply';
import { DEFAULT_FLEET_BUDGET_MS } from '../services';
import { defineCommand } from './command';

const HUB = /^\/?hub(?:\s+(.+))?$/i;

/** Run the fleet query within the budget. Never rejects: a slow or failing query is an outcome with a reason. */
export async function checkFleet(query: FleetQueryOptions, ctx: HandlerContext): Promise<FleetOutcome> {
  const fleet = ctx.services.fleet;
  if (!fleet) return { ok: false, reason: 'not-configured', message: botText('hubCheckUnavailable', ctx.lang) };
  const r = await withinBudget(fleet.check(query), ctx.options.fleetBudgetMs ?? DEFAULT_FLEET_BUDGET_MS);
  const outcome: FleetOutcome = r.done
    ? r.value
    : { ok: false, reason: r.reason === 'timeout' ? 'timeout' : 'error', message: r.reason === 'timeout' ? 'Log Analytics did not answer in time.' : 'The query failed.' };
  ctx.services.logger.info(
    { event: 'fleet', ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason, devices: outcome.ok ? outcome.result.totals.devices : undefined, perDevice: query.deviceId !== undefined, ms: r.ms },
    'fleet check',
  );
  return outcome;
}

async function checkHubReply(args: string, ctx: HandlerContext): Promise<Reply> {
  if (!ctx.services.fleet) return { type: 'text', text: botText('hubCheckUnavailable', ctx.lang) };
  const parsed = parseHubCommand(args, ctx.lang);
  if (!parsed.ok) return { type: 'text', text: parsed.message };
  const outcome = await checkFleet({ hub: parsed.hub, since: parsed.since }, ctx);
  return { type: 'card', card: fleetCard(outcome, ctx.card) };
}

export const hubCommand = defineCommand<{ args: string }>({
  name: 'hub',
  parse: (line) => {
    const m = HUB.exec(line);
    return m ? { args: m[1] ?? '' } : undefined;
  },
  slow: () => true,
  help: {
    en: { command: 'hub <hub-name> [6h|24h|7d]', text: 'check a whole hub in Log Analytics: churn vs locked-out devices' },
    nl: { command: 'hub <hubnaam> [6h|24h|7d]', text: 'controleer een hele hub in Log Analytics: churn of buitengesloten apparaten' },
  },
  // Listed only when a Log Analytics workspace is configured.
  listed: (card) => card.hubCheckAvailable === true,
  examples: ['hub contoso-hub 6h', 'hub', '/hub contoso-iot-prod'],
  run: ({ args }, ctx) => checkHubReply(args, ctx),
});
