// Hosting: restify + botbuilder CloudAdapter. POST /api/messages (Bot Framework authenticated unless
// the config is explicitly anonymous for local use), GET /healthz, graceful shutdown on SIGTERM/SIGINT.
// `startServer` is exported for the end-to-end tests; the process entry point runs only when this file
// is executed directly (npm start -> node dist/src/server.js).
import { uncaughtHandler } from './hosting/uncaughtGuard';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { createServices } from './app';
import { TriageBot } from './bot/teamsBot';
import type { BotOptions, BotServices } from './bot/services';
import { ConfigError, loadConfig, type Config } from './config';
import { activityShapeProblem, OutboundThrottle, StrictAuthentication, type OutboundOptions } from './hosting';
import { createLogger } from './logger';
import type { HubDirectory } from './registry/directoryPort';
import { createWatchPoster } from './bot/watchPoster';
import { createWatchScheduler, type WatchScheduler } from './watch/scheduler';

/** Teams messages are at most ~100 KB; invokes carry a card's data. Anything much larger is not Teams. */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long shutdown waits for in-flight turns before closing connections anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  port: number;
  host: string;
  /** The hub-watch scheduler, when watch storage and a whole-hub source are configured (tests call tick()). */
  watchScheduler?: WatchScheduler;
  close(): Promise<void>;
}

/** How often the watch scheduler looks for due watches (each watch runs every 15, 30 or 60 minutes). */
export const WATCH_TICK_MS = 60_000;

export function botFrameworkAuthOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const b = config.bot;
  return {
    MicrosoftAppId: b.anonymous ? '' : b.appId,
    MicrosoftAppPassword: b.anonymous ? '' : (b.appPassword ?? ''),
    MicrosoftAppType: b.appType,
    MicrosoftAppTenantId: b.tenantId ?? '',
  };
}

export interface ServerOptions {
  /** Replaces the Teams bot's turn logic (the load bench's echo baseline: same server, same adapter). */
  handler?: (context: TurnContext) => Promise<void>;
  /** Rate limits, 429 retries and deadlines for replies to the Bot Connector (src/hosting). */
  outbound?: OutboundOptions;
  /** Bot behaviour beyond the configuration (tests: typingAfterMs). */
  bot?: Omit<Partial<BotOptions>, 'allowedTenantIds'>;
  /** The watch scheduler: its clock and tick interval (tests), or not started on a timer (`tickMs: 0`; tick() still works). */
  watch?: { clock?: () => Date; tickMs?: number; instanceId?: string; staggerMs?: number };
}

