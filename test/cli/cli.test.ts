// The command-line tool: report or JSON, exit codes, and friendly handling of odd input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { main, parseArgs, UsageError } from '../../src/cli';
import { dpsAssigned, managedIdentity, notFound, twin, twinOnce } from '../registry/liveHubs';
import { churn, render } from '../triage/synth';

const dir = mkdtempSync(join(tmpdir(), 'iothub-triage-cli-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const churnLog = render.jsonLines(churn('pump-0042', new Date('2026-11-29T08:00:00Z'), 3));

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}

test('--json prints one object with verdict, findings and devices', async () => {
  const r = await run(['--json', '--now', '2026-11-29T18:00:00Z', file('churn.log', churnLog)]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.verdict).toBe('token-expiry-churn');
  expect(out.findings[0]).toMatchObject({ kind: 'token-expiry-churn', deviceId: 'pump-0042', hub: 'contoso-iot-prod' });
  expect(out.findings[0].evidence[0]).toHaveProperty('line');
  expect(out.devices[0].deviceId).toBe('pump-0042');
  expect(out.now).toBe('2026-11-29T18:00:00.000Z');
});

test('the text report is in Dutch with --lang nl, English otherwise', async () => {
  const en = await run([file('c1.log', churnLog)]);
  const nl = await run(['--lang', 'nl', file('c2.log', churnLog)]);
  expect(en.stdout).toMatch(/no action needed/i);
  expect(nl.stdout).not.toEqual(en.stdout);
  expect(nl.stdout).toMatch(/Apparaten|geen actie/i);
});

test('usage errors exit 2 with one line on stderr', async () => {
  for (const argv of [['--lang', 'fr'], ['--now', 'yesterday'], ['--bogus'], ['a', 'b'], ['--now']]) {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^iothub-triage: /);
    expect(r.stdout).toBe('');
  }
  expect(() => parseArgs(['--lang', 'de'])).toThrow(UsageError);
});

test('a missing file is an I/O error: exit 1, one line', async () => {
  const r = await run([join(dir, 'nope.log')]);
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/no such file/);
});

test('an empty file and a binary file get a clear inconclusive answer, exit 0', async () => {
  const empty = await run(['--json', file('empty.log', '')]);
  expect(empty.code).toBe(0);
  expect(JSON.parse(empty.stdout).notes.map((n: { code: string }) => n.code)).toContain('empty-input');
  const bin = await run(['--json', file('core.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)))]);
  expect(bin.code).toBe(0);
  expect(JSON.parse(bin.stdout).notes.map((n: { code: string }) => n.code)).toContain('binary-input');
});

test('a 50 MB log gets an answer, not a crash', async () => {
  const line = render.jsonLines(churn('pump-0042', new Date('2026-11-29T08:00:00Z'), 1)) + '\n';
  const big = file('big.log', line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
  const r = await run(['--json', big]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).input.bytes).toBeGreaterThan(50 * 1024 * 1024 - 1);
});

test('the real bin reads stdin with "-" and never prints a pasted key', () => {
  const key = 'q83vEjRWeJ+rze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/cli.ts'), '--json', '-'], {
    input: `HostName=contoso-iot-prod.azure-devices.net;DeviceId=pump-0042;SharedAccessKey=${key}`,
    encoding: 'utf8',
    cwd: join(__dirname, '../..'),
  });
  expect(res.status).toBe(0);
  expect(res.stdout).not.toContain(key);
  expect(JSON.parse(res.stdout).findings.map((f: { kind: string }) => f.kind)).toContain('secret-exposed');
});

test('--registry-snapshot cross-checks devices: a disabled device becomes device-disabled', async () => {
  const r = await run(['--json', '--registry-snapshot', join(__dirname, '../../samples/registry-snapshot.json'), file('q.txt', 'pump-0107 keeps failing with 401003, why?')]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.findings.map((f: { kind: string }) => f.kind)).toContain('device-disabled');
  expect(out.verdict).toBe('credential-problem');
  expect(out.devices.find((d: { deviceId: string }) => d.deviceId === 'pump-0107').registry).toMatchObject({ found: true, status: 'disabled' });
});

