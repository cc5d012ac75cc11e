// The installed command (`iothub-triage`, dist/cli/run.js): runs the command line bundled into one file
// (dist/cli/iothub-triage.js, scripts/bundleCli.ts) with V8's code cache saved beside it at build time.
// Why: most of a one-line run was Node finding some sixty module files and V8 compiling their code, again at
// every start (README "The command-line tool"). One file needs no lookups; the cache holds the code the
// engine compiled on sample pastes. V8 refuses a cache from another Node version or other flags, but it
// matches a cache to its source by length only and does not check the data itself (a stale cache ran old
// code; a damaged one crashed Node). So the cache file carries SHA-256 digests of the bundle it was made
// from and of its own data, checked before V8 sees it (about 5 ms); any doubt, and the bundle is compiled
// as usual: slower, never different.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE_NAME = 'iothub-triage.js';

/** The cache for a bundle file: next to it. */
export const cacheFileOf = (bundle: string): string => `${bundle}.cache`;

const checksum = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();
/** The cache file: the bundle's SHA-256, the data's SHA-256, then V8's data. */
const SUM = 32;

/** V8's data for the bundle `bytes`, or undefined when there is no cache, it cannot be read, or it is not this bundle's. */
export function readCache(cacheFile: string, bytes: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= 2 * SUM) return undefined;
  const data = file.subarray(2 * SUM);
  if (!file.subarray(0, SUM).equals(checksum(bytes)) || !file.subarray(SUM, 2 * SUM).equals(checksum(data))) return undefined;
  return data;
}

function writeCache(cacheFile: string, bytes: Buffer, data: Buffer): void {
  writeFileSync(cacheFile, Buffer.concat([checksum(bytes), checksum(data), data]));
}

/** The bundle's source as it is compiled (Node drops a leading #! line the same way). */
const sourceOf = (bytes: Buffer): string => bytes.toString('utf8').replace(/^#!.*/, '');

interface BundleModule {
  exports: Record<string, unknown>;
  id: string;
  filename: string;
  loaded: boolean;
}

/**
 * Compile the bundle (with its cache when there is one) and run its top level as a CommonJS module.
 * `asMain`: the bundle's `require.main === module` holds, so it runs the command line.
 */
export function loadBundle(bundle: string, asMain: boolean): { exports: Record<string, unknown>; script: Script; cacheRejected: boolean | undefined } {
  const bytes = readFileSync(bundle);
  const source = sourceOf(bytes);
  const cachedData = readCache(cacheFileOf(bundle), bytes);
  // The wrapper Node gives every CommonJS file, so the code (and its cache) is what `require` would compile.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: bundle, cachedData });
  const mod: BundleModule = { exports: {}, id: asMain ? '.' : bundle, filename: bundle, loaded: false };
  const req = createRequire(bundle);
  Object.defineProperty(req, 'main', { value: asMain ? mod : undefined });
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: BundleModule, f: string, d: string) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, dirname(bundle));
  mod.loaded = true;
  return { exports: mod.exports, script, cacheRejected: cachedData ? script.cachedDataRejected : undefined };
}

/**
 * Build step (in a child process started with no flags, as the command will be): load the bundle, run
 * its `main` over each sample invocation so V8 compiles what a run uses, then save the code cache.
 */
export async function buildCodeCache(bundle: string, invocations: string[][]): Promise<number> {
  rmSync(cacheFileOf(bundle), { force: true });
  const { exports, script } = loadBundle(bundle, false);
  const main = exports.main as (argv: string[], io: { stdout(s: string): unknown; drained(): Promise<void>; stderr(s: string): unknown; env: NodeJS.ProcessEnv }) => Promise<number>;
  for (const argv of invocations) {
    const code = await main(argv, { stdout: () => true, drained: async () => undefined, stderr: (s) => process.stderr.write(s), env: {} });
    if (code !== 0) throw new Error(`sample run failed (exit ${code}): ${argv.join(' ')}`);
  }
  const data = script.createCachedData();
  writeCache(cacheFileOf(bundle), readFileSync(bundle), data);
  return data.length;
}

if (require.main === module) loadBundle(`${__dirname}/${BUNDLE_NAME}`, true);
