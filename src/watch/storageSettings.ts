// Where the watch store lives, read from the environment (pure; no SDK). In Azure: WATCH_STORAGE_ENDPOINT,
// the account's table endpoint, reached as the managed identity (the account refuses shared keys). Locally:
// WATCH_STORAGE_CONNECTION_STRING, meant for Azurite. A connection string carries an account key, so outside
// loopback it is refused when NODE_ENV=production; in development it may name a real account (a developer's
// own test account). Problems name the variable, never its value.

export type WatchStorageSettings =
  | { kind: 'endpoint'; endpoint: string }
  | { kind: 'connection-string'; connectionString: string; tableEndpoint: string; loopback: boolean };

const ACCOUNT_HOST = /^[a-z0-9]{3,24}\.table\.(?:[a-z0-9-]{1,63}\.){1,5}[a-z]{2,63}$/i;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

function readEndpoint(v: string, problems: string[]): string | undefined {
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    u = undefined;
  }
  // A query may hold a SAS token: never echo such a value.
  const shown = /[?#]|sig=/i.test(v) ? '' : ` (got "${v}")`;
  if (!u || u.protocol !== 'https:' || !ACCOUNT_HOST.test(u.hostname) || (u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.username !== '') {
    problems.push(`WATCH_STORAGE_ENDPOINT must be the storage account's table endpoint, e.g. https://myaccount.table.core.windows.net, with nothing after the host${shown}.`);
    return undefined;
  }
  return `https://${u.hostname.toLowerCase()}`;
}

function parts(cs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const piece of cs.split(';')) {
    const i = piece.indexOf('=');
    if (i > 0) out.set(piece.slice(0, i).trim().toLowerCase(), piece.slice(i + 1).trim());
  }
  return out;
}

const DEV_STORAGE = 'http://127.0.0.1:10002/devstoreaccount1';

function readConnectionString(cs: string, production: boolean, problems: string[]): WatchStorageSettings | undefined {
  const p = parts(cs);
  let tableEndpoint: string | undefined;
  if (p.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    tableEndpoint = DEV_STORAGE;
  } else {
    const account = p.get('accountname');
    const key = p.get('accountkey');
    const sas = p.get('sharedaccesssignature');
    const missing = sas && p.get('tableendpoint') ? [] : [!account && 'AccountName', !key && 'AccountKey'].filter(Boolean);
    if (missing.length > 0) {
      problems.push(`WATCH_STORAGE_CONNECTION_STRING must be a storage connection string (AccountName and AccountKey, or TableEndpoint and SharedAccessSignature) or UseDevelopmentStorage=true; missing: ${missing.join(', ')}.`);
      return undefined;
    }
    if (key && !BASE64.test(key)) {
      problems.push('WATCH_STORAGE_CONNECTION_STRING has an AccountKey that is not base64.');
      return undefined;
    }
    if (key && !p.get('defaultendpointsprotocol')) {
      // @azure/data-tables reads a key-based string only with the protocol named.
      problems.push('WATCH_STORAGE_CONNECTION_STRING needs DefaultEndpointsProtocol=http or https beside its AccountKey.');
      return undefined;
    }
    const protocol = (p.get('defaultendpointsprotocol') ?? 'https').toLowerCase();
    tableEndpoint = p.get('tableendpoint') || `${protocol}://${account}.table.${p.get('endpointsuffix') || 'core.windows.net'}`;
  }
  let url: URL;
  try {
    url = new URL(tableEndpoint);
  } catch {
    problems.push('WATCH_STORAGE_CONNECTION_STRING has a TableEndpoint that is not a URL.');
    return undefined;
  }
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (!loopback && url.protocol !== 'https:') {
    problems.push('WATCH_STORAGE_CONNECTION_STRING must use https unless it points to a local emulator (Azurite on 127.0.0.1).');
    return undefined;
  }
  if (!loopback && production) {
    problems.push(
      'WATCH_STORAGE_CONNECTION_STRING names a storage account beyond this machine while NODE_ENV=production: in Azure set WATCH_STORAGE_ENDPOINT instead (managed identity; the account refuses keys). Connection strings are for Azurite.',
    );
    return undefined;
  }
  return { kind: 'connection-string', connectionString: cs, tableEndpoint: tableEndpoint.replace(/\/$/, ''), loopback };
}

/** Undefined when neither is set (no watches, per-process dedupe only). */
export function readWatchStorage(
  endpoint: string | undefined,
  connectionString: string | undefined,
  production: boolean,
  problems: string[],
): WatchStorageSettings | undefined {
  if (endpoint !== undefined && connectionString !== undefined) {
    problems.push('Set WATCH_STORAGE_ENDPOINT (Azure, managed identity) or WATCH_STORAGE_CONNECTION_STRING (Azurite), not both.');
    return undefined;
  }
  if (endpoint !== undefined) {
    const e = readEndpoint(endpoint, problems);
    return e === undefined ? undefined : { kind: 'endpoint', endpoint: e };
  }
  if (connectionString !== undefined) return readConnectionString(connectionString, production, problems);
  return undefined;
}

/** For logs and /healthz: where, never how (no key). */
export function describeWatchStorage(s: WatchStorageSettings): string {
  return s.kind === 'endpoint' ? `table ${s.endpoint} (managed identity)` : `table ${s.tableEndpoint} (connection string${s.loopback ? ', local emulator' : ''})`;
}
