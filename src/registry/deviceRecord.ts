// Turns the device JSON the registry speaks into a neutral DeviceRecord. One mapper for every shape we
// meet: the REST/SDK device identity (`authentication.type`), the device twin that
// `az iot hub device-identity list` prints (`authenticationType`, `x509Thumbprint`), and an
// export-devices job line (`id`, `authentication`). PowerShell-style capitalised values are accepted too.
import type { DeviceRecord, RegisteredAuthType } from '../triage/types';

type Json = Record<string, unknown>;

/** Why a raw object could not be read; the caller adds the file name and line. */
export class DeviceShapeError extends Error {}

const AUTH_TYPES: Record<string, RegisteredAuthType> = {
  sas: 'sas',
  selfsigned: 'selfSigned',
  certificateauthority: 'certificateAuthority',
  none: 'none',
};

// The registry's "never" timestamp (e.g. lastActivityTime of a device that never connected).
const NEVER = /^0001-01-01/;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function time(v: unknown): string | undefined {
  const s = str(v);
  return s && !NEVER.test(s) ? s : undefined;
}

function obj(v: unknown): Json | undefined {
  return isObject(v) ? v : undefined;
}

/** The device id of a raw object, or undefined when it is not a device (or module) object. */
export function rawDeviceId(raw: Json): string | undefined {
  return str(raw.deviceId) ?? str(raw.id);
}

export function rawModuleId(raw: Json): string | undefined {
  return str(raw.moduleId);
}

function authTypeOf(raw: Json, auth: Json | undefined, thumbs: Json | undefined, keys: Json | undefined): RegisteredAuthType {
  const declared = str(auth?.type) ?? str(raw.authenticationType);
  if (declared !== undefined) {
    const t = AUTH_TYPES[declared.toLowerCase()];
    if (!t) throw new DeviceShapeError(`unknown authentication type "${declared.slice(0, 40)}"`);
    return t;
  }
  // Export jobs written by older hubs may omit the type: infer it from what is filled in.
  if (str(keys?.primaryKey) || str(keys?.secondaryKey)) return 'sas';
  if (str(thumbs?.primaryThumbprint) || str(thumbs?.secondaryThumbprint)) return 'selfSigned';
  return 'none';
}

/**
 * Map one raw device object to a DeviceRecord. Keys are copied only when `withKeys` is set, so a caller
 * that did not ask for them can never leak them.
 */
export function toDeviceRecord(raw: unknown, opts: { hub?: string; withKeys?: boolean } = {}): DeviceRecord {
  if (!isObject(raw)) throw new DeviceShapeError('expected a JSON object describing a device');
  const deviceId = rawDeviceId(raw);
  if (!deviceId) throw new DeviceShapeError('device has no "deviceId" (or "id")');

  const statusRaw = str(raw.status)?.toLowerCase() ?? 'enabled';
  if (statusRaw !== 'enabled' && statusRaw !== 'disabled') {
    throw new DeviceShapeError(`device "${deviceId}" has unknown status "${statusRaw.slice(0, 40)}"`);
  }
  const auth = obj(raw.authentication);
  const thumbs = obj(auth?.x509Thumbprint) ?? obj(raw.x509Thumbprint);
  const keys = obj(auth?.symmetricKey);
  const conn = str(raw.connectionState)?.toLowerCase();

  const record: DeviceRecord = {
    deviceId,
    status: statusRaw,
    authType: authTypeOf(raw, auth, thumbs, keys),
  };
  const moduleId = rawModuleId(raw);
  if (moduleId) record.moduleId = moduleId;
  if (opts.hub) record.hub = opts.hub;
  const reason = str(raw.statusReason);
  if (reason) record.statusReason = reason;
  const p = str(thumbs?.primaryThumbprint);
  const s = str(thumbs?.secondaryThumbprint);
  if (p) record.primaryThumbprint = p;
  if (s) record.secondaryThumbprint = s;
  if (opts.withKeys) {
    const pk = str(keys?.primaryKey);
    const sk = str(keys?.secondaryKey);
    if (pk) record.primaryKey = pk;
    if (sk) record.secondaryKey = sk;
  }
  if (conn === 'connected') record.connectionState = 'Connected';
  else if (conn === 'disconnected') record.connectionState = 'Disconnected';
  const last = time(raw.lastActivityTime);
  if (last) record.lastActivityTime = last;
  // The identity says statusUpdatedTime, the twin says statusUpdateTime.
  const statusAt = time(raw.statusUpdatedTime) ?? time(raw.statusUpdateTime);
  if (statusAt) record.statusUpdatedTime = statusAt;
  const connAt = time(raw.connectionStateUpdatedTime);
  if (connAt) record.connectionStateUpdatedTime = connAt;
  return record;
}

/** A copy without symmetric keys: what may be cached or kept beyond a signature check. */
export function withoutKeys(record: DeviceRecord): DeviceRecord {
  const { primaryKey: _p, secondaryKey: _s, ...rest } = record;
  return rest;
}
