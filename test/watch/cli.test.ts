// `iothub-triage --hub NAME --workspace ID --since 24h --changes-since FILE`: one watch round from a
// script. The real LogsQueryClient, its HTTPS calls answered by nock; the state file on disk.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { main } from '../../src/cli';
import { parseFleetArgs, type FleetCliArgs } from '../../src/fleet/cliArgs';
import { knowledge } from '../../src/triage/knowledge';
import { runWatchCli } from '../../src/watch/cli';
import { parseWatchState } from '../../src/watch/state';
import { watchStrings } from '../../src/watch/strings';
import { FAKE_TOKEN, fakeCredential } from '../fleet/helpers';
import { churner, HUB, laPayload, lockedOutDevice, thumbprint } from './fleets';
import type { SynthEvent } from '../triage/synth';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const API = 'https://api.loganalytics.io';
const PATH = `/v1/workspaces/${WS}/query`;
const dir = mkdtempSync(join(tmpdir(), 'iothub-triage-watch-'));
let n = 0;
const stateFile = () => join(dir, `state-${++n}.json`);

const churnOnly = () => [...churner('pump-1'), ...churner('pump-2')];
const lockedOut = () => [...churner('pump-1'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')];

function answer(events: SynthEvent[], opts: { partial?: boolean } = {}) {
  return nock(API)
    .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
    .post(PATH, (b) => b.timespan === 'P1D' && typeof b.query === 'string')
    .reply(200, laPayload(events, opts));
}

async function run(file: string, extra: Partial<FleetCliArgs> = {}) {
  let stdout = '';
  let stderr = '';
  const args = { hub: HUB, workspace: WS, since: '24h', json: false, lang: 'en' as const, changesSince: file, ...extra };
  const code = await runWatchCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, {}, { credential: fakeCredential(), clock: () => new Date('2026-05-01T06:00:00Z') });
  return { code, stdout, stderr };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('--changes-since', () => {
  test('a missing file is created; churn alone prints no post; a lock-out prints one; the same answer again prints nothing', async () => {
    const file = stateFile();
    answer(churnOnly());
    const first = await run(file);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    expect(first.stderr).toContain(watchStrings('en').nothing(0, 2));
    expect(parseWatchState(readFileSync(file, 'utf8'))?.hub).toBe(HUB);

    const scope = answer(lockedOut());
    const second = await run(file);
    expect(scope.isDone()).toBe(true);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(watchStrings('en').worseStatus(2));
    expect(second.stdout).toMatch(/- pump-7: new credential problem/);
    expect(second.stdout).toMatch(/- cam-9: new credential problem/);
    expect(second.stdout).not.toContain('pump-1');
    expect(second.stdout).toContain(knowledge('thumbprint-mismatch', 'en').fix[0]);
    expect(parseWatchState(readFileSync(file, 'utf8'))?.pending).toBeUndefined();

    answer(lockedOut());
    const third = await run(file);
    expect(third).toMatchObject({ code: 0, stdout: '' });

    answer(churnOnly().concat(churner('pump-7')));
    const fourth = await run(file, { lang: 'nl' });
    expect(fourth.stdout).toContain(watchStrings('nl').recoveredStatus);
  });

  test('--json prints the post (or null) with the counts', async () => {
    const file = stateFile();
    answer(lockedOut());
    const r = await run(file, { json: true });
    const out = JSON.parse(r.stdout);
    expect(out.post.kind).toBe('worse');
    expect(out.post.devices.shown.map((d: { deviceId: string }) => d.deviceId).sort()).toEqual(['cam-9', 'pump-7']);
    expect(out.post.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['thumbprint-mismatch', 'unrecovered-unauthorized']);
    expect(out).toMatchObject({ credential: 2, churn: 1, devices: 3 });
    answer(lockedOut());
    expect(JSON.parse((await run(file, { json: true })).stdout).post).toBeNull();
  });

  test('a failed query or a partial result leaves the file as it was', async () => {
    const file = stateFile();
    answer(churnOnly());
    await run(file);
    const before = readFileSync(file, 'utf8');
    nock(API).post(PATH).reply(429, { error: { code: 'ThrottledError', message: 'Too many requests' } });
    const throttled = await run(file);
    expect(throttled.code).toBe(1);
    expect(throttled.stderr.trim().split('\n')).toHaveLength(1);
    answer(lockedOut(), { partial: true });
    const partial = await run(file, { json: true });
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ post: null, skipped: 'partial' });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('a file that is not a state, or the state of another hub, is refused before any query', async () => {
    const other = stateFile();
    answer(churnOnly());
    await run(other);
    const scope = answer(lockedOut());
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello":1}');
    const bad = await run(junk);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a watch state file/);
    expect(readFileSync(junk, 'utf8')).toBe('{"hello":1}');
    const wrongHub = await run(other, { hub: 'contoso-iot-test' });
    expect(wrongHub.code).toBe(2);
    expect(wrongHub.stderr).toMatch(/holds the watch state of hub contoso-iot-prod/);
    expect(scope.isDone()).toBe(false);
  });

  test('a file in a missing directory is an I/O error after the query, and nothing is printed', async () => {
    answer(lockedOut());
    const r = await run(join(dir, 'no-such-dir', 'state.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot write .*ENOENT/);
  });
});

describe('through the command line', () => {
  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
    return { code, stdout, stderr };
  }

  test('--changes-since is parsed with the fleet flags; --device is refused with it', () => {
    expect(parseFleetArgs(['--hub', HUB, '--changes-since', 'w.json'])).toMatchObject({ ok: true, args: { hub: HUB, changesSince: 'w.json' } });
    expect(parseFleetArgs(['--hub', HUB, '--changes-since'])).toEqual({ ok: false, message: '--changes-since needs a value' });
    expect(parseFleetArgs(['--hub', HUB, '--device', 'd', '--changes-since', 'w.json'])).toMatchObject({ ok: false });
  });

  test('main routes --changes-since to the watch round: its file checks answer', async () => {
    const junk = join(dir, 'junk2.json');
    writeFileSync(junk, 'not json');
    const r = await cli(['--hub', HUB, '--workspace', WS, '--changes-since', junk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^iothub-triage: .*is not a watch state file/);
    const usage = await cli(['--hub', HUB, '--device', 'x', '--changes-since', junk]);
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toMatch(/leave out --device/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});
