// `iothub-triage --hub NAME --workspace ID --since 24h`: the fleet check from a terminal.
import nock from 'nock';
import { parseFleetArgs, runFleetCli, type FleetCliArgs } from '../../src/fleet/cli';
import { fleetTextReport } from '../../src/fleet/textReport';
import type { FleetResult } from '../../src/fleet/types';
import { churn, connect, lockedOut } from '../triage/synth';
import { fakeCredential, FAKE_TOKEN } from './helpers';
import { apiPayload, referenceTable } from './kqlReference';
import { HUB, laRow } from './synthFleet';

const WS = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const API = 'https://api.loganalytics.io';
const t0 = new Date('2026-05-01T00:00:00Z');
const rows = () => [...churn('pump-0001', t0, 4), connect('pump-0042', t0), ...lockedOut('pump-0042', new Date(t0.getTime() + 60_000), 5)].map(laRow);

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) } };
}

const args = (a: Partial<FleetCliArgs> = {}): FleetCliArgs => ({ hub: HUB, workspace: WS, since: '24h', json: false, lang: 'en', ...a });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('runFleetCli', () => {
  test('prints the report: totals, the locked-out device first, and the query; exit 0', async () => {
    let body: { timespan?: string } = {};
    nock(API)
      .matchHeader('authorization', `Bearer ${FAKE_TOKEN}`)
      .post(`/v1/workspaces/${WS}/query`, (b) => {
        body = b;
        return true;
      })
      .reply(200, apiPayload(referenceTable(rows(), HUB)));
    const t = io();
    expect(await runFleetCli(args({ since: '7d' }), t.io, {}, { credential: fakeCredential() })).toBe(0);
    expect(body.timespan).toBe('P7D');
    const text = t.out.join('');
    expect(text).toContain(`Hub ${HUB} · last 7d`);
    expect(text).toContain('2 device(s) with Connections logs: credential problem 1 · token-expiry churn (benign) 1');
    expect(text).toMatch(/- pump-0042: credential-problem \[unrecovered-unauthorized\]/);
    expect(text).toContain('typical token lifetime ≈ 65 min');
    expect(text).toContain('AzureDiagnostics');
    expect(t.err).toEqual([]);
  });

  test('--json prints the FleetResult', async () => {
    nock(API).post(`/v1/workspaces/${WS}/query`).reply(200, apiPayload(referenceTable(rows(), HUB)));
    const t = io();
    expect(await runFleetCli(args({ json: true }), t.io, {}, { credential: fakeCredential() })).toBe(0);
    const r = JSON.parse(t.out.join('')) as FleetResult;
    expect(r.devices.map((d) => [d.deviceId, d.verdict])).toEqual([
      ['pump-0042', 'credential-problem'],
      ['pump-0001', 'token-expiry-churn'],
    ]);
    expect(r.totals.devices).toBe(2);
  });

  test('the workspace may come from LOG_ANALYTICS_WORKSPACE_ID', async () => {
    nock(API).post(`/v1/workspaces/${WS}/query`).reply(200, apiPayload(referenceTable([], HUB)));
    const t = io();
    expect(await runFleetCli(args({ workspace: '', lang: 'nl' }), t.io, { LOG_ANALYTICS_WORKSPACE_ID: WS }, { credential: fakeCredential() })).toBe(0);
    expect(t.out.join('')).toContain('Geen Connections-logs');
  });

  test('usage errors exit 2 with one line; a failed query exits 1 with one line', async () => {
    for (const a of [args({ hub: 'x' }), args({ since: '2h' }), args({ workspace: 'not-a-guid' }), args({ workspace: '' })]) {
      const t = io();
      expect(await runFleetCli(a, t.io, {}, { credential: fakeCredential() })).toBe(2);
      expect(t.err).toHaveLength(1);
      expect(t.err[0].trim().split('\n')).toHaveLength(1);
      expect(t.out).toEqual([]);
    }
    nock(API).post(`/v1/workspaces/${WS}/query`).reply(403, { error: { code: 'InsufficientAccessError', message: 'no access' } });
    const t = io();
    expect(await runFleetCli(args(), t.io, {}, { credential: fakeCredential() })).toBe(1);
    expect(t.err.join('')).toMatch(/^iothub-triage: Not allowed: .*Log Analytics Reader/);
    expect(t.err.join('').trim().split('\n')).toHaveLength(1);
  });
});

describe('parseFleetArgs', () => {
  test('reads the flags, with 24h and English by default', () => {
    expect(parseFleetArgs(['--hub', HUB, '--workspace', WS])).toEqual({ ok: true, args: { hub: HUB, workspace: WS, since: '24h', json: false, lang: 'en' } });
    expect(parseFleetArgs(['--json', '--hub', HUB, '--since', '3d', '--lang', 'nl', '--device', 'pump-0042'])).toEqual({
      ok: true,
      args: { hub: HUB, workspace: '', since: '3d', json: true, lang: 'nl', deviceId: 'pump-0042' },
    });
  });

  test('refuses what it does not know', () => {
    expect(parseFleetArgs([])).toMatchObject({ ok: false });
    expect(parseFleetArgs(['--hub'])).toMatchObject({ ok: false, message: '--hub needs a value' });
    expect(parseFleetArgs(['--hub', HUB, '--lang', 'fr'])).toMatchObject({ ok: false });
    expect(parseFleetArgs(['--hub', HUB, 'file.log'])).toMatchObject({ ok: false });
  });
});

describe('fleetTextReport', () => {
  test('a failure is one line with the reason in the chosen language', () => {
    expect(fleetTextReport({ ok: false, reason: 'throttled', message: 'Try again in 42 s.' }, 'nl')).toBe('Afgeremd: Try again in 42 s.');
  });
});
