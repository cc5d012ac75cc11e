// DPS registration snapshots: the JSON `az iot dps enrollment registration list` or
// `az iot dps enrollment-group registration list` prints (an array of registration states), a single
// registration state (`… registration show`), or `{ "dps": "<host>", "registrations": [...] }`. Several
// files may be given; they are read at start, so a bad file fails with its name and array entry.
// Hand-written files in our own shape (`lastUpdated`, an `enrollment` object) are read too, and a status
// that is not one DPS uses is an error rather than a silent "unassigned" (a typo would hide a finding).
import { readFileSync } from 'node:fs';
import type { DpsLookup, DpsRegistration, DpsRegistrationStatus } from '../triage/hubs';
import { toDpsRegistration } from './dpsRecord';
import type { DpsSource } from './hubDirectory';

const STATUSES: readonly DpsRegistrationStatus[] = ['assigned', 'assigning', 'failed', 'disabled', 'unassigned'];

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** One entry: DPS's registration state (az CLI / REST), with our own field names as a fallback. */
function entry(raw: unknown, name: string, where: string): DpsRegistration {
  const o = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const status = o && text(o.status)?.toLowerCase();
  if (status !== undefined && !STATUSES.includes(status as DpsRegistrationStatus)) fail(name, where, `status must be one of ${STATUSES.join(', ')}`);
  const reg = toDpsRegistration(raw);
  if (!reg || !o) fail(name, where, 'not a registration state (it has no "registrationId")');
  const lastUpdated = text(o.lastUpdated);
  if (!reg.lastUpdated && lastUpdated) reg.lastUpdated = lastUpdated;
  const e = o.enrollment;
  if (!reg.enrollment && e && typeof e === 'object' && !Array.isArray(e)) {
    const en = e as Record<string, unknown>;
    const groupId = text(en.groupId);
    const ps = en.provisioningStatus;
    reg.enrollment = { kind: en.kind === 'group' ? 'group' : 'individual', ...(groupId ? { groupId } : {}), ...(ps === 'enabled' || ps === 'disabled' ? { provisioningStatus: ps } : {}) };
  }
  return reg;
}

function fail(name: string, where: string, reason: string): never {
  throw new Error(`DPS registration snapshot ${name}: ${where}: ${reason}`);
}

export function parseDpsSnapshot(text: string, name: string): { registrations: DpsRegistration[]; dps?: string } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail(name, 'the file', 'is empty (expected the JSON of `az iot dps enrollment registration list`)');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    // Never quote the content: a registration list can carry an enrollment payload.
    fail(name, 'the file', 'not valid JSON');
  }
  let items: unknown[];
  let dps: string | undefined;
  if (Array.isArray(doc)) items = doc;
  else if (typeof doc === 'object' && doc !== null && Array.isArray((doc as Record<string, unknown>).registrations)) {
    const o = doc as Record<string, unknown>;
    items = o.registrations as unknown[];
    dps = typeof o.dps === 'string' && o.dps.trim() ? o.dps.trim() : undefined;
  } else items = [doc];
  const registrations: DpsRegistration[] = [];
  items.forEach((raw, i) => registrations.push(entry(raw, name, `entry ${i + 1}`)));
  return { registrations, dps };
}

function loose(id: string): string {
  return id.trim().toLowerCase();
}

export function createDpsSnapshot(registrations: DpsRegistration[], name: string, dps?: string): DpsSource {
  const byId = new Map<string, DpsRegistration>();
  for (const r of registrations) {
    for (const id of [r.deviceId, r.registrationId]) if (id && !byId.has(loose(id))) byId.set(loose(id), r);
  }
  return {
    source: 'snapshot',
    host: dps,
    describe: () => `DPS snapshot ${name} (${registrations.length} registration${registrations.length === 1 ? '' : 's'})`,
    lookup: async (deviceIds: string[]): Promise<DpsLookup> => {
      const out = new Map<string, DpsRegistration | null>();
      for (const id of deviceIds) {
        const r = byId.get(loose(id));
        out.set(id, r ? { ...r, ...(r.enrollment ? { enrollment: { ...r.enrollment } } : {}) } : null);
      }
      return { registrations: out, source: 'snapshot', ...(dps ? { dpsHost: dps } : {}) };
    },
  };
}

/** Read and parse one or more files now (start-up), merged in the order given. */
export function loadDpsSnapshot(paths: string[]): DpsSource {
  const all: DpsRegistration[] = [];
  let dps: string | undefined;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(`DPS registration snapshot ${path}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
    }
    const parsed = parseDpsSnapshot(text, path);
    all.push(...parsed.registrations);
    dps ??= parsed.dps;
  }
  return createDpsSnapshot(all, paths.join(', '), dps);
}