export async function startServer(config: Config, services: BotServices & { directory?: HubDirectory }, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = services.logger;
  if (!config.bot.anonymous && config.bot.appId === '') {
    // loadConfig never produces this; a hand-built Config must not switch authentication off by accident.
    throw new ConfigError(['MicrosoftAppId is empty but the configuration is not marked anonymous.']);
  }
  // Replies go through the throttle: Teams' per-thread/tenant limits, 429s without Retry-After, deadlines.
  const outbound = new OutboundThrottle({
    ...options.outbound,
    observe: (e) => {
      if (e.kind === 'gave-up') logger.warn({ event: 'outbound', ...e }, 'reply not delivered');
      else if (e.kind === 'throttled' || e.kind === 'retry') logger.info({ event: 'outbound', ...e }, 'outbound');
      else logger.debug({ event: 'outbound', ...e }, 'outbound');
      options.outbound?.observe?.(e);
    },
  });
  const auth = new StrictAuthentication(new ConfigurationBotFrameworkAuthentication(botFrameworkAuthOptions(config)), (f) => outbound.wrapFactory(f));
  const adapter = new CloudAdapter(auth);
  const bot = new TriageBot(services, { ...options.bot, allowedTenantIds: config.allowedTenantIds, watchLimits: config.watch });
  const logic = options.handler ?? ((context: TurnContext) => bot.run(context));

  // Last resort: the bot catches its own errors; this covers failures in the adapter's own pipeline.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ event: 'adapter-turn-error', err: error, activityType: context.activity?.type }, 'turn error');
    try {
      services.telemetry?.trackException(error, 'adapter.onTurnError');
    } catch {
      /* telemetry must never break a turn */
    }
  };

  const server = restify.createServer({ name: 'iothub-triage', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));

  // restify's own errors (e.g. unparseable JSON) would echo part of the body back: answer generically.
  server.on('restifyError', (_req: restify.Request, _res: restify.Response, err: Error & { code?: string; toJSON?: () => unknown }, callback: () => void) => {
    const code = typeof err.code === 'string' ? err.code : 'Error';
    err.toJSON = () => ({ code, message: 'The request could not be read.' });
    callback();
  });

  let inFlight = 0;
  let closing = false;
  let watchScheduler: WatchScheduler | undefined;

  server.post('/api/messages', async (req, res) => {
    inFlight++;
    const started = Date.now();
    try {
      const problem = activityShapeProblem(req.body);
      if (problem) {
        logger.warn({ event: 'bad-request', problem }, 'request rejected');
        res.send(400, { error: `Bad request: expected a Bot Framework activity (${problem}).` });
        return;
      }
      await adapter.process(req, res, logic);
    } catch (err) {
      // e.g. a body that is JSON but not an activity: answer 400, never crash.
      logger.warn({ event: 'bad-request', err }, 'request rejected');
      if (!res.headersSent) res.send(400, { error: 'Bad request: expected a Bot Framework activity.' });
    } finally {
      inFlight--;
      const ms = Date.now() - started;
      logger.debug({ event: 'http', route: 'messages', status: res.statusCode, ms }, 'request');
      try {
        services.telemetry?.trackRequest?.({ name: 'POST /api/messages', url: '/api/messages', durationMs: ms, resultCode: res.statusCode, success: res.statusCode < 400 });
      } catch {
        /* telemetry must never break a request */
      }
    }
  });

  // restify 11 requires handlers to be async (or take `next`).
  server.get('/healthz', async (_req, res) => {
    res.send(closing ? 503 : 200, {
      status: closing ? 'stopping' : 'ok',
      auth: config.bot.anonymous ? 'anonymous' : config.bot.appType,
      registry: services.registry?.source ?? 'none',
      explainer: services.explainer !== undefined,
      fleet: services.fleet !== undefined,
      // Hub names only (never hosts' credentials): configured and discovered, so an operator sees what is searched.
      hubs: services.directory?.hubs() ?? [],
      discoveredHubs: services.directory?.discovered?.() ?? [],
      // Table storage behind the resend dedupe (and the hub watches): shared by every instance, or none.
      storage: services.activityDedupe !== undefined ? 'table' : 'none',
      // Hub watches run here (watch storage and a whole-hub source are both set).
      watches: watchScheduler !== undefined,
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  // Hub watches run in every instance; leases and ETags in the store make each round run (and post) once.
  if (services.watchStore && services.fleet) {
    const instanceId = options.watch?.instanceId ?? randomUUID();
    watchScheduler = createWatchScheduler({
      store: services.watchStore,
      source: services.fleet,
      post: createWatchPoster({ adapter, appId: botFrameworkAuthOptions(config).MicrosoftAppId ?? '', dedupe: services.activityDedupe, logger }),
      clock: options.watch?.clock ?? services.clock,
      instanceId,
      limits: config.watch,
      logger,
      ...(options.watch?.staggerMs !== undefined ? { staggerMs: options.watch.staggerMs } : {}),
    });
    const tickMs = options.watch?.tickMs ?? WATCH_TICK_MS;
    if (tickMs > 0) watchScheduler.start(tickMs);
    logger.info({ event: 'watch-scheduler', started: tickMs > 0, tickMs }, 'hub watches on');
  } else if (services.watchStore || services.fleet) {
    logger.info({ event: 'watch-scheduler', started: false, storage: services.watchStore !== undefined, fleet: services.fleet !== undefined }, 'hub watches off: they need both watch storage and a whole-hub source');
  }
  logger.info({ event: 'listening', port: address.port, host: config.host, auth: config.bot.anonymous ? 'anonymous' : config.bot.appType }, 'listening');

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      await watchScheduler?.stop();
      const http = server.server;
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const deadline = Date.now() + SHUTDOWN_GRACE_MS;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      http.closeAllConnections();
      // Never hang shutdown on a connection that will not close.
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 1_000).unref())]);
      logger.info({ event: 'stopped', abandoned: inFlight }, 'server stopped');
    })();
    return closed;
  };

  return { port: address.port, host: config.host, ...(watchScheduler ? { watchScheduler } : {}), close };
}

/** Process entry: validate config, say loudly what is off, start, stop cleanly on signals. */
async function main(): Promise<void> {
  let config: Config;
  let services: Awaited<ReturnType<typeof createServices>>;
  try {
    config = loadConfig(process.env);
    const logger = createLogger({ level: config.logLevel });
    for (const warning of config.warnings) logger.warn({ event: 'config-warning' }, warning);
    if (config.bot.anonymous) {
      const banner = '!'.repeat(78);
      console.error(
        `${banner}\n!! Bot Framework authentication is OFF (no MicrosoftAppId, BOT_ALLOW_ANONYMOUS=true).\n!! Anyone who can reach the port can use the bot. Local use only; listening on ${config.host}.\n${banner}`,
      );
    }
    services = await createServices(config, logger);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = services.logger;
  const running = await startServer(config, services);
  const stop = (signal: string) => {
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    services.directory?.stop?.();
    running
      .close()
      .then(() => services.telemetry.flush())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error({ event: 'unhandled-rejection', err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', uncaughtHandler(logger, (code) => process.exit(code)));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // System errors (EADDRINUSE, EACCES) have safe messages; anything else: its name only.
    const code = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
    console.error('Failed to start:', err instanceof Error ? (code ? err.message : err.name) : typeof err);
    process.exit(1);
  });
}
