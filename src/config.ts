// Configuration: read once from the environment at start, validated, with one clear line per bad or
// missing value. Error messages name the variable and what is wrong with it, never its value (several
// of these are secrets).
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readWatchStorage, type WatchStorageSettings } from './watch/storageSettings';

/** Every environment variable the app reads. A deploy test compares this with the Bicep app settings and .env.example. */
export const ENV_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'BOT_ALLOW_ANONYMOUS',
  'ALLOWED_TENANT_IDS',
  'IOTHUB_CONNECTION_STRING',
  'IOTHUB_HOSTNAME',
  'IOTHUB_REGISTRY_SNAPSHOT',
  'IOTHUB_HOSTNAMES',
  'IOTHUB_DISCOVER',
  'IOTHUB_DISCOVER_SUBSCRIPTIONS',
  'DPS_HOSTNAME',
  'DPS_REGISTRATION_SNAPSHOT',
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_DEPLOYMENT',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_API_VERSION',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'LOG_ANALYTICS_WORKSPACE_ID',
  'IOTHUB_RESOURCE_ID',
  'WATCH_MAX_PER_CONVERSATION',
  'WATCH_MAX_PER_TENANT',
  'WATCH_STORAGE_ENDPOINT',
  'WATCH_STORAGE_CONNECTION_STRING',
  'PORT',
  'LOG_LEVEL',
  'NODE_ENV',
] as const;
export type EnvKey = (typeof ENV_KEYS)[number];
export type Env = Readonly<Record<string, string | undefined>>;

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 3978;
/** Hub watches one conversation may have, and one tenant in all (each runs a Log Analytics query per round). */
export const DEFAULT_WATCH_MAX_PER_CONVERSATION = 5;
export const DEFAULT_WATCH_MAX_PER_TENANT = 50;
const WATCH_LIMIT_MAX = 10_000;

export interface BotAuthConfig {
  /** Empty string when anonymous (local only). */
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId?: string;
  /** True when Bot Framework authentication is OFF: no app id, explicitly allowed, never in production. */
  anonymous: boolean;
}

export interface Config {
  port: number;
  /** Interface to listen on: loopback only when anonymous, so an unauthenticated bot is never reachable from outside. */
  host: string;
  nodeEnv: string;
  production: boolean;
  logLevel: LogLevel;
  bot: BotAuthConfig;
  /** Lower-case tenant ids; empty = every tenant is served. */
  allowedTenantIds: string[];
  iothub: {
    connectionString?: string;
    hostName?: string;
    /** The first snapshot file (the single-hub registry's); all of them are in registrySnapshots. */
    registrySnapshot?: string;
    /** IOTHUB_HOSTNAMES, in order. */
    hostNames: string[];
    registrySnapshots: string[];
    discover: boolean;
    discoverSubscriptions: string[];
  };
  dps: { hostNames: string[]; registrationSnapshots: string[] };
  openai: { endpoint?: string; deployment?: string; apiKey?: string; apiVersion?: string };
  appInsightsConnectionString?: string;
  logAnalyticsWorkspaceId?: string;
  /** The hub's Azure resource id, for resource-centric Log Analytics queries when no workspace id is set. */
  iothubResourceId?: string;
  /** Limits on hub watches (`watch <hub>`). */
  watch: { maxPerConversation: number; maxPerTenant: number };
  /** Table storage for hub watches and the activity dedupe shared by all instances; absent = per-process dedupe, no watches. */
  watchStorage?: WatchStorageSettings;
  /** The validated environment, restricted to ENV_KEYS, for the colleagues' `create…FromEnv(env)` factories. */
  env: Readonly<Partial<Record<EnvKey, string>>>;
  /** Things worth saying loudly at start (not errors). */
  warnings: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const HUB_RESOURCE_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]{1,90}\/providers\/Microsoft\.Devices\/IotHubs\/[A-Za-z0-9-]{3,50}\/?$/i;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;
