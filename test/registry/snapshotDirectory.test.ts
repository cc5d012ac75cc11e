// The snapshot HubDirectory: hub order, one hub only, unconfigured names, the deadline, and DPS exports.
import { createSnapshotRegistry } from '../../src/registry/snapshot';
import { createSnapshotDirectory, parseDpsSnapshot, shortHubName } from '../../src/registry/snapshotDirectory';
import type { DeviceRegistry } from '../../src/registry/port';
import type { DeviceRecord } from '../../src/triage/types';

const pump = (id: string): DeviceRecord => ({ deviceId: id, status: 'enabled', authType: 'sas', primaryKey: 'a2V5' });
const prod = createSnapshotRegistry([pump('pump-1')], 'prod.json', 'contoso-prod.azure-devices.net');
const test_ = createSnapshotRegistry([pump('pump-2')], 'test.json', 'contoso-test.azure-devices.net');
const directory = (extra: Array<[string, DeviceRegistry]> = []) =>
  createSnapshotDirectory(new Map<string, DeviceRegistry>([['contoso-prod', prod], ['Contoso-Test.azure-devices.net', test_], ...extra]));

test('hubs are short names in configuration order, and describe names them', () => {
  expect(directory().hubs()).toEqual(['contoso-prod', 'contoso-test']);
  expect(directory().describe()).toBe('2 hubs: contoso-prod, contoso-test');
  expect(shortHubName('https://CONTOSO-X.azure-devices.net/')).toBe('contoso-x');
});

test('every hub answers, the preferred one first; names that are not configured come back as unknown', async () => {
  const r = await directory().locate(['pump-2'], { preferredHubs: ['contoso-test.azure-devices.net', 'contoso-eu'] });
  expect(r.answers.map((a) => a.hub)).toEqual(['contoso-test', 'contoso-prod']);
  expect(r.answers[0].devices.get('pump-2')?.deviceId).toBe('pump-2');
  expect(r.answers[1].devices.get('pump-2')).toBeNull();
  expect(r.unknownHubs).toEqual(['contoso-eu']);
  // keys only when asked for
  expect(r.answers[0].devices.get('pump-2')?.primaryKey).toBeUndefined();
});

test('onlyHub asks that hub alone; an unconfigured one is unknown and nothing is asked', async () => {
  const one = await directory().locate(['pump-1'], { onlyHub: 'contoso-prod' });
  expect(one.answers.map((a) => a.hub)).toEqual(['contoso-prod']);
  const none = await directory().locate(['pump-1'], { onlyHub: 'contoso-eu' });
  expect(none).toMatchObject({ answers: [], unknownHubs: ['contoso-eu'] });
});

test('a hub past the deadline is not asked, and a hub that throws is a failed answer', async () => {
  const slow: DeviceRegistry = { source: 'snapshot', describe: () => 'slow', lookup: (ids) => new Promise((r) => setTimeout(() => r(prod.lookup(ids)), 60)) };
  const broken: DeviceRegistry = { source: 'snapshot', describe: () => 'broken', lookup: () => Promise.reject(new Error('disk gone')) };
  const d = createSnapshotDirectory(new Map([['slow-hub', slow], ['broken-hub', broken], ['late-hub', test_]]));
  const r = await d.locate(['pump-1'], { deadlineMs: 5 });
  expect(r.answers.map((a) => a.hub)).toEqual(['slow-hub']);
  expect(r.notAsked).toEqual(['broken-hub', 'late-hub']);
  const all = await d.locate(['pump-1']);
  expect(all.answers.find((a) => a.hub === 'broken-hub')).toMatchObject({ failure: { reason: 'error', message: 'disk gone' } });
  expect(all.answers.find((a) => a.hub === 'broken-hub')?.devices.has('pump-1')).toBe(false);
});

test('DPS: registrations by device id, null when no enrollment matches; REST field names read too', async () => {
  const dps = parseDpsSnapshot(
    JSON.stringify({
      dps: 'contoso-dps.azure-devices-provisioning.net',
      registrations: [{ registrationId: 'pump-2', deviceId: 'pump-2', assignedHub: 'contoso-test.azure-devices.net', status: 'assigned', lastUpdatedDateTimeUtc: '2026-10-02T08:14:00Z' }],
    }),
    'dps.json',
  );
  const d = createSnapshotDirectory(new Map([['contoso-test', test_]]), dps);
  const r = await d.locate(['pump-2', 'pump-9']);
  expect(r.dps?.registrations.get('pump-2')).toMatchObject({ assignedHub: 'contoso-test', status: 'assigned', lastUpdated: '2026-10-02T08:14:00Z' });
  expect(r.dps?.registrations.get('pump-9')).toBeNull();
  expect(r.dps?.dpsHost).toBe('contoso-dps.azure-devices-provisioning.net');
  expect(() => parseDpsSnapshot('{', 'x.json')).toThrow('DPS snapshot x.json: not valid JSON');
  expect(() => parseDpsSnapshot('[{"status":"assigned"}]', 'x.json')).toThrow('DPS snapshot x.json: entry 1: no registrationId or deviceId');
});
