// WATCH_STORAGE_ENDPOINT in Azure: the table client's own HTTPS requests, intercepted with nock. They go to
// the account's table endpoint with a bearer token for Azure Storage (never a shared key), the Table
// service's version header, and the base64url-encoded keys in the entity path.
import nock from 'nock';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { loadConfig } from '../../src/config';
import { createWatchStorage } from '../../src/watch/fromEnv';

const HOST = 'https://contosowatch.table.core.windows.net';
const ETAG = `W/"datetime'2026-12-01T04%3A00%3A00.000Z'"`;
const CONVERSATION = '19:incident/ops#1@thread.tacv2;messageid=1700000000000';

class RecordingCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return { token: 'mi-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

test('reads a watch state as the managed identity, at the encoded keys', async () => {
  const settings = loadConfig({
    NODE_ENV: 'production',
    MicrosoftAppId: '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    WATCH_STORAGE_ENDPOINT: `${HOST}/`,
  }).watchStorage!;
  const credential = new RecordingCredential();
  const { store } = await createWatchStorage(settings, { credential });

  const seen: Array<{ method: string; path: string; auth?: string; version?: string }> = [];
  const pk = Buffer.from(CONVERSATION).toString('base64url');
  const rk = `state.${Buffer.from('contoso-prod').toString('base64url')}`;
  nock(HOST)
    .post('/Tables')
    .reply(function () {
      seen.push({ method: 'POST', path: this.req.path, auth: this.req.headers.authorization as string, version: this.req.headers['x-ms-version'] as string });
      return [409, { 'odata.error': { code: 'TableAlreadyExists', message: { lang: 'en-US', value: 'The table specified already exists.' } } }, { 'content-type': 'application/json' }];
    })
    .get(/^\/watches\(PartitionKey='[^']*',RowKey='[^']*'\)/)
    .reply(function () {
      seen.push({ method: 'GET', path: decodeURIComponent(this.req.path), auth: this.req.headers.authorization as string, version: this.req.headers['x-ms-version'] as string });
      return [200, { 'odata.etag': ETAG, PartitionKey: pk, RowKey: rk, json: '{"round":4}' }, { 'content-type': 'application/json;odata=minimalmetadata', etag: ETAG }];
    });

  const state = await store.getState(CONVERSATION, 'contoso-prod');
  expect(state).toEqual({ json: '{"round":4}', etag: ETAG });
  expect(seen.map((r) => r.method)).toEqual(['POST', 'GET']);
  expect(seen[1].path).toMatch(new RegExp(`^/watches\\(PartitionKey='${pk}',RowKey='${rk.replace('.', '\\.')}'\\)`));
  for (const r of seen) {
    expect(r.auth).toBe('Bearer mi-token');
    expect(r.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  expect(credential.scopes).toEqual(expect.arrayContaining(['https://storage.azure.com/.default']));
  expect(nock.isDone()).toBe(true);
});

test('a conditional state write sends If-Match with the ETag it was given; 412 means another writer won', async () => {
  const settings = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', WATCH_STORAGE_ENDPOINT: HOST }).watchStorage!;
  const { store } = await createWatchStorage(settings, { credential: new RecordingCredential() });
  let ifMatch: string | undefined;
  nock(HOST)
    .post('/Tables')
    .reply(204)
    .put(/^\/watches\(/)
    .reply(function () {
      ifMatch = this.req.headers['if-match'] as string;
      return [412, { 'odata.error': { code: 'UpdateConditionNotSatisfied', message: { lang: 'en-US', value: 'The update condition specified in the request was not satisfied.' } } }, { 'content-type': 'application/json' }];
    });
  expect(await store.saveState(CONVERSATION, 'contoso-prod', '{"round":5}', 'W/"etag-1"')).toBe(false);
  expect(ifMatch).toBe('W/"etag-1"');
});
