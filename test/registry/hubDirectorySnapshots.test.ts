// The hub directory over snapshot hubs (what --registry-snapshot and IOTHUB_REGISTRY_SNAPSHOT build): hub
// order, one hub only, unconfigured names, the deadline, a hub that throws, and DPS exports in both shapes.
import { createHubDirectory, type DirectoryHub, type DpsSource } from '../../src/registry/hubDirectory';
import { createDpsSnapshot, parseDpsSnapshot } from '../../src/registry/dpsSnapshot';
import { shortHubName } from '../../src/registry/hubNames';
import { Limiter } from '../../src/registry/limiter';
import { createSnapshotRegistry } from '../../src/registry/snapshot';
import type { DeviceRegistry } from '../../src/registry/port';
import type { DeviceRecord } from '../../src/triage/types';

const pump = (id: string): DeviceRecord => ({ deviceId: id, status: 'enabled', authType: 'sas', primaryKey: 'a2V5' });
const prod = createSnapshotRegistry([pump('pump-1')], 'prod.json', 'contoso-prod.azure-devices.net');
const test_ = createSnapshotRegistry([pump('pump-2')], 'test.json', 'contoso-test.azure-devices.net');
const hub = (name: string, registry: DeviceRegistry): DirectoryHub => ({ name: shortHubName(name), registry });
const make = (hubs: DirectoryHub[], dps?: DpsSource) => createHubDirectory({ hubs, dps, limiter: new Limiter(8), cacheTtlMs: 0 });
const directory = (extra: DirectoryHub[] = []) => make([hub('contoso-prod', prod), hub('Contoso-Test.azure-devices.net', test_), ...extra]);

test('hubs are short names in configuration order, and describe names them', () => {
  expect(directory().hubs()).toEqual(['contoso-prod', 'contoso-test']);
  expect(directory().describe()).toBe('2 hubs: contoso-prod, contoso-test');
  expect(shortHubName('https://CONTOSO-X.azure-devices.net/')).toBe('contoso-x');
});

test('every hub answers, the preferred one first; names that are not configured come back as unknown', async () => {
  const r = await directory().locate(['pump-2'], { preferredHubs: ['contoso-test.azure-devices.net', 'contoso-eu'] });
  expect(r.answers.map((a) => a.hub)).toEqual(['contoso-test', 'contoso-prod']);
  expect(r.answers[0].devices.get('pump-2')?.deviceId).toBe('pump-2');
  expect(r.unknownHubs).toEqual(['contoso-eu']);
  // keys only when asked for
  expect(r.answers[0].devices.get('pump-2')?.primaryKey).toBeUndefined();
  const missing = await directory().locate(['pump-9']);
  expect(missing.answers.map((a) => [a.hub, a.devices.get('pump-9')])).toEqual([
    ['contoso-prod', null],
    ['contoso-test', null],
  ]);
});

test('onlyHub asks that hub alone; an unconfigured one is unknown and nothing is asked', async () => {
  const one = await directory().locate(['pump-1'], { onlyHub: 'contoso-prod' });
  expect(one.answers.map((a) => a.hub)).toEqual(['contoso-prod']);
  const none = await directory().locate(['pump-1'], { onlyHub: 'contoso-eu' });
  expect(none).toMatchObject({ answers: [], unknownHubs: ['contoso-eu'] });
});

test('a hub that has not answered by the deadline is listed as not asked, and a hub that throws is a failed answer', async () => {
  const silent: DeviceRegistry = { source: 'snapshot', describe: () => 'silent', lookup: () => new Promise(() => undefined) };
  const broken: DeviceRegistry = { source: 'snapshot', describe: () => 'broken', lookup: () => Promise.reject(new Error('disk gone')) };
  const d = make([hub('silent-hub', silent), hub('broken-hub', broken), hub('late-hub', test_)]);
  const r = await d.locate(['pump-2'], { deadlineMs: 50 });
  expect(r.answers.map((a) => a.hub)).toEqual(['broken-hub', 'late-hub']);
  expect(r.notAsked).toEqual(['silent-hub']);
  const failed = r.answers.find((a) => a.hub === 'broken-hub');
  expect(failed?.failure).toMatchObject({ reason: 'error', message: expect.stringContaining('broken-hub') });
  expect(failed?.devices.has('pump-2')).toBe(false);
  expect(r.answers.find((a) => a.hub === 'late-hub')?.devices.get('pump-2')?.deviceId).toBe('pump-2');
});

test('DPS: registrations by device id, null when no enrollment matches; REST and our own field names read', async () => {
  const parsed = parseDpsSnapshot(
    JSON.stringify({
      dps: 'contoso-dps.azure-devices-provisioning.net',
      registrations: [
        { registrationId: 'pump-2', deviceId: 'pump-2', assignedHub: 'contoso-test.azure-devices.net', status: 'assigned', lastUpdatedDateTimeUtc: '2026-10-02T08:14:00Z' },
        { registrationId: 'pump-3', assignedHub: 'contoso-prod', status: 'Assigned', lastUpdated: '2026-10-03T00:00:00Z', enrollment: { kind: 'group', groupId: 'pumps', provisioningStatus: 'disabled' } },
      ],
    }),
    'dps.json',
  );
  const d = make([hub('contoso-test', test_)], createDpsSnapshot(parsed.registrations, 'dps.json', parsed.dps));
  const r = await d.locate(['pump-2', 'pump-3', 'pump-9']);
  expect(r.dps?.registrations.get('pump-2')).toMatchObject({ assignedHub: 'contoso-test', status: 'assigned', lastUpdated: '2026-10-02T08:14:00Z' });
  expect(r.dps?.registrations.get('pump-3')).toMatchObject({
    assignedHub: 'contoso-prod',
    status: 'assigned',
    lastUpdated: '2026-10-03T00:00:00Z',
    enrollment: { kind: 'group', groupId: 'pumps', provisioningStatus: 'disabled' },
  });
  expect(r.dps?.registrations.get('pump-9')).toBeNull();
  expect(r.dps?.dpsHost).toBe('contoso-dps.azure-devices-provisioning.net');
  expect(() => parseDpsSnapshot('{', 'x.json')).toThrow('DPS registration snapshot x.json: the file: not valid JSON');
  expect(() => parseDpsSnapshot('[{"status":"assigned"}]', 'x.json')).toThrow('DPS registration snapshot x.json: entry 1: not a registration state');
  // A status DPS does not use is a mistake in the file, not "unassigned".
  expect(() => parseDpsSnapshot('[{"registrationId":"r","status":"sleeping"}]', 'x.json')).toThrow('DPS registration snapshot x.json: entry 1: status must be one of');
});
