// Composition root: builds the bot's services from the validated configuration. Optional services
// that cannot start are left out (the bot degrades), except a registry setting that is set but unusable:
// that is a deployment mistake and is reported at start like any other bad configuration value.
import type { BotServices } from './bot/services';
import { ConfigError, type Config } from './config';
import { createExplainerFromEnv } from './explain';
import { createFleetSourceFromEnv } from './fleet/fromEnv';
import type { Logger } from './logger';
import { createRegistryFromEnv } from './registry/fromEnv';
import type { DeviceRegistry } from './registry/port';
import { createTelemetry, type Telemetry } from './telemetry';

export interface AppServices extends BotServices {
  telemetry: Telemetry;
}

export function createServices(config: Config, logger: Logger): AppServices {
  let registry: DeviceRegistry | undefined;
  try {
    registry = createRegistryFromEnv(config.env);
  } catch (err) {
    // fromEnv names the variable, never its value.
    throw new ConfigError([err instanceof Error ? err.message : 'The device registry settings are not usable.']);
  }
  const explainer = createExplainerFromEnv(config.env, {
    observe: (e) => logger.info({ event: 'explain', op: e.op, ok: e.ok, reason: e.reason, ms: e.ms }, 'explain'),
  });
  if (config.openai.endpoint && !explainer) {
    logger.warn({ event: 'explainer-unavailable' }, 'Azure OpenAI is configured but the explainer could not be created; answering without explanations.');
  }
  // Under the bot's own fleet budget (12 s), so a slow query ends as a timeout outcome, not a hung turn.
  const fleet = createFleetSourceFromEnv(config.env, { timeoutMs: 10_000 });
  // Requests are tracked by hand in server.ts, so no global auto-collection is needed.
  const telemetry = createTelemetry(config.env, { autoCollect: false });
  logger.info(
    {
      event: 'services',
      registry: registry ? registry.describe() : 'none',
      explainer: explainer !== undefined,
      fleet: fleet !== undefined,
      telemetry: telemetry.enabled,
      allowedTenants: config.allowedTenantIds.length,
    },
    'services ready',
  );
  return { registry, explainer, fleet, telemetry, clock: () => new Date(), logger };
}