const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** Empty or whitespace-only values count as unset (App Service and .env files often carry `KEY=`). */
function clean(env: Env): Partial<Record<EnvKey, string>> {
  const out: Partial<Record<EnvKey, string>> = {};
  for (const key of ENV_KEYS) {
    const v = env[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = v.trim();
  }
  return out;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Read and validate the configuration. Throws ConfigError listing every problem at once. */
export function loadConfig(rawEnv: Env): Config {
  const env = clean(rawEnv);
  const problems: string[] = [];
  const warnings: string[] = [];

  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv.toLowerCase() === 'production';

  let port = DEFAULT_PORT;
  if (env.PORT !== undefined) {
    const p = portSchema.safeParse(env.PORT);
    if (p.success && /^\d+$/.test(env.PORT)) port = p.data;
    else problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}").`);
  }

  let logLevel: LogLevel = 'info';
  if (env.LOG_LEVEL !== undefined) {
    const l = env.LOG_LEVEL.toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(l)) logLevel = l as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}").`);
  }

  const bot = readBotAuth(env, production, problems, warnings);
  const allowedTenantIds = readTenantList(env.ALLOWED_TENANT_IDS, problems);
  if (production && allowedTenantIds.length === 0) {
    warnings.push('ALLOWED_TENANT_IDS is empty: the bot answers users from any Microsoft Entra tenant.');
  }

  const iothub = readIotHub(env, problems, warnings);
  const dps = readDps(env, problems);
  const openai = readOpenAI(env, problems);

  const ai = env.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (ai !== undefined && !/InstrumentationKey\s*=/i.test(ai)) {
    problems.push('APPLICATIONINSIGHTS_CONNECTION_STRING must be an Application Insights connection string (it has no InstrumentationKey=).');
  }
  const la = env.LOG_ANALYTICS_WORKSPACE_ID;
  if (la !== undefined && !GUID.test(la)) {
    problems.push(`LOG_ANALYTICS_WORKSPACE_ID must be a workspace id (a GUID), got "${la}".`);
  }

  const rid = env.IOTHUB_RESOURCE_ID;
  if (rid !== undefined && !HUB_RESOURCE_ID.test(rid)) {
    problems.push(
      'IOTHUB_RESOURCE_ID must be the hub\'s resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Devices/IotHubs/<hub>.',
    );
  }

  const watch = {
    maxPerConversation: readLimit('WATCH_MAX_PER_CONVERSATION', env.WATCH_MAX_PER_CONVERSATION, DEFAULT_WATCH_MAX_PER_CONVERSATION, problems),
    maxPerTenant: readLimit('WATCH_MAX_PER_TENANT', env.WATCH_MAX_PER_TENANT, DEFAULT_WATCH_MAX_PER_TENANT, problems),
  };
  if (watch.maxPerTenant < watch.maxPerConversation) {
    warnings.push('WATCH_MAX_PER_TENANT is below WATCH_MAX_PER_CONVERSATION: the tenant limit is reached first.');
  }
  const watchStorage = readWatchStorage(env.WATCH_STORAGE_ENDPOINT, env.WATCH_STORAGE_CONNECTION_STRING, production, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: bot.anonymous ? '127.0.0.1' : '0.0.0.0',
    nodeEnv,
    production,
    logLevel,
    bot,
    allowedTenantIds,
    iothub,
    dps,
    openai,
    appInsightsConnectionString: ai,
    logAnalyticsWorkspaceId: la,
    iothubResourceId: rid,
    watch,
    watchStorage,
    env,
    warnings,
  };
}

function readLimit(name: string, v: string | undefined, fallback: number, problems: string[]): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (/^\d+$/.test(v) && n >= 1 && n <= WATCH_LIMIT_MAX) return n;
  problems.push(`${name} must be a whole number from 1 to ${WATCH_LIMIT_MAX} (got "${v}").`);
  return fallback;
}

function readBool(name: string, v: string | undefined, problems: string[]): boolean {
  if (v === undefined) return false;
  const l = v.toLowerCase();
  if (TRUE.includes(l)) return true;
  if (FALSE.includes(l)) return false;
  problems.push(`${name} must be true or false (got "${v}").`);
  return false;
}

