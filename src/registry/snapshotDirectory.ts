// A HubDirectory over snapshot files only: several hubs' device exports and, optionally, an export of DPS
// registration states. For the CLI (`--registry-snapshot` more than once, `--dps-snapshot`), the local bot
// and tests; live hubs and discovery are the multi-hub directory's job.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { DpsLookup, DpsRegistration, DpsRegistrationStatus, HubLookup, HubsLookup } from '../triage/hubs';
import type { HubDirectory, LocateOptions } from './directoryPort';
import type { DeviceRegistry } from './port';

/** "contoso-hub", "contoso-hub.azure-devices.net", "https://CONTOSO-HUB.azure-devices.net/" -> "contoso-hub". */
export function shortHubName(hub: string): string {
  return hub.trim().toLowerCase().replace(/^https?:\/\//, '').split(/[./]/)[0] ?? '';
}

export interface DpsSnapshot {
  dpsHost?: string;
  /** deviceId (or registration id) -> registration. Ids absent: no enrollment matches. */
  registrations: Map<string, DpsRegistration>;
}

/** One registry per short hub name, in configuration order. */
export function createSnapshotDirectory(registriesByHub: ReadonlyMap<string, DeviceRegistry>, dps?: DpsSnapshot): HubDirectory {
  const hubs = [...registriesByHub.keys()].map(shortHubName);
  const byKey = new Map([...registriesByHub.entries()].map(([h, r]) => [shortHubName(h), { hub: shortHubName(h), registry: r }]));
  return {
    hubs: () => [...hubs],
    describe: () => `${hubs.length} hub${hubs.length === 1 ? '' : 's'}: ${hubs.join(', ')}${dps ? `; DPS ${dps.dpsHost ?? 'snapshot'}` : ''}`,
    locate: async (deviceIds: string[], options: LocateOptions = {}): Promise<HubsLookup> => {
      const unknownHubs: string[] = [];
      const named = (options.onlyHub ? [options.onlyHub] : (options.preferredHubs ?? [])).map(shortHubName).filter(Boolean);
      for (const n of named) if (!byKey.has(n) && !unknownHubs.includes(n)) unknownHubs.push(n);
      const order = options.onlyHub ? named.filter((n) => byKey.has(n)) : [...new Set([...named.filter((n) => byKey.has(n)), ...hubs])];
      const started = Date.now();
      const answers: HubLookup[] = [];
      const notAsked: string[] = [];
      for (const key of order) {
        if (options.deadlineMs !== undefined && Date.now() - started > options.deadlineMs) {
          notAsked.push(key);
          continue;
        }
        const { registry } = byKey.get(key) as { registry: DeviceRegistry };
        try {
          const r = await registry.lookup(deviceIds, { withKeys: options.withKeys, modules: options.modules });
          answers.push({ ...r, hub: key });
        } catch (err) {
          answers.push({ hub: key, devices: new Map(), source: registry.source, failure: { reason: 'error', message: (err as Error).message } });
        }
      }
      const lookup: HubsLookup = { answers, notAsked, unknownHubs };
      if (dps) {
        const registrations = new Map<string, DpsRegistration | null>();
        for (const id of deviceIds) registrations.set(id, dps.registrations.get(id) ?? null);
        const d: DpsLookup = { registrations, source: 'snapshot', ...(dps.dpsHost ? { dpsHost: dps.dpsHost } : {}) };
        lookup.dps = d;
      }
      return lookup;
    },
  };
}

const STATUSES: readonly DpsRegistrationStatus[] = ['assigned', 'assigning', 'failed', 'disabled', 'unassigned'];

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** One registration: our DpsRegistration shape, or DPS's REST DeviceRegistrationState (`lastUpdatedDateTimeUtc`, …). */
function toRegistration(raw: unknown, where: string, name: string): DpsRegistration {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`DPS snapshot ${name}: ${where}: expected a registration object`);
  const o = raw as Record<string, unknown>;
  const registrationId = text(o.registrationId) ?? text(o.deviceId);
  if (!registrationId) throw new Error(`DPS snapshot ${name}: ${where}: no registrationId or deviceId`);
  const status = String(o.status ?? '').toLowerCase() as DpsRegistrationStatus;
  if (!STATUSES.includes(status)) throw new Error(`DPS snapshot ${name}: ${where}: status must be one of ${STATUSES.join(', ')}`);
  const reg: DpsRegistration = { registrationId, status };
  const deviceId = text(o.deviceId);
  if (deviceId) reg.deviceId = deviceId;
  const assignedHub = text(o.assignedHub);
  if (assignedHub) reg.assignedHub = shortHubName(assignedHub);
  const lastUpdated = text(o.lastUpdated) ?? text(o.lastUpdatedDateTimeUtc);
  if (lastUpdated) reg.lastUpdated = lastUpdated;
  const errorMessage = text(o.errorMessage);
  if (errorMessage) reg.errorMessage = errorMessage.slice(0, 300);
  const e = o.enrollment;
  if (e && typeof e === 'object' && !Array.isArray(e)) {
    const en = e as Record<string, unknown>;
    reg.enrollment = {
      kind: en.kind === 'group' ? 'group' : 'individual',
      ...(text(en.groupId) ? { groupId: text(en.groupId) } : {}),
      ...(en.provisioningStatus === 'disabled' || en.provisioningStatus === 'enabled' ? { provisioningStatus: en.provisioningStatus } : {}),
    };
  }
  return reg;
}

/** Parse `[registration, …]` or `{ "dps": "<host>", "registrations": [...] }`; throws naming the file and entry. */
export function parseDpsSnapshot(body: string, name: string): DpsSnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error(`DPS snapshot ${name}: not valid JSON`);
  }
  const wrapper = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  const list = Array.isArray(doc) ? doc : wrapper && Array.isArray(wrapper.registrations) ? wrapper.registrations : undefined;
  if (!list) throw new Error(`DPS snapshot ${name}: expected a JSON array of registrations or {"dps": …, "registrations": [...]}`);
  const registrations = new Map<string, DpsRegistration>();
  list.forEach((raw, i) => {
    const reg = toRegistration(raw, `entry ${i + 1}`, name);
    registrations.set(reg.deviceId ?? reg.registrationId, reg);
  });
  const dpsHost = wrapper ? text(wrapper.dps) : undefined;
  return { registrations, ...(dpsHost ? { dpsHost } : {}) };
}

export function loadDpsSnapshot(path: string): DpsSnapshot {
  let body: string;
  try {
    body = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`DPS snapshot ${path}: ${code === 'ENOENT' ? 'file not found' : 'cannot be read'}`);
  }
  return parseDpsSnapshot(body, path);
}

/** The hub a snapshot file speaks for: its `hub` field when it has one, else the file name ("contoso-prod.json"). */
export async function snapshotHubName(registry: DeviceRegistry, path: string): Promise<string> {
  const probe = await registry.lookup([]);
  return shortHubName(probe.hub ?? basename(path, extname(path)));
}