test('a malformed snapshot is an I/O error naming the file and line', async () => {
  const r = await run(['--registry-snapshot', file('bad.jsonl', '{"deviceId":"a","status":"enabled"}\n{oops\n'), file('q2.txt', 'pump-0042')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/bad\.jsonl.*line 2/);
});

describe('several hubs: --registry-snapshot more than once, --dps-snapshot', () => {
  const HUBS = join(__dirname, '../bot/hubs');
  const prod = join(HUBS, 'contoso-prod.json');
  const test_ = join(HUBS, 'contoso-test.json');
  const dps = join(HUBS, 'dps-registrations.json');
  const paste = () =>
    file(
      'wrong-hub.log',
      '2026-10-05T09:00:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net\n2026-10-05T09:05:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
    );

  test('every hub is searched: the device the paste sends to contoso-prod lives in contoso-test, and DPS put it there', async () => {
    const r = await run(['--json', '--now', '2026-10-05T10:00:00Z', '--registry-snapshot', prod, '--registry-snapshot', test_, '--dps-snapshot', dps, paste()]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('credential-problem');
    const f = out.findings.find((x: { kind: string }) => x.kind === 'device-in-other-hub');
    expect(f).toMatchObject({ deviceId: 'pump-0043', hub: 'contoso-prod', details: { expectedHub: 'contoso-test' } });
    expect(f.details.hubFacts.map((x: { code: string }) => x.code)).toEqual(['registered-in-other-hub', 'dps-assigned-elsewhere']);
    expect(out.devices.find((d: { deviceId: string }) => d.deviceId === 'pump-0043').hubs.map((h: { hub: string; state: string }) => `${h.hub}:${h.state}`)).toEqual([
      'contoso-prod:not-found',
      'contoso-test:found',
    ]);
  });

  test('the text report says it in English and in Dutch', async () => {
    const en = await run(['--registry-snapshot', test_, '--registry-snapshot', prod, '--dps-snapshot', dps, paste()]);
    expect(en.stdout).toContain('pump-0043 is not registered in contoso-prod; it is registered (enabled, SAS) in contoso-test');
    expect(en.stdout).toContain('DPS assigned it to contoso-test on 2026-10-02; it now connects to contoso-prod.');
    const nl = await run(['--lang', 'nl', '--registry-snapshot', prod, '--registry-snapshot', test_, paste()]);
    expect(nl.stdout).toContain('pump-0043 is niet geregistreerd in contoso-prod; het is geregistreerd (ingeschakeld, SAS) in contoso-test');
  });

  test('one snapshot alone works as before; the same hub twice, or a bad DPS file, is an I/O error with one line', async () => {
    const one = await run(['--json', '--registry-snapshot', prod, paste()]);
    expect(JSON.parse(one.stdout).findings.map((x: { kind: string }) => x.kind)).not.toContain('device-in-other-hub');
    const twice = await run(['--registry-snapshot', prod, '--registry-snapshot', prod, paste()]);
    expect(twice.code).toBe(1);
    expect(twice.stderr.trim().split('\n')).toHaveLength(1);
    expect(twice.stderr).toMatch(/two sources are hub contoso-prod/);
    const bad = await run(['--registry-snapshot', prod, '--dps-snapshot', file('dps.json', '[{"registrationId":"x","status":"sleeping"}]'), paste()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--dps-snapshot: DPS registration snapshot .*dps\.json: entry 1: status must be one of/);
    expect((await run(['--dps-snapshot', dps, '--dps-snapshot', dps, paste()])).code).toBe(2);
  });
});

describe('hubs the environment configures: IOTHUB_HOSTNAMES and DPS_HOSTNAME, asked live (nock)', () => {
  let identity: ReturnType<typeof managedIdentity>;
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; href?: string; path?: string }) => unmatched.push(`${req.method} ${req.href ?? req.path}`);
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
    identity = managedIdentity();
  });
  afterAll(() => {
    identity.restore();
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  test('the paste sends pump-0043 to contoso-prod; contoso-test has it and DPS put it there: the wrong-hub finding', async () => {
    const calls = [twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043')), twinOnce('contoso-test', 'pump-0043', 200, twin('pump-0043')), ...dpsAssigned('pump-0043', 'contoso-test')];
    const paste = file(
      'live-wrong-hub.log',
      '2026-10-05T09:00:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net\n2026-10-05T09:05:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
    );
    const r = await run(['--json', '--now', '2026-10-05T10:00:00Z', paste], { IOTHUB_HOSTNAMES: 'contoso-prod,contoso-test', DPS_HOSTNAME: 'contoso-dps' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Every interceptor answers once and requires the bearer token: each hub and DPS was asked exactly once, authenticated.
    expect(calls.every((c) => c.isDone())).toBe(true);
    expect(unmatched).toEqual([]);
    expect(new Set(identity.resources)).toEqual(new Set(['https://iothubs.azure.net', 'https://azure-devices-provisioning.net']));
    const out = JSON.parse(r.stdout);
    expect(out.verdict).toBe('credential-problem');
    const f = out.findings.find((x: { kind: string }) => x.kind === 'device-in-other-hub');
    expect(f).toMatchObject({ deviceId: 'pump-0043', hub: 'contoso-prod', details: { expectedHub: 'contoso-test' } });
    expect(f.details.hubFacts.map((x: { code: string }) => x.code)).toEqual(['registered-in-other-hub', 'dps-assigned-elsewhere']);
  });

  test('a snapshot file on the command line is searched besides the live hubs', async () => {
    const calls = [twinOnce('contoso-prod', 'pump-0043', 404, notFound('pump-0043'))];
    const paste = file('live-plus-file.log', '2026-10-05T09:00:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net');
    const r = await run(['--json', '--registry-snapshot', join(__dirname, '../bot/hubs/contoso-test.json'), paste], { IOTHUB_HOSTNAMES: 'contoso-prod' });
    expect(r.code).toBe(0);
    expect(calls.every((c) => c.isDone())).toBe(true);
    expect(unmatched).toEqual([]);
    const out = JSON.parse(r.stdout);
    expect(out.findings.find((x: { kind: string }) => x.kind === 'device-in-other-hub')).toMatchObject({ hub: 'contoso-prod', details: { expectedHub: 'contoso-test' } });
  });
});

test('--hub switches to the fleet check; bad arguments are usage errors', async () => {
  const r = await run(['--hub', 'contoso;drop', '--workspace', '00000000-0000-0000-0000-000000000000']);
  expect(r.code).toBe(2);
  // the fleet parser answered (not the paste parser's "unknown option")
  expect(r.stderr.split('\n')[0]).toMatch(/^iothub-triage: .*not an IoT Hub name/);
  const noWorkspace = await run(['--hub', 'contoso-iot-prod']);
  expect(noWorkspace.code).toBe(2);
  expect(noWorkspace.stderr).toMatch(/--workspace .*required/);
});

describe('start-up: the Azure SDKs load only when configured and used', () => {
  // Runs main() in a child process, then lists the packages it loaded from node_modules.
  const loaded = (argv: string[], env: Record<string, string> = {}): string[] => {
    const script = `
      const { main } = require('./src/cli.ts');
      main(${JSON.stringify(argv)}, { stdout: () => {}, stderr: () => {}, env: ${JSON.stringify(env)} }).then(() => {
        const pkgs = new Set(Object.keys(require.cache).map((k) => (k.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/) || [])[1]).filter(Boolean));
        process.stdout.write(JSON.stringify([...pkgs]));
      });`;
    const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { encoding: 'utf8', cwd: join(__dirname, '../..'), input: '' });
    expect(res.status).toBe(0);
    // Only the project's runtime dependencies count (ts-node and its helpers are the test's own).
    return (JSON.parse(res.stdout) as string[]).filter((p) => /^@azure\/|^azure-|^botbuilder|^botframework|^restify|^openai|^applicationinsights|^pino|^adaptive/.test(p));
  };

  test('a paste, with no registry configured, loads none', () => {
    const paste = file('start.txt', '2026-11-29T10:00:00Z 401003 IoTHubUnauthorized device=pump-7');
    expect(loaded(['--json', paste])).toEqual([]);
  });

  test('a watch round from the CLI (--changes-since) loads no card or bot packages', () => {
    const state = file('not-a-state.json', '{"v":0}');
    const pkgs = loaded(['--hub', 'contoso-iot-prod', '--workspace', '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', '--changes-since', state]);
    expect(pkgs.filter((p) => /^adaptive|^botbuilder|^botframework|^restify/.test(p))).toEqual([]);
  });

  test('several hub snapshots and a DPS snapshot load none', () => {
    const paste = file('start3.txt', '2026-11-29T10:00:00Z 401003 IoTHubUnauthorized device=pump-0043');
    const hubs = join(__dirname, '../bot/hubs');
    const argv = ['--json', '--registry-snapshot', join(hubs, 'contoso-prod.json'), '--registry-snapshot', join(hubs, 'contoso-test.json'), '--dps-snapshot', join(hubs, 'dps-registrations.json'), paste];
    expect(loaded(argv)).toEqual([]);
  });

  test('a hub configured by connection string loads azure-iothub', () => {
    const paste = file('start2.txt', 'nothing here');
    expect(loaded(['--json', paste], { IOTHUB_CONNECTION_STRING: 'HostName=contoso.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=cXVpY2stdGVzdC1rZXktMDAwMDAwMDAwMDAwMDAwMDA=' })).toContain('azure-iothub');
  });
});