function readBotAuth(env: Partial<Record<EnvKey, string>>, production: boolean, problems: string[], warnings: string[]): BotAuthConfig {
  const allowAnonymous = readBool('BOT_ALLOW_ANONYMOUS', env.BOT_ALLOW_ANONYMOUS, problems);
  const appId = env.MicrosoftAppId ?? '';
  let appType: AppType = 'MultiTenant';
  if (env.MicrosoftAppType !== undefined) {
    const match = APP_TYPES.find((t) => t.toLowerCase() === env.MicrosoftAppType?.toLowerCase());
    if (match) appType = match;
    else problems.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')} (got "${env.MicrosoftAppType}").`);
  }
  const tenantId = env.MicrosoftAppTenantId;
  const appPassword = env.MicrosoftAppPassword;

  if (appId === '') {
    // An empty app id switches Bot Framework authentication OFF in botbuilder: anyone can post activities.
    if (production) {
      problems.push(
        'MicrosoftAppId is empty while NODE_ENV=production: that would switch Bot Framework authentication off. Set MicrosoftAppId (and MicrosoftAppType/MicrosoftAppTenantId).',
      );
    } else if (!allowAnonymous) {
      problems.push(
        'MicrosoftAppId is empty. Set it (with MicrosoftAppType and MicrosoftAppTenantId), or for local use only (Agents Playground, tests) set BOT_ALLOW_ANONYMOUS=true to run without Bot Framework authentication.',
      );
    } else {
      warnings.push(
        'MicrosoftAppId is empty and BOT_ALLOW_ANONYMOUS=true: Bot Framework authentication is OFF. Anyone who can reach this port can talk to the bot. Local use only; listening on 127.0.0.1.',
      );
    }
    return { appId: '', appType, anonymous: allowAnonymous && !production };
  }

  if (!GUID.test(appId)) problems.push(`MicrosoftAppId must be the bot's app (client) id, a GUID (got "${appId}").`);
  if (allowAnonymous) warnings.push('BOT_ALLOW_ANONYMOUS is ignored because MicrosoftAppId is set: authentication stays on.');
  if (appType !== 'MultiTenant' && tenantId === undefined) {
    problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType=${appType}.`);
  }
  if (tenantId !== undefined && !GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    problems.push(`MicrosoftAppTenantId must be a tenant id (GUID) or domain (got "${tenantId}").`);
  }
  if (appType !== 'UserAssignedMSI' && appPassword === undefined) {
    problems.push(`MicrosoftAppPassword is required when MicrosoftAppType=${appType} (UserAssignedMSI needs none).`);
  }
  if (appType === 'UserAssignedMSI' && appPassword !== undefined) {
    warnings.push('MicrosoftAppPassword is ignored with MicrosoftAppType=UserAssignedMSI; remove it from the settings.');
  }
  if (appType === 'MultiTenant') {
    warnings.push('MicrosoftAppType=MultiTenant: creating multi-tenant bots is deprecated; prefer UserAssignedMSI or SingleTenant.');
  }
  return { appId, appPassword: appType === 'UserAssignedMSI' ? undefined : appPassword, appType, tenantId, anonymous: false };
}

function readTenantList(v: string | undefined, problems: string[]): string[] {
  if (v === undefined) return [];
  const ids = v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = ids.filter((id) => !GUID.test(id));
  if (bad.length > 0) problems.push(`ALLOWED_TENANT_IDS must be a comma-separated list of tenant ids (GUIDs); not a GUID: ${bad.map((b) => `"${b}"`).join(', ')}.`);
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

// A hub or DPS host name, or a hub's short name (contoso-prod): letters, digits and hyphens.
const SHORT_NAME = /^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$/i;

/**
 * A comma-separated list: one problem line naming the variable and the items that are not valid (or that
 * an empty item sits in the list). Items are trimmed; duplicates are kept once.
 */
function readList(name: string, v: string | undefined, valid: (item: string) => boolean, expected: string, problems: string[], separators: RegExp = /,/): string[] {
  if (v === undefined) return [];
  const items = v.split(separators).map((s) => s.trim());
  if (items.some((s) => s === '')) {
    problems.push(`${name} must be a comma-separated list of ${expected} with no empty items (check for a doubled or trailing comma).`);
    return [];
  }
  const bad = items.filter((s) => !valid(s));
  if (bad.length > 0) {
    problems.push(`${name} must be a comma-separated list of ${expected}; not valid: ${bad.map((b) => `"${b.slice(0, 80)}"`).join(', ')}.`);
    return [];
  }
  return [...new Set(items)];
}

const hostOrShortName = (item: string): boolean => DOMAIN.test(item.replace(/^https:\/\//i, '').replace(/\/+$/, '')) || SHORT_NAME.test(item);

function readIotHub(env: Partial<Record<EnvKey, string>>, problems: string[], warnings: string[]): Config['iothub'] {
  const cs = env.IOTHUB_CONNECTION_STRING;
  const host = env.IOTHUB_HOSTNAME;
  const snapshot = env.IOTHUB_REGISTRY_SNAPSHOT;
  if (cs !== undefined) {
    // Never echo the value: it holds a key.
    const parts = new Map(
      cs
        .split(';')
        .map((kv) => kv.split('='))
        .filter((kv) => kv.length >= 2)
        .map(([k, ...rest]) => [k.trim().toLowerCase(), rest.join('=').trim()] as const),
    );
    const missing = ['HostName', 'SharedAccessKeyName', 'SharedAccessKey'].filter((k) => !parts.get(k.toLowerCase()));
    if (parts.has('deviceid')) {
      problems.push('IOTHUB_CONNECTION_STRING is a device connection string; the registry needs a hub policy (e.g. registryRead) connection string.');
    } else if (missing.length > 0) {
      problems.push(
        `IOTHUB_CONNECTION_STRING must be a hub (service) connection string with HostName, SharedAccessKeyName and SharedAccessKey; missing: ${missing.join(', ')}.`,
      );
    } else if (!DOMAIN.test(parts.get('hostname') ?? '')) {
      problems.push('IOTHUB_CONNECTION_STRING has a HostName that is not a host name.');
    }
  }
  if (host !== undefined && !DOMAIN.test(host)) {
    problems.push(`IOTHUB_HOSTNAME must be the hub's host name, e.g. my-hub.azure-devices.net (got "${host}").`);
  }
  if (cs !== undefined && host !== undefined) {
    problems.push('Set IOTHUB_CONNECTION_STRING or IOTHUB_HOSTNAME (Entra ID / managed identity), not both.');
  }
  const hostNames = readList('IOTHUB_HOSTNAMES', env.IOTHUB_HOSTNAMES, hostOrShortName, 'hub host names (e.g. contoso-prod.azure-devices.net)', problems);
  // File paths may hold spaces: the snapshot list splits on commas only.
  const registrySnapshots = readList('IOTHUB_REGISTRY_SNAPSHOT', snapshot, () => true, 'file paths', problems);
  const missingFiles = registrySnapshots.filter((f) => !existsSync(f));
  if (missingFiles.length > 0) {
    problems.push(`IOTHUB_REGISTRY_SNAPSHOT points to ${missingFiles.length === 1 ? 'a file that does' : 'files that do'} not exist: ${missingFiles.map((f) => `"${f}"`).join(', ')}.`);
  }
  if (registrySnapshots.length > 0 && (cs !== undefined || host !== undefined || hostNames.length > 0)) {
    warnings.push('IOTHUB_REGISTRY_SNAPSHOT is ignored: a live hub is configured, and live hubs win over snapshot files.');
  }
  const discover = readBool('IOTHUB_DISCOVER', env.IOTHUB_DISCOVER, problems);
  const discoverSubscriptions = readList(
    'IOTHUB_DISCOVER_SUBSCRIPTIONS',
    env.IOTHUB_DISCOVER_SUBSCRIPTIONS,
    (s) => GUID.test(s),
    'subscription ids (GUIDs)',
    problems,
    /[,;\s]+/,
  );
  if (discoverSubscriptions.length > 0 && !discover) warnings.push('IOTHUB_DISCOVER_SUBSCRIPTIONS is ignored: IOTHUB_DISCOVER is not true.');
  return { connectionString: cs, hostName: host, registrySnapshot: registrySnapshots[0], hostNames, registrySnapshots, discover, discoverSubscriptions };
}

