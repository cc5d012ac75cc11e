// The installed command: the command line bundled into one file, run by the launcher with the code cache
// built beside it (scripts/bundleCli.ts, src/cliLauncher.ts). It must answer exactly as the command line
// itself does, with or without a usable cache, and still load no Azure SDK for a paste.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli } from '../../scripts/bundleCli';
import { cacheFileOf } from '../../src/cliLauncher';
import { main } from '../../src/cli';
import { CHURN_LOG, CONNECTION_STRING, DEVICE_KEY, THUMBPRINT_LOG } from '../bot/samples';

const ROOT = join(__dirname, '../..');
const NOW = ['--now', '2026-03-02T12:00:00Z'];
let dir: string;
let built: ReturnType<typeof bundleCli>;

/** Node without flags or preloads, as a shell runs the command (the cache is only valid for those). */
function node(args: string[], input?: string) {
  const res = spawnSync(process.execPath, args, { input, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** The command line's own answer, in process. */
async function direct(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), drained: async () => undefined, stderr: (s) => (stderr += s), env: {} });
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iothub-triage-bundle-'));
  // The bundle requires its packages from node_modules above it, as dist/cli does in the project.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  built = bundleCli(join(dir, 'cli'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASTES: Record<string, string> = {
  'churn.log': CHURN_LOG,
  'thumbprint.log': THUMBPRINT_LOG,
  'secret.txt': `it fails with this\n${CONNECTION_STRING}\n2026-03-02T09:00:00Z deviceConnect device=thermostat-042 401003 IoTHubUnauthorized`,
  'adu.log': readFileSync(join(ROOT, 'test/corpus/c-adu-agent-expired-sas-token-reconnect.log'), 'utf8'),
  'esp32.log': readFileSync(join(ROOT, 'test/corpus/c-esp32-connack-not-authorized.log'), 'utf8'),
  'empty.log': '',
};

