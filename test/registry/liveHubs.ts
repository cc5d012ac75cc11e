// Live hubs and DPS for tests that build the directory from the environment exactly as the bot and the CLI
// do (DefaultAzureCredential included): nock answers the Azure SDKs' own HTTPS requests. The credential is
// App Service's managed identity (IDENTITY_ENDPOINT + IDENTITY_HEADER), whose token endpoint nock answers
// too, so the bearer token every hub and DPS request must carry is one the real credential fetched.
import nock from 'nock';

export const HUB_API = { 'api-version': '2021-04-12' };
export const DPS_API = { 'api-version': '2021-10-01' };
export const DPS_HOST = 'https://contoso-dps.azure-devices-provisioning.net';
export const hubHost = (name: string) => `https://${name}.azure-devices.net`;
const TOKEN = 'fake-managed-identity-token';
export const BEARER = `Bearer ${TOKEN}`;
const IDENTITY = 'http://identity.test';
const IDENTITY_HEADER = 'test-identity-header';

export const twin = (deviceId: string, extra: Record<string, unknown> = {}) => ({
  deviceId,
  etag: 'AAAAAAAAAAE=',
  status: 'enabled',
  statusUpdateTime: '0001-01-01T00:00:00Z',
  connectionState: 'Disconnected',
  lastActivityTime: '2026-10-01T09:14:51.2036711Z',
  authenticationType: 'sas',
  x509Thumbprint: { primaryThumbprint: null, secondaryThumbprint: null },
  version: 3,
  properties: { desired: {}, reported: {} },
  ...extra,
});
export const notFound = (id: string) => ({ Message: `ErrorCode:DeviceNotFound;Device ${id} not registered`, ExceptionMessage: 'Tracking ID:0123abcd-G:0' });

/** A hub's twin endpoint for one device, answered once, only with the bearer token. */
export function twinOnce(hub: string, id: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  return nock(hubHost(hub)).get(`/twins/${encodeURIComponent(id)}`).query(HUB_API).matchHeader('authorization', BEARER).times(1).reply(status, body as nock.Body, headers);
}

/** A DPS read, answered once, only with the bearer token. */
export function dpsOnce(path: string, status: number, body: unknown) {
  return nock(DPS_HOST).get(path).query(DPS_API).matchHeader('authorization', BEARER).times(1).reply(status, body as nock.Body);
}

/** DPS assigned `id` to `hub` through the enrollment group pumps-eu: the registration state, then the group. */
export function dpsAssigned(id: string, hub: string, lastUpdated = '2026-10-02T08:14:00Z') {
  return [
    dpsOnce(`/registrations/${id}`, 200, {
      registrationId: id,
      deviceId: id,
      assignedHub: `${hub}.azure-devices.net`,
      status: 'assigned',
      substatus: 'initialAssignment',
      createdDateTimeUtc: '2026-03-12T09:01:44.0312845Z',
      lastUpdatedDateTimeUtc: lastUpdated,
      etag: 'IjAwMDAi',
      symmetricKey: { enrollmentGroupId: 'pumps-eu' },
    }),
    dpsOnce('/enrollmentGroups/pumps-eu', 200, { enrollmentGroupId: 'pumps-eu', attestation: { type: 'symmetricKey' }, provisioningStatus: 'enabled' }),
  ];
}

/**
 * Points DefaultAzureCredential at a managed identity endpoint nock answers; returns the resources tokens
 * were asked for, and a function that restores the environment.
 */
export function managedIdentity(): { resources: string[]; restore: () => void } {
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
  process.env.IDENTITY_ENDPOINT = `${IDENTITY}/msi/token`;
  process.env.IDENTITY_HEADER = IDENTITY_HEADER;
  const resources: string[] = [];
  const scope = nock(IDENTITY)
    .persist()
    .get('/msi/token')
    .query(true)
    .matchHeader('x-identity-header', IDENTITY_HEADER)
    .reply((uri) => {
      const resource = new URL(uri, IDENTITY).searchParams.get('resource') ?? '';
      resources.push(resource);
      return [200, { access_token: TOKEN, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource, token_type: 'Bearer' }];
    });
  return {
    resources,
    restore: () => {
      scope.persist(false);
      nock.removeInterceptor({ hostname: 'identity.test', path: '/msi/token', method: 'GET', proto: 'http' });
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