function readDps(env: Partial<Record<EnvKey, string>>, problems: string[]): Config['dps'] {
  const hostNames = readList('DPS_HOSTNAME', env.DPS_HOSTNAME, hostOrShortName, 'DPS host names (e.g. contoso-dps.azure-devices-provisioning.net)', problems);
  const registrationSnapshots = readList('DPS_REGISTRATION_SNAPSHOT', env.DPS_REGISTRATION_SNAPSHOT, () => true, 'file paths', problems);
  const missing = registrationSnapshots.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    problems.push(`DPS_REGISTRATION_SNAPSHOT points to ${missing.length === 1 ? 'a file that does' : 'files that do'} not exist: ${missing.map((f) => `"${f}"`).join(', ')}.`);
  }
  if (hostNames.length > 0 && registrationSnapshots.length > 0) problems.push('Set DPS_HOSTNAME or DPS_REGISTRATION_SNAPSHOT, not both.');
  return { hostNames, registrationSnapshots };
}

function readOpenAI(env: Partial<Record<EnvKey, string>>, problems: string[]): Config['openai'] {
  const endpoint = env.AZURE_OPENAI_ENDPOINT;
  const deployment = env.AZURE_OPENAI_DEPLOYMENT;
  const apiKey = env.AZURE_OPENAI_API_KEY;
  const apiVersion = env.AZURE_OPENAI_API_VERSION;
  if (endpoint !== undefined) {
    let ok = false;
    try {
      const u = new URL(endpoint);
      ok = u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`AZURE_OPENAI_ENDPOINT must be an https URL, e.g. https://my-resource.openai.azure.com (got "${endpoint}").`);
  }
  if (endpoint !== undefined && deployment === undefined) problems.push('AZURE_OPENAI_DEPLOYMENT is required when AZURE_OPENAI_ENDPOINT is set.');
  if (deployment !== undefined && endpoint === undefined) problems.push('AZURE_OPENAI_ENDPOINT is required when AZURE_OPENAI_DEPLOYMENT is set.');
  if (apiKey !== undefined && endpoint === undefined) problems.push('AZURE_OPENAI_API_KEY is set but AZURE_OPENAI_ENDPOINT is not.');
  if (apiVersion !== undefined && !API_VERSION.test(apiVersion)) {
    problems.push(`AZURE_OPENAI_API_VERSION must look like 2024-10-21 (got "${apiVersion}").`);
  }
  return { endpoint, deployment, apiKey, apiVersion };
}
