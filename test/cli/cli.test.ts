// The command-line tool: report or JSON, exit codes, and friendly handling of odd input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs, UsageError } from '../../src/cli';
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

  test('a hub configured by connection string loads azure-iothub', () => {
    const paste = file('start2.txt', 'nothing here');
    expect(loaded(['--json', paste], { IOTHUB_CONNECTION_STRING: 'HostName=contoso.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=cXVpY2stdGVzdC1rZXktMDAwMDAwMDAwMDAwMDAwMDA=' })).toContain('azure-iothub');
  });
});