describe('the bundled command', () => {
  test.each(Object.keys(PASTES))('answers %s exactly as the command line does, as text and as --json', async (name) => {
    const f = file(name, PASTES[name]);
    for (const argv of [[...NOW, f], ['--json', ...NOW, f], ['--lang', 'nl', ...NOW, f]]) {
      const want = await direct(argv);
      const got = node([built.launcher, ...argv]);
      expect(got.stderr).toBe(want.stderr);
      expect(got.code).toBe(want.code);
      expect(got.stdout).toBe(want.stdout);
    }
  });

  test('reads stdin with "-", never prints a pasted key, and answers usage errors as the command line does', async () => {
    const got = node([built.launcher, '--json', ...NOW, '-'], CONNECTION_STRING);
    expect(got.code).toBe(0);
    expect(got.stdout).not.toContain(DEVICE_KEY);
    expect(JSON.parse(got.stdout).findings.map((f: { kind: string }) => f.kind)).toContain('secret-exposed');
    const bad = node([built.launcher, '--lang', 'fr', '-']);
    const want = await direct(['--lang', 'fr', '-']);
    expect([bad.code, bad.stderr]).toEqual([want.code, want.stderr]);
  });

  test('V8 takes the cache built with the bundle; a missing, damaged, stale or unreadable cache is skipped, and the answer is the same', async () => {
    const state = (bundle: string) =>
      node(['-e', `process.stdout.write(String(require(${JSON.stringify(built.launcher)}).loadBundle(${JSON.stringify(bundle)}, false).cacheRejected))`]).stdout;
    expect(built.cacheBytes).toBeGreaterThan(0);
    expect(state(built.bundle)).toBe('false'); // given to V8, and taken

    const f = file('damaged.log', CHURN_LOG);
    const want = await direct([...NOW, f]);
    const other = join(dir, 'other');
    mkdirSync(other);
    const bundle = join(other, 'iothub-triage.js');
    const launcher = join(other, 'run.js');
    const cache = cacheFileOf(bundle);
    copyFileSync(built.bundle, bundle);
    copyFileSync(built.launcher, launcher);
    const answers = () => {
      const r = node([launcher, ...NOW, f]);
      return [r.code, r.stdout, r.stderr];
    };

    // No cache at all.
    expect(state(bundle)).toBe('undefined');
    expect(answers()).toEqual([0, want.stdout, '']);
    // Bytes changed inside the data, header intact: V8 alone would crash on it; the digest keeps it from V8.
    const good = readFileSync(cacheFileOf(built.bundle));
    const damaged = Buffer.from(good);
    for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 400; i++) damaged[i] ^= 0x5a;
    writeFileSync(cache, damaged);
    expect(state(bundle)).toBe('undefined');
    expect(answers()).toEqual([0, want.stdout, '']);
    // A stale cache beside a changed bundle of the same length: V8 would run the old code; the new text must show.
    const source = readFileSync(built.bundle, 'utf8');
    const headline = 'Token-expiry churn';
    expect(source).toContain(headline);
    writeFileSync(bundle, source.split(headline).join('Token-expiry CHURN'));
    writeFileSync(cache, good);
    expect(state(bundle)).toBe('undefined');
    const stale = answers();
    expect(stale[1]).toContain('Token-expiry CHURN');
    expect(stale[1]).toBe(String(want.stdout).split(headline).join('Token-expiry CHURN'));
    // A cache that cannot be read (here a directory of that name).
    copyFileSync(built.bundle, bundle);
    rmSync(cache);
    mkdirSync(cache);
    expect(answers()).toEqual([0, want.stdout, '']);
  });

  test('the lazily loaded parts work in the bundle: a configured hub loads @azure/identity through require, as the command line does', () => {
    expect(readFileSync(built.bundle, 'utf8')).not.toMatch(/\bimport\(/); // vm.Script has no loader for import()
    const f = file('hub.log', '2026-03-02T09:00:00Z deviceConnect device=pump-0042 401003 IoTHubUnauthorized');
    // No Azure sign-in works here: both must reach it, fail it and degrade to the paste alone, the same way.
    const env = { ...process.env, NODE_OPTIONS: '', IOTHUB_HOSTNAME: 'contoso-hub', AZURE_CLIENT_ID: '', AZURE_TENANT_ID: '' };
    const viaBundle = spawnSync(process.execPath, [built.launcher, '--json', ...NOW, f], { encoding: 'utf8', env });
    const viaSource = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src/cli.ts'), '--json', ...NOW, f], { encoding: 'utf8', env, cwd: ROOT });
    expect(viaSource.status).toBe(0);
    expect([viaBundle.status, viaBundle.stderr, viaBundle.stdout]).toEqual([viaSource.status, viaSource.stderr, viaSource.stdout]);
    expect(JSON.stringify(JSON.parse(viaBundle.stdout).devices)).toContain('pump-0042');
  }, 60_000);

  test('a paste loads no Azure SDK package (they stay in node_modules, loaded only when configured)', () => {
    const f = file('plain.log', CHURN_LOG);
    const probe = file('probe.js', `const Module = require('module'); const seen = new Set(); const load = Module._load;
      Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
      process.on('exit', () => process.stderr.write(JSON.stringify([...seen])));`);
    const res = spawnSync(process.execPath, ['-r', probe, built.launcher, ...NOW, f], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    const requested = JSON.parse(res.stderr) as string[];
    expect(requested.filter((r) => /^@azure\/|^azure-iothub$|^azure-iot-|^openai$|^applicationinsights$/.test(r))).toEqual([]);
    expect(requested.length).toBeGreaterThan(0); // the probe saw the run's requires
    // The SDKs are required from node_modules when configured, not copied into the bundle.
    const source = readFileSync(built.bundle, 'utf8');
    for (const pkg of ['azure-iothub', '@azure/identity', 'azure-iot-provisioning-service']) expect(source).toContain(`require("${pkg}")`);
  });
});
