// Build step for the installed command (npm run build, after tsc): the command line bundled into one file
// with esbuild (packages stay in node_modules, still loaded only when configured), the launcher beside it,
// then V8's code cache made by running sample pastes through the bundle in a child process started without
// flags, as the command itself will be (src/cliLauncher.ts says why).
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLE_NAME } from '../src/cliLauncher';

const ROOT = resolve(__dirname, '..');
export const DEFAULT_OUT = join(ROOT, 'dist/cli');

/** Short pastes in the shapes people paste most: log lines, a resource-log record, an export, a connection string. */
const SAMPLES: Record<string, string> = {
  'lines.log': [
    '2026-03-02T07:00:03Z deviceDisconnect device=thermostat-042 401003 IoTHubUnauthorized',
    '2026-03-02T07:00:03Z deviceDisconnect device=thermostat-042 404104 DeviceConnectionClosedRemotely',
    '2026-03-02T07:00:05Z deviceConnect device=thermostat-042 connected',
    'HostName=contoso-hub.azure-devices.net;DeviceId=pump-0042;SharedAccessKey=c2FtcGxlLW5vdC1hLXJlYWwta2V5LWZvci10aGUtY2FjaGU=',
  ].join('\n'),
  'resource.json': JSON.stringify({
    time: '2026-03-02T07:00:03Z',
    resourceId: '/SUBSCRIPTIONS/0/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/CONTOSO-HUB',
    operationName: 'deviceConnect',
    category: 'Connections',
    level: 'Error',
    resultType: '401003',
    resultDescription: 'IoTHubUnauthorized',
    properties: JSON.stringify({ deviceId: 'camera-7', protocol: 'Mqtt', authType: '{"scope":"device","type":"x509Certificate","issuer":"external","acceptingIpFilterRule":null}' }),
  }),
  'export.csv': 'TimeGenerated [UTC],OperationName,ResultType,ResultDescription,DeviceId\n"3/2/2026, 7:00:03.000 AM",deviceConnect,401003,IoTHubUnauthorized,pump-7\n',
};

export function bundleCli(outDir = DEFAULT_OUT): { bundle: string; launcher: string; cacheBytes: number } {
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, BUNDLE_NAME);
  const launcher = join(outDir, 'run.js');
  // import() becomes require(): the launcher compiles the bundle with vm.Script, which has no loader for
  // dynamic imports (the lazily loaded Azure SDKs and the fleet and watch commands would fail).
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    packages: 'external' as const,
    supported: { 'dynamic-import': false },
    logLevel: 'warning' as const,
    absWorkingDir: ROOT,
  };
  buildSync({ ...common, entryPoints: [join(ROOT, 'src/cli.ts')], outfile: bundle });
  buildSync({ ...common, entryPoints: [join(ROOT, 'src/cliLauncher.ts')], outfile: launcher, banner: { js: '#!/usr/bin/env node' } });

  const dir = mkdtempSync(join(tmpdir(), 'iothub-triage-cache-'));
  try {
    const files = Object.entries(SAMPLES).map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    const now = ['--now', '2026-03-02T12:00:00Z'];
    const invocations = files.flatMap((f) => [[...now, f], ['--json', ...now, f]]);
    const child = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(launcher)}).buildCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(invocations)}).then((n) => console.log(n), (e) => { console.error(e); process.exit(1); })`], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.status !== 0) throw new Error(`code cache build failed: ${child.stderr}`);
    return { bundle, launcher, cacheBytes: Number(child.stdout.trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const r = bundleCli(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT);
  console.log(`bundled the command line: ${r.launcher} (code cache ${Math.round(r.cacheBytes / 1024)} KB)`);
}
