// Hub names as people write them: "contoso-prod", "contoso-prod.azure-devices.net", "https://Contoso-Prod.azure-devices.net/".
// The short name (first DNS label, lower case) is how the directory names a hub everywhere.

/** Host or name -> the form compared: trimmed, no scheme or trailing slash, lower case. */
export function canonicalHub(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** "contoso-prod.azure-devices.net" -> "contoso-prod"; a short name stays as it is (lower case). */
export function shortHubName(value: string): string {
  return canonicalHub(value).split('.')[0];
}

/** Does `asked` (short name or host name, any case) name this hub? */
export function namesHub(asked: string, hub: { name: string; host?: string }): boolean {
  const a = canonicalHub(asked);
  if (a === '') return false;
  if (a === hub.name.toLowerCase()) return true;
  if (hub.host && a === hub.host.toLowerCase()) return true;
  // A host name for a hub known only by short name (a snapshot file): compare the first label.
  return !hub.host && a.includes('.') && shortHubName(a) === hub.name.toLowerCase();
}

export const IOTHUB_SUFFIX = '.azure-devices.net';
export const DPS_SUFFIX = '.azure-devices-provisioning.net';

/**
 * "contoso-hub", "contoso-hub.azure-devices.net" or "https://contoso-hub.azure-devices.net/" -> host name.
 * Throws an Error naming the variable (the value is a host name, not a secret, but stays out anyway).
 */
export function hostNameFrom(value: string, variable: string, suffix: string): string {
  const host = value.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/.test(host) || host.length > 253) {
    throw new Error(`${variable} must be a host name such as contoso${suffix}.`);
  }
  return (host.includes('.') ? host : `${host}${suffix}`).toLowerCase();
}

/** A comma (or semicolon / whitespace) separated setting -> its non-empty items. File paths split on commas only. */
export function listSetting(value: string | undefined, separators: RegExp = /[,;\s]+/): string[] {
  return (value ?? '')
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The settings the hub directory is built from; a caller can test "is anything configured?" without loading it. */
export const DIRECTORY_ENV_KEYS = [
  'IOTHUB_CONNECTION_STRING',
  'IOTHUB_HOSTNAME',
  'IOTHUB_HOSTNAMES',
  'IOTHUB_REGISTRY_SNAPSHOT',
  'IOTHUB_DISCOVER',
  'DPS_HOSTNAME',
  'DPS_REGISTRATION_SNAPSHOT',
] as const;
