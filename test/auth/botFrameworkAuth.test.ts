// Bot Framework authentication through the real server with an app id configured. botbuilder fetches
// the channel's OpenID metadata and signing keys from login.botframework.com; nock serves our own RSA
// key there, and tokens are signed with jsonwebtoken (botframework-connector's own dependency). A valid
// token is accepted; every kind of bad one is refused with 401 and the bot never runs.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { cardAction, captureLogs, OTHER_TENANT, TENANT, type CapturedLogs } from '../bot/fakes';

const APP_ID = '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d';
const ISSUER = 'https://api.botframework.com';
const LOGIN = 'https://login.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KID = 'test-signing-key';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwk(key: KeyObject, kid: string, endorsements: string[]): Record<string, unknown> {
  const { n, e } = key.export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', kid, n, e, endorsements };
}

interface TokenOptions {
  claims?: Record<string, unknown>;
  key?: KeyObject;
  kid?: string;
  algorithm?: jwt.Algorithm;
  secret?: string;
}

function token(opts: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 3600, ...opts.claims };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete (claims as Record<string, unknown>)[k];
  if (opts.secret) return jwt.sign(claims, opts.secret, { algorithm: 'HS256', keyid: KID });
  return jwt.sign(claims, (opts.key ?? signing.privateKey).export({ format: 'pem', type: 'pkcs8' }) as string, { algorithm: opts.algorithm ?? 'RS256', keyid: opts.kid ?? KID });
}

function feedback(opts: { tenant?: string; serviceUrl?: string; channelId?: string } = {}) {
  const activity = cardAction('feedback', { helpful: true, verdict: 'token-expiry-churn' }, { tenant: opts.tenant ?? TENANT, serviceUrl: opts.serviceUrl ?? SERVICE_URL });
  return { ...activity, channelId: opts.channelId ?? 'msteams' };
}

let server: RunningServer;
let logs: CapturedLogs;
let errorSpy: jest.SpyInstance;
let keysFetched = 0;

async function post(body: unknown, authorization?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock(LOGIN)
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, { issuer: ISSUER, jwks_uri: `${LOGIN}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] })
    .persist();
  nock(LOGIN)
    .get('/v1/.well-known/keys')
    .reply(() => {
      keysFetched++;
      return [200, { keys: [jwk(signing.publicKey, KID, ['msteams'])] }];
    })
    .persist();
  // CloudAdapter prints every refused request with console.error.
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  logs = captureLogs();
  const config = loadConfig({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    ALLOWED_TENANT_IDS: TENANT,
    PORT: '0',
  });
  server = await startServer({ ...config, host: '127.0.0.1' }, { clock: () => new Date(), logger: logs.logger });
});

afterAll(async () => {
  await server?.close();
  errorSpy?.mockRestore();
  nock.cleanAll();
  nock.enableNetConnect();
});

function turns(): number {
  return logs.lines().filter((l) => l.event === 'turn' || l.event === 'card-action' || l.event === 'tenant-refused').length;
}

describe('a valid channel token', () => {
  it('is accepted: 200 and the bot answers the invoke', async () => {
    const res = await post(feedback(), `Bearer ${token()}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(keysFetched).toBeGreaterThan(0);
  });
});

describe('refused with 401, and the bot never runs', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<{ name: string; header: () => string | undefined; activity?: () => ReturnType<typeof feedback> }> = [
    { name: 'no Authorization header', header: () => undefined },
    { name: 'an empty Authorization header', header: () => '' },
    { name: 'a Basic scheme', header: () => 'Basic dXNlcjpwYXNz' },
    { name: 'Bearer without a token', header: () => 'Bearer' },
    { name: 'a malformed token', header: () => 'Bearer not.a.jwt' },
    { name: 'random base64 segments', header: () => `Bearer ${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA` },
    { name: 'an expired token (beyond the 5 min clock tolerance)', header: () => `Bearer ${token({ claims: { exp: now() - 3600, nbf: now() - 7200 } })}` },
    { name: 'a token not valid yet', header: () => `Bearer ${token({ claims: { nbf: now() + 3600 } })}` },
    { name: 'the wrong audience (another bot)', header: () => `Bearer ${token({ claims: { aud: '99999999-9999-4999-8999-999999999999' } })}` },
    { name: 'no audience', header: () => `Bearer ${token({ claims: { aud: undefined } })}` },
    { name: 'the wrong issuer', header: () => `Bearer ${token({ claims: { iss: 'https://evil.example.com' } })}` },
    { name: 'an unknown key id', header: () => `Bearer ${token({ kid: 'some-other-kid' })}` },
    { name: 'a forged signature (another key, our key id)', header: () => `Bearer ${token({ key: stranger.privateKey })}` },
    { name: 'HS256 "signed" with a guessable secret', header: () => `Bearer ${token({ secret: 'secret' })}` },
    { name: 'alg none', header: () => `Bearer ${jwt.sign({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL }, '', { algorithm: 'none' })}` },
    { name: 'a serviceurl claim for another service URL', header: () => `Bearer ${token({ claims: { serviceurl: 'https://attacker.example.com/' } })}` },
    { name: 'no serviceurl claim', header: () => `Bearer ${token({ claims: { serviceurl: undefined } })}` },
    { name: 'a key not endorsed for the channel', header: () => `Bearer ${token()}`, activity: () => feedback({ channelId: 'slack' }) },
  ];

  it.each(cases)('$name', async ({ header, activity }) => {
    const before = turns();
    const value = header();
    const res = await post((activity ?? feedback)(), value);
    expect(res.status).toBe(401);
    // The refusal never echoes the token.
    if (value && value.length > 20) expect(res.text).not.toContain(value.slice(7, 60));
    expect(turns()).toBe(before);
  });

  it('a valid token for a different serviceUrl than the activity names (claims must match)', async () => {
    const res = await post(feedback({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }), `Bearer ${token()}`);
    expect(res.status).toBe(401);
  });
});

describe('tenant allow-list with authentication on', () => {
  it('a valid token from another tenant: a polite refusal in the invoke response, no card action run', async () => {
    const res = await post(feedback({ tenant: OTHER_TENANT }), `Bearer ${token()}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/isn't available/);
    expect(logs.lines().some((l) => l.event === 'tenant-refused' && l.tenantId === OTHER_TENANT)).toBe(true);
  });

  it('a valid token without any tenant: refused too (it cannot be checked)', async () => {
    const activity = feedback();
    const res = await post({ ...activity, channelData: {}, conversation: { ...activity.conversation, tenantId: undefined } }, `Bearer ${token()}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/isn't available/);
  });
});
