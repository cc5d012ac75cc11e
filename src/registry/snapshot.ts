// Registry snapshot files: how engineers without registry access work, and the local default.
// Accepted shapes:
//  - the JSON array `az iot hub device-identity list` prints (device twins), or an array of device
//    identities (`az iot hub device-identity show`, REST GET /devices/{id}, Get-AzIotHubDevice | ConvertTo-Json);
//  - a single such object;
//  - `{ "hub": "<name>.azure-devices.net", "devices": [...] }`, our wrapper that also names the hub;
//  - the JSON-lines blob (devices.txt) of an export-devices job: one device (or module) per line.
// Module identities (objects with a moduleId) are folded into their device's `modules` list.
import { readFileSync } from 'node:fs';
import type { DeviceRecord, RegistryLookup } from '../triage/types';
import { DeviceShapeError, rawDeviceId, rawModuleId, toDeviceRecord, withoutKeys } from './deviceRecord';
import type { DeviceRegistry, LookupOptions } from './port';

interface Located {
  raw: unknown;
  /** 1-based line where the object starts, when known. */
  line?: number;
  /** 1-based position in a JSON array. */
  entry?: number;
}

interface ParsedSnapshot {
  records: DeviceRecord[];
  hub?: string;
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line of a JSON.parse failure, from V8's "at position N" (present in Node 20 for most errors). */
function syntaxErrorLine(text: string, err: unknown): number | undefined {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (m) return lineAt(text, Number(m[1]));
  if (err instanceof Error && /end of (JSON )?input/i.test(err.message)) return lineAt(text, text.length);
  return undefined;
}

/** A short reason from a JSON.parse error, without quoting the file's content (it may hold keys). */
function syntaxReason(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (/end of (JSON )?input/i.test(msg) || (pos && Number(pos[1]) >= text.trimEnd().length)) return 'the JSON ends too early';
  // V8 appends the position, or a quoted excerpt of the input: keep only the description before either.
  const what = msg.split(/ in JSON at position|, "/)[0].slice(0, 80);
  return /^(Unexpected|Expected|Bad|Unterminated)/.test(what) ? `${what} (not valid JSON)` : 'not valid JSON';
}

function fail(name: string, where: string, reason: string): never {
  throw new Error(`Registry snapshot ${name}: ${where}: ${reason}`);
}

function locateWhole(text: string, name: string): { items: Located[]; hub?: string } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // A file that starts with "[" is meant to be one JSON document: report where it breaks.
    // Anything else may still be JSON lines, which the caller tries next.
    if (text.trimStart().startsWith('[')) {
      const line = syntaxErrorLine(text, err);
      fail(name, line ? `line ${line}` : 'the file', syntaxReason(text, err));
    }
    return undefined;
  }
  if (Array.isArray(doc)) return { items: doc.map((raw, i) => ({ raw, entry: i + 1 })) };
  if (typeof doc === 'object' && doc !== null) {
    const o = doc as Record<string, unknown>;
    if (Array.isArray(o.devices)) {
      const hub = typeof o.hub === 'string' && o.hub.trim() ? o.hub.trim() : undefined;
      return { items: o.devices.map((raw, i) => ({ raw, entry: i + 1 })), hub };
    }
    return { items: [{ raw: doc, line: 1 }] };
  }
  fail(name, 'line 1', 'expected a JSON array of devices, a device object, or one device per line');
}

function locateLines(text: string, name: string): Located[] {
  const out: Located[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      fail(name, `line ${i + 1}`, syntaxReason(line, err));
    }
    out.push({ raw, line: i + 1 });
  }
  return out;
}

function parse(text: string, name: string): ParsedSnapshot {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') fail(name, 'the file', 'is empty (expected the JSON of `az iot hub device-identity list` or an export-devices job)');
  const whole = locateWhole(body, name);
  const located = whole ? whole.items : locateLines(body, name);
  const hub = whole?.hub;

  const records: DeviceRecord[] = [];
  const byId = new Map<string, DeviceRecord>();
  const modules: { deviceId: string; moduleId: string }[] = [];
  for (const item of located) {
    const where = item.line !== undefined ? `line ${item.line}` : `entry ${item.entry}`;
    if (typeof item.raw === 'object' && item.raw !== null && !Array.isArray(item.raw)) {
      const raw = item.raw as Record<string, unknown>;
      const moduleId = rawModuleId(raw);
      const deviceId = rawDeviceId(raw);
      if (moduleId && deviceId) {
        modules.push({ deviceId, moduleId });
        continue;
      }
    }
    let record: DeviceRecord;
    try {
      record = toDeviceRecord(item.raw, { hub, withKeys: true });
    } catch (err) {
      if (err instanceof DeviceShapeError) fail(name, where, err.message);
      throw err;
    }
    if (byId.has(record.deviceId)) fail(name, where, `device "${record.deviceId}" appears twice`);
    byId.set(record.deviceId, record);
    records.push(record);
  }
  for (const m of modules) {
    const parent = byId.get(m.deviceId);
    if (parent) parent.modules = [...(parent.modules ?? []), m.moduleId];
  }
  return { records, hub };
}

/** Parse a snapshot. Throws an Error naming the file and the line (or array entry) on malformed input. */
export function parseSnapshot(text: string, name: string): DeviceRecord[] {
  return parse(text, name).records;
}

// Case and surrounding whitespace are the classic "looks the same" differences in device ids.
function looseId(id: string): string {
  return id.trim().toLowerCase();
}

/** A registry over records already in memory (the snapshot file's, or a test's). */
export function createSnapshotRegistry(records: DeviceRecord[], name: string, hub?: string): DeviceRegistry {
  const exact = new Map(records.map((r) => [r.deviceId, r]));
  const loose = new Map<string, DeviceRecord>();
  for (const r of records) if (!loose.has(looseId(r.deviceId))) loose.set(looseId(r.deviceId), r);
  const count = records.length;

  return {
    source: 'snapshot',
    describe: () => `snapshot ${name} (${count} device${count === 1 ? '' : 's'})`,
    lookup: async (deviceIds: string[], options: LookupOptions = {}): Promise<RegistryLookup> => {
      const devices = new Map<string, DeviceRecord | null>();
      for (const id of deviceIds) {
        if (devices.has(id)) continue;
        // A near match (same id but for case/whitespace) comes back under the requested id with its real
        // deviceId, so the cross-check can show it; a live hub is case-sensitive and cannot do this.
        const found = exact.get(id) ?? loose.get(looseId(id));
        if (!found) {
          devices.set(id, null);
          continue;
        }
        const copy: DeviceRecord = options.withKeys ? { ...found } : withoutKeys(found);
        if (options.modules) copy.modules = [...(found.modules ?? [])];
        else delete copy.modules;
        devices.set(id, copy);
      }
      return { devices, source: 'snapshot', ...(hub ? { hub } : {}) };
    },
  };
}

/** Read and parse a snapshot file: its devices and the hub named inside it (our wrapper), if any. */
export function readSnapshotFile(path: string): { records: DeviceRecord[]; hub?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new Error(`Registry snapshot ${path}: ${why}`);
  }
  return parse(text, path);
}

/** Read and parse a snapshot file now, so a bad path or file fails at start with a clear message. */
export function loadSnapshotRegistry(path: string): DeviceRegistry {
  const parsed = readSnapshotFile(path);
  return createSnapshotRegistry(parsed.records, path, parsed.hub);
}
