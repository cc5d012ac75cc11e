// The Log Analytics adapter: runs the fleet query with LogsQueryClient (Entra ID token, no keys),
// time-boxed, and turns every fault into an outcome with a reason and a plain message. Never rejects.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TokenCredential } from '@azure/identity';
import { LogsQueryClient, LogsQueryResultStatus, type LogsQueryResult, type LogsTable } from '@azure/monitor-query-logs';
import { fleetKql, isFleetSince, SINCE_DURATION } from '../triage/fleetKql';
import { redact } from '../triage/redact';
import { fleetResultFromTables, type FleetTable } from './summaries';
import type { FleetFailure, FleetOutcome, FleetQueryOptions, FleetSource } from './types';

export const DEFAULT_FLEET_TIMEOUT_MS = 30_000;

const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;
const MAX_DEVICE_ID = 128;

/** The part of LogsQueryClient the adapter uses (tests may pass the real one, pointed at nock). */
export type LogsClient = Pick<LogsQueryClient, 'queryWorkspace' | 'queryResource'>;

export interface LogAnalyticsFleetOptions {
  credential: TokenCredential;
  /** Workspace-centric: the workspace the hub's diagnostic setting sends Connections logs to. */
  workspaceId?: string;
  /** Resource-centric: the IoT Hub's ARM resource id (queries only that hub's logs, wherever they are). */
  resourceId?: string;
  timeoutMs?: number;
  /** Retries of a failed request; 0 by default so a throttled query answers at once instead of waiting. */
  maxRetries?: number;
  /** Another cloud's endpoint, including the API version (e.g. https://api.loganalytics.us/v1). */
  endpoint?: string;
  client?: LogsClient;
}

export function tableFromLogs(t: LogsTable): FleetTable {
  return { columns: (t.columnDescriptors ?? []).map((c) => String(c.name)), rows: t.rows as unknown[][] };
}

/** "/subscriptions/…/providers/Microsoft.Devices/IotHubs/contoso-hub" -> "contoso-hub". */
export function hubFromResourceId(resourceId: string): string | undefined {
  return /\/providers\/Microsoft\.Devices\/IotHubs\/([A-Za-z0-9-]{3,50})\/?$/i.exec(resourceId)?.[1]?.toLowerCase();
}

function clip(text: string, max = 300): string {
  const one = redact(String(text ?? '')).text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
  details?: { error?: ServiceError };
}

interface ServiceError {
  message?: string;
  innererror?: ServiceError;
}

/** Why a query failed, in words a support engineer can act on. */
export function classifyError(err: unknown, timeoutMs: number, timedOut: boolean): { reason: FleetFailure; message: string } {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as ErrorLike;
  const name = e.name ?? '';
  // The service's own words, innermost last ("Failed to resolve table … 'AzureDiagnostics'" sits in innererror).
  const messages = [e.message ?? ''];
  for (let inner = e.details?.error; inner && messages.length < 5; inner = inner.innererror) if (inner.message && !messages.includes(inner.message)) messages.push(inner.message);
  const raw = clip(messages.filter(Boolean).join(' — '));
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const timeoutLike = name === 'AbortError' || e.code === 'GatewayTimeout' || e.statusCode === 504 || e.statusCode === 408 || (e.statusCode === undefined && /timed? ?out/i.test(e.message ?? ''));
  if (timedOut || timeoutLike) {
    return { reason: 'timeout', message: `Log Analytics did not answer within ${seconds} s. Try a shorter window (6h or 1h).` };
  }
  if (/CredentialUnavailable|AuthenticationError|AuthenticationRequired/i.test(name)) {
    return { reason: 'unauthorized', message: `No Entra ID sign-in is available (managed identity in Azure, "az login" locally): ${raw}` };
  }
  switch (e.statusCode) {
    case 401:
    case 403:
      return { reason: 'unauthorized', message: `The workspace refused the bot's identity (${e.statusCode}): give it the Log Analytics Reader role on the workspace. ${raw}`.trim() };
    case 429: {
      const after = Number(e.response?.headers?.get('retry-after'));
      const wait = Number.isFinite(after) && after > 0 ? ` Try again in ${Math.ceil(after)} s.` : ' Try again in a minute.';
      return { reason: 'throttled', message: `Log Analytics is throttling queries (429).${wait}` };
    }
    case 400:
      if (/resolve (table|scalar|column) expression named 'AzureDiagnostics'|AzureDiagnostics/i.test(raw)) {
        return { reason: 'bad-request', message: 'This workspace has no AzureDiagnostics table: no IoT Hub Connections logs reach it yet. Add a diagnostic setting on the hub that sends "Connections" to this workspace.' };
      }
      return { reason: 'bad-request', message: `The workspace refused the query: ${raw}` };
    case 404:
      return { reason: 'bad-request', message: `Workspace or resource not found: check LOG_ANALYTICS_WORKSPACE_ID / IOTHUB_RESOURCE_ID. ${raw}`.trim() };
    default:
      return { reason: 'error', message: raw ? `Log Analytics query failed: ${raw}` : 'Log Analytics query failed.' };
  }
}

