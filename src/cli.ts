#!/usr/bin/env node
// iothub-triage [--json] [--now ISO-8601] [--lang en|nl] [--registry-snapshot FILE]... [--dps-snapshot FILE] [FILE|-]
// Each --registry-snapshot file is one hub; with the hubs and DPS the environment configures (IOTHUB_HOSTNAMES,
// IOTHUB_HOSTNAME, IOTHUB_CONNECTION_STRING, IOTHUB_REGISTRY_SNAPSHOT, DPS_*, IOTHUB_DISCOVER) every hub is
// searched for each device, through the same directory the bot builds.
// Exit 0 for any verdict; 2 for usage errors, 1 for I/O errors, each with one line on stderr.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { HubDirectory } from './registry/directoryPort';
// Only the setting names: the directory module, and the SDKs behind it, load when one is set.
import { DIRECTORY_ENV_KEYS } from './registry/hubNames';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_MAX_BYTES, TriageStream } from './triage';
import type { Lang, Triage } from './triage/types';
import { textReport } from './textReport';
import { writeJson } from './jsonOut';
import { FLEET_USAGE, parseFleetArgs } from './fleet/cliArgs';


export const USAGE = `usage: iothub-triage [--json] [--now ISO-8601] [--lang en|nl] [--registry-snapshot FILE]... [--dps-snapshot FILE] [FILE|-]\n       ${FLEET_USAGE.replace(/^usage: /, '')}`;

export interface CliArgs {
  json: boolean;
  now: Date;
  lang: Lang;
  /** One per hub, searched with the hubs the environment configures. */
  snapshots: string[];
  dpsSnapshot?: string;
  file: string;
  help: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], clock: () => Date = () => new Date()): CliArgs {
  const args: CliArgs = { json: false, now: clock(), lang: 'en', snapshots: [], file: '-', help: false };
  let fileSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '-h' || a === '--help') args.help = true;
    else if (a === '--now') {
      const v = value();
      const d = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO-8601 time, got "${v.slice(0, 40)}"`);
      args.now = d;
    } else if (a === '--lang') {
      const v = value();
      if (v !== 'en' && v !== 'nl') throw new UsageError(`--lang must be en or nl, got "${v.slice(0, 20)}"`);
      args.lang = v;
    } else if (a === '--registry-snapshot') args.snapshots.push(value());
    else if (a === '--dps-snapshot') {
      if (args.dpsSnapshot !== undefined) throw new UsageError('only one --dps-snapshot');
      args.dpsSnapshot = value();
    }
    else if (a.startsWith('--') ) throw new UsageError(`unknown option ${a.slice(0, 40)}`);
    else {
      if (fileSeen) throw new UsageError('only one input file');
      args.file = a;
      fileSeen = true;
    }
  }
  return args;
}

/**
 * Hand a file or stdin to the engine a megabyte at a time, at most maxBytes (+1 to know it was cut): a
 * 50 MB export is never held whole, in bytes or in text. `open` fails before anything is written.
 */
export function streamInput(file: string, into: { write(text: string): void }, maxBytes = DEFAULT_MAX_BYTES): void {
  const fd = file === '-' ? 0 : openSync(file, 'r');
  try {
    if (file !== '-' && fstatSync(fd).isDirectory()) throw new Error(`${file} is a directory`);
    const buf = Buffer.allocUnsafe(1 << 16);
    // Decodes UTF-8 across chunk boundaries, as one toString of the whole file would.
    const decoder = new StringDecoder('utf8');
    let total = 0;
    while (total <= maxBytes) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, Math.min(buf.length, maxBytes + 1 - total), null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      total += n;
      const text = decoder.write(buf.subarray(0, n));
      if (text) into.write(text);
    }
    const rest = decoder.end();
    if (rest) into.write(rest);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Every hub is searched (the hubs the paste names first), and DPS asked. */
export async function withDirectory(t: Triage, directory: HubDirectory): Promise<Triage> {
  // The cross-check modules load only when there is a directory to ask.
  const [{ devicesToLookUp }, { applyHubs }] = await Promise.all([import('./triage/crossCheck'), import('./triage/hubsCrossCheck')]);
  const { ids, withKeys } = devicesToLookUp(t);
  if (ids.length === 0) return t;
  return applyHubs(t, await directory.locate(ids, { withKeys, preferredHubs: t.recognised.hubs }));
}

/**
 * The bot's directory, from the environment plus the files on the command line (a file is named by its `hub`,
 * else its file name; a hub given twice is a mistake). Undefined when neither names a hub or DPS.
 */
async function cliDirectory(args: CliArgs, env: Record<string, string | undefined>): Promise<HubDirectory | undefined> {
  if (args.snapshots.length === 0 && !args.dpsSnapshot && !DIRECTORY_ENV_KEYS.some((k) => env[k]?.trim())) return undefined;
  const { createHubDirectoryFromEnv } = await import('./registry/directoryFromEnv');
  // One run, one lookup: wait for discovery's listing (IOTHUB_DISCOVER) so discovered hubs are searched too.
  return createHubDirectoryFromEnv(env, { files: { registrySnapshots: args.snapshots, dpsSnapshots: args.dpsSnapshot ? [args.dpsSnapshot] : [] }, waitForDiscovery: true });
}

export interface CliIo {
  /** Returns false when its buffer is full (a stream's write); `drained` then resolves when it has room. */
  stdout: (s: string) => unknown;
  drained?: () => Promise<void>;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  // Fleet mode: ask the hub's Log Analytics workspace instead of reading a paste.
  if (argv.includes('--hub')) {
    const fleet = parseFleetArgs(argv);
    if (!fleet.ok) {
      io.stderr(`iothub-triage: ${fleet.message.split('\n')[0]}\n${USAGE}\n`);
      return 2;
    }
    const { changesSince } = fleet.args;
    if (changesSince !== undefined) {
      const { runWatchCli } = await import('./watch/cli');
      return runWatchCli({ ...fleet.args, changesSince }, io, io.env);
    }
    const { runFleetCli } = await import('./fleet/cli');
    return runFleetCli(fleet.args, io, io.env);
  }
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`iothub-triage: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const stream = new TriageStream({ now: args.now });
  let directory: HubDirectory | undefined;
  try {
    streamInput(args.file, stream);
    directory = await cliDirectory(args, io.env);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? `no such file: ${err.path ?? args.file}` : err.message.split('\n')[0];
    io.stderr(`iothub-triage: ${why}\n`);
    return 1;
  }
  const triaged = stream.end();
  let result: Triage;
  try {
    result = directory ? await withDirectory(triaged, directory) : triaged;
  } finally {
    // Discovery's refresh timer would keep the process alive.
    directory?.stop?.();
  }
  if (args.json) await writeJson(result, io.stdout, io.drained);
  else io.stdout(`${textReport(result, args.lang)}\n`);
  return 0;
}

if (require.main === module) {
  const drained = () => new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  main(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), drained, stderr: (s) => process.stderr.write(s), env: process.env })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((e: unknown) => {
      process.stderr.write(`iothub-triage: ${(e as Error)?.message?.split('\n')[0] ?? 'unexpected error'}\n`);
      process.exitCode = 1;
    });
}
