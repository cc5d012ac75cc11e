// The installed command (`iothub-triage`, dist/cli/run.js): runs the command line bundled into one file
// (dist/cli/iothub-triage.js, scripts/bundleCli.ts) with V8's code cache saved beside it at build time.
// Why: most of a one-line run was Node finding some sixty module files and V8 compiling their code, again at
// every start (README "The command-line tool"). One file needs no lookups; the cache holds the code the
// engine compiled on sample pastes. A cache V8 cannot use (another Node version, other flags, a damaged
// file) is refused by V8 itself, and the bundle is compiled as usual: slower, never different.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE_NAME = 'iothub-triage.js';

/** The cache for a bundle file: next to it. */
export const cacheFileOf = (bundle: string): string => `${bundle}.cache`;

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
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const cacheFile = cacheFileOf(bundle);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
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
  const { exports, script } = loadBundle(bundle, false);
  const main = exports.main as (argv: string[], io: { stdout(s: string): unknown; drained(): Promise<void>; stderr(s: string): unknown; env: NodeJS.ProcessEnv }) => Promise<number>;
  for (const argv of invocations) {
    const code = await main(argv, { stdout: () => true, drained: async () => undefined, stderr: (s) => process.stderr.write(s), env: {} });
    if (code !== 0) throw new Error(`sample run failed (exit ${code}): ${argv.join(' ')}`);
  }
  const data = script.createCachedData();
  writeFileSync(cacheFileOf(bundle), data);
  return data.length;
}

if (require.main === module) loadBundle(`${__dirname}/${BUNDLE_NAME}`, true);
