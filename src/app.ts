// Composition root: builds the bot's services from the validated configuration. Optional services
// that cannot start are left out (the bot degrades), except a registry setting that is set but unusable:
// that is a deployment mistake and is reported at start like any other bad configuration value.
import type { BotServices } from './bot/services';
import { ConfigError, type Config } from './config';
import type { Explainer } from './explain/types';
import type { FleetSource } from './fleet/types';
import type { Logger } from './logger';
import { createHubDirectoryFromEnv, DIRECTORY_ENV_KEYS } from './registry/directoryFromEnv';
import type { HubDirectory } from './registry/directoryPort';
import { listSetting } from './registry/hubNames';
import type { DeviceRegistry } from './registry/port';
import { createTelemetry, type Telemetry } from './telemetry';
import type { WatchStorage } from './watch/fromEnv';

export interface AppServices extends BotServices {
  telemetry: Telemetry;
  /** Every configured (and discovered) hub, and DPS: where a device really lives. */
  directory?: HubDirectory;
}

const set = (v: string | undefined) => typeof v === 'string' && v.trim() !== '';

/**
 * Each Azure SDK (azure-iothub, openai, Log Analytics, data-tables, identity) is loaded only when its settings are
 * present: a bot without them starts without them.
 */
export async function createServices(config: Config, logger: Logger): Promise<AppServices> {
  const env = config.env;
  let registry: DeviceRegistry | undefined;
  try {
    if (set(env.IOTHUB_CONNECTION_STRING) || set(env.IOTHUB_HOSTNAME) || set(env.IOTHUB_HOSTNAMES)) {
      registry = (await import('./registry/fromEnv')).createRegistryFromEnv(env);
    } else if (set(env.IOTHUB_REGISTRY_SNAPSHOT)) {
      // A snapshot alone (npm run dev) needs no Azure SDK: skip the module that imports them.
      // With several files (several hubs), the single registry is the first file's.
      const { loadSnapshotRegistry } = await import('./registry/snapshot');
      try {
        registry = loadSnapshotRegistry(listSetting(env.IOTHUB_REGISTRY_SNAPSHOT, /,/)[0]);
      } catch (err) {
        throw new Error(`IOTHUB_REGISTRY_SNAPSHOT: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    // The message names the variable, never its value.
    throw new ConfigError([err instanceof Error ? err.message : 'The device registry settings are not usable.']);
  }
  let directory: HubDirectory | undefined;
  try {
    // The directory module loads each Azure SDK only when its setting is present (none for snapshots).
    if (DIRECTORY_ENV_KEYS.some((k) => set(env[k]))) {
      directory = await createHubDirectoryFromEnv(env, {
        observeDiscovery: (e) =>
          e.kind === 'refreshed' ? logger.info({ event: 'hub-discovery', hubs: e.hubs }, 'hubs discovered') : logger.warn({ event: 'hub-discovery', ...e }, 'hub discovery'),
      });
    }
  } catch (err) {
    throw new ConfigError([err instanceof Error ? err.message : 'The hub directory settings are not usable.']);
  }
  let explainer: Explainer | undefined;
  if (set(env.AZURE_OPENAI_ENDPOINT)) {
    const { createExplainerFromEnv } = await import('./explain');
    explainer = createExplainerFromEnv(env, {
      observe: (e) => logger.info({ event: 'explain', op: e.op, ok: e.ok, reason: e.reason, ms: e.ms }, 'explain'),
    });
  }
  if (config.openai.endpoint && !explainer) {
    logger.warn({ event: 'explainer-unavailable' }, 'Azure OpenAI is configured but the explainer could not be created; answering without explanations.');
  }
  // Under the bot's own fleet budget (12 s), so a slow query ends as a timeout outcome, not a hung turn.
  let fleet: FleetSource | undefined;
  if (set(env.LOG_ANALYTICS_WORKSPACE_ID) || set(env.IOTHUB_RESOURCE_ID)) {
    const { createFleetSourceFromEnv } = await import('./fleet/fromEnv');
    fleet = createFleetSourceFromEnv(env, { timeoutMs: 10_000 });
  }
  // Table storage: hub watches, and the activity dedupe shared by every instance. Start never waits for it:
  // the tables are created in the background (and again on first use if that failed), so a store that is
  // down at start only degrades the dedupe.
  let watchStorage: WatchStorage | undefined;
  if (config.watchStorage) {
    const { createWatchStorage } = await import('./watch/fromEnv');
    watchStorage = await createWatchStorage(config.watchStorage, {
      onBadRow: (info) => logger.warn({ event: 'watch-bad-row', ...info }, 'a row in the watch table is not a watch; skipped'),
    });
    void watchStorage.warmUp();
  }
  // Requests are tracked by hand in server.ts, so no global auto-collection is needed.
  const telemetry = createTelemetry(config.env, { autoCollect: false });
  logger.info(
    {
      event: 'services',
      registry: registry ? registry.describe() : 'none',
      directory: directory ? directory.describe() : 'none',
      explainer: explainer !== undefined,
      fleet: fleet !== undefined,
      watchStorage: watchStorage ? watchStorage.describe() : 'none',
      telemetry: telemetry.enabled,
      allowedTenants: config.allowedTenantIds.length,
    },
    'services ready',
  );
  return { registry, directory, explainer, fleet, telemetry, activityDedupe: watchStorage?.dedupe, watchStore: watchStorage?.store, clock: () => new Date(), logger };
}