export function createLogAnalyticsFleetSource(options: LogAnalyticsFleetOptions): FleetSource {
  const timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_FLEET_TIMEOUT_MS;
  // LogsQueryClient does not pass an abortSignal on to its pipeline, so a policy hands each request the
  // signal of the check that sent it: a timed-out query is cancelled, not left running.
  const signals = new AsyncLocalStorage<AbortSignal>();
  let client: LogsClient;
  if (options.client) client = options.client;
  else {
    const logs = new LogsQueryClient(options.credential, {
      retryOptions: { maxRetries: options.maxRetries ?? 0 },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    logs.pipeline.addPolicy({
      name: 'iothubTriageAbort',
      sendRequest: (request, next) => {
        const signal = signals.getStore();
        if (signal && !request.abortSignal) request.abortSignal = signal;
        return next(request);
      },
    });
    client = logs;
  }
  const resourceHub = options.resourceId ? hubFromResourceId(options.resourceId) : undefined;

  async function run(opts: FleetQueryOptions): Promise<FleetOutcome> {
    // "contoso-hub.azure-devices.net" (a card's checkHub data may carry the host name) reads as "contoso-hub".
    const hub = typeof opts?.hub === 'string' ? opts.hub.trim().toLowerCase().replace(/\.azure-devices\.net$/, '') : '';
    if (!HUB_NAME.test(hub)) return { ok: false, reason: 'bad-request', message: 'An IoT Hub name is 3 to 50 letters, digits or hyphens.' };
    if (!isFleetSince(opts.since)) return { ok: false, reason: 'bad-request', message: 'The time window must be one of 1h, 6h, 12h, 24h, 3d, 7d.' };
    const deviceId = typeof opts.deviceId === 'string' && opts.deviceId !== '' ? opts.deviceId : undefined;
    if (deviceId !== undefined && deviceId.length > MAX_DEVICE_ID) return { ok: false, reason: 'bad-request', message: 'A device id is at most 128 characters.' };
    if (!options.workspaceId && !options.resourceId) return { ok: false, reason: 'not-configured', message: 'No Log Analytics workspace is configured (LOG_ANALYTICS_WORKSPACE_ID).' };
    if (!options.workspaceId && resourceHub && resourceHub !== hub) {
      return { ok: false, reason: 'bad-request', message: `This bot reads the logs of hub ${resourceHub} only.` };
    }
    const query = fleetKql({ hub, deviceId, since: opts.since });
    const timespan = { duration: SINCE_DURATION[opts.since] };
    let timer: NodeJS.Timeout | undefined;
    const controller = new AbortController();
    // The time box is ours: whatever the SDK or the network does, the answer comes within timeoutMs.
    const timeUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve('timeout');
      }, timeoutMs);
      timer.unref?.();
    });
    const queryOptions = { serverTimeoutInSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)), abortSignal: controller.signal };
    const query$: Promise<LogsQueryResult> = signals.run(controller.signal, () =>
      options.workspaceId
        ? client.queryWorkspace(options.workspaceId, query, timespan, queryOptions)
        : // The SDK's URL template adds its own "/": a leading one would make ".../v1//subscriptions/...".
          client.queryResource(String(options.resourceId).replace(/^\/+/, ''), query, timespan, queryOptions),
    );
    query$.catch(() => undefined); // a late failure after the time box must not surface as unhandled
    try {
      const result = await Promise.race([query$, timeUp]);
      if (result === 'timeout') return { ok: false, ...classifyError(undefined, timeoutMs, true), query };
      const ctx = { hub, since: opts.since, query, deviceId };
      if (result.status === LogsQueryResultStatus.PartialFailure) {
        const pe = result.partialError;
        const message = clip(`${pe?.code ? `${pe.code}: ` : ''}${pe?.message ?? 'some data could not be read'}`);
        return { ok: true, result: fleetResultFromTables((result.partialTables ?? []).map(tableFromLogs), { ...ctx, partial: { message } }) };
      }
      return { ok: true, result: fleetResultFromTables((result.tables ?? []).map(tableFromLogs), ctx) };
    } catch (err) {
      return { ok: false, ...classifyError(err, timeoutMs, false), query };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async check(opts: FleetQueryOptions): Promise<FleetOutcome> {
      try {
        return await run(opts);
      } catch (err) {
        // A bug of ours must not reach the chat as a crash either.
        return { ok: false, reason: 'error', message: clip(`Fleet check failed: ${(err as Error)?.message ?? String(err)}`) };
      }
    },
  };
}
