// restify 11.1.0 asks for find-my-way ^7.2.0 (GHSA-rrr8-f88r-h8q6, ReDoS, fixed in 8.2.2) and send ^0.18.0
// (GHSA-m6fv-jmcg-4jfg, fixed in 0.19.0). package.json "overrides" pin the fixed versions. This checks
// that what restify actually loads is the fixed version, and that restify still routes with it
// (parameters, 404, 405) through the real server.
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { startBot, type BotUnderTest } from '../faults/harness';

const ROOT = join(__dirname, '../..');
const RESTIFY_DIR = dirname(require.resolve('restify/package.json'));

/** The version of `name` that restify's own require() resolves to. */
function versionSeenByRestify(name: string): string {
  const file = require.resolve(`${name}/package.json`, { paths: [join(RESTIFY_DIR, 'lib'), RESTIFY_DIR] });
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function atLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

describe('pinned transitive dependencies', () => {
  it('restify loads find-my-way >= 8.2.2 and send >= 0.19.0, as package.json overrides say', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { overrides?: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.dependencies.restify).toBe('11.1.0');
    expect(pkg.overrides).toMatchObject({ 'find-my-way': '8.2.2', send: '0.19.2' });
    expect(versionSeenByRestify('find-my-way')).toBe('8.2.2');
    expect(versionSeenByRestify('send')).toBe('0.19.2');
    expect(atLeast(versionSeenByRestify('find-my-way'), '8.2.2')).toBe(true);
    expect(atLeast(versionSeenByRestify('send'), '0.19.0')).toBe(true);
  });
});

describe('restify still routes with find-my-way 8', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());
  const url = (path: string) => `http://127.0.0.1:${bot.server.port}${path}`;

  it('the real server: known routes, 404 for unknown paths, 405 for a wrong method', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect((await fetch(url('/nowhere'))).status).toBe(404);
    expect((await fetch(url('/api/messages'))).status).toBe(405);
    expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(405);
    const res = await fetch(url('/api/messages'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('hostile paths (long, many segments, encoded) are answered, not hung on', async () => {
    for (const path of [`/${'a/'.repeat(2_000)}`, `/api/${'%2F'.repeat(1_000)}`, `/healthz${'-'.repeat(4_000)}`, `/${'x'.repeat(6_000)}?${'q=1&'.repeat(500)}`]) {
      const res = await fetch(url(path), { signal: AbortSignal.timeout(10_000) });
      expect([404, 405, 414, 431]).toContain(res.status);
    }
    expect((await fetch(url('/healthz'))).status).toBe(200);
  });

  it('route parameters (the part of find-my-way the advisory is about) still work', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    server.get('/devices/:deviceId/modules/:moduleId', async (req, res) => {
      res.send(200, { deviceId: req.params.deviceId, moduleId: req.params.moduleId });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/devices/pump-0042/modules/edge%20agent`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ deviceId: 'pump-0042', moduleId: 'edge agent' });
      expect((await fetch(`http://127.0.0.1:${port}/devices/pump-0042`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/devices/a/modules/b`, { method: 'DELETE' })).status).toBe(405);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
