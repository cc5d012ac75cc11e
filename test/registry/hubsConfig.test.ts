// Start-up validation of the several-hubs and DPS settings: one clear line per bad value, naming the
// variable and the offending item.
import { join } from 'node:path';
import { ConfigError, loadConfig, type Env } from '../../src/config';

const msi: Env = { MicrosoftAppId: '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const HUBS = join(__dirname, '../../samples/hubs');

function problems(env: Env): string[] {
  try {
    loadConfig({ ...msi, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('several hubs and DPS settings', () => {
  it('reads good values', () => {
    const c = loadConfig({
      ...msi,
      IOTHUB_HOSTNAMES: 'contoso-prod.azure-devices.net, contoso-test ,contoso-prod.azure-devices.net',
      IOTHUB_DISCOVER: 'TRUE',
      IOTHUB_DISCOVER_SUBSCRIPTIONS: '11111111-2222-3333-4444-555555555555',
      DPS_HOSTNAME: 'contoso-dps.azure-devices-provisioning.net',
    });
    expect(c.iothub).toMatchObject({ hostNames: ['contoso-prod.azure-devices.net', 'contoso-test'], discover: true, discoverSubscriptions: ['11111111-2222-3333-4444-555555555555'] });
    expect(c.dps.hostNames).toEqual(['contoso-dps.azure-devices-provisioning.net']);
    const snaps = loadConfig({ ...msi, IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-prod.json,${HUBS}/contoso-test.json`, DPS_REGISTRATION_SNAPSHOT: `${HUBS}/dps-registrations.json` });
    expect(snaps.iothub.registrySnapshots).toHaveLength(2);
    expect(snaps.iothub.registrySnapshot).toBe(`${HUBS}/contoso-prod.json`);
    expect(snaps.dps.registrationSnapshots).toEqual([`${HUBS}/dps-registrations.json`]);
  });

  it('a bad host name in a list: one line naming the variable and the item', () => {
    const p = problems({ IOTHUB_HOSTNAMES: 'contoso-prod.azure-devices.net,contoso test hub,-bad-' });
    expect(p).toEqual(['IOTHUB_HOSTNAMES must be a comma-separated list of hub host names (e.g. contoso-prod.azure-devices.net); not valid: "contoso test hub", "-bad-".']);
    expect(problems({ DPS_HOSTNAME: 'dps_with_underscore' })).toEqual([expect.stringMatching(/^DPS_HOSTNAME must be a comma-separated list of DPS host names.*"dps_with_underscore"/)]);
  });

  it('a bad list: an empty item (doubled or trailing comma)', () => {
    expect(problems({ IOTHUB_HOSTNAMES: 'contoso-prod,,contoso-test' })).toEqual([expect.stringMatching(/^IOTHUB_HOSTNAMES .*no empty items/)]);
    expect(problems({ IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-prod.json,` })).toEqual([expect.stringMatching(/^IOTHUB_REGISTRY_SNAPSHOT .*no empty items/)]);
  });

  it('a bad boolean', () => {
    expect(problems({ IOTHUB_DISCOVER: 'sometimes' })).toEqual(['IOTHUB_DISCOVER must be true or false (got "sometimes").']);
  });

  it('bad subscription ids, missing files, and both DPS sources', () => {
    expect(problems({ IOTHUB_DISCOVER: 'true', IOTHUB_DISCOVER_SUBSCRIPTIONS: 'my-subscription' })).toEqual([expect.stringMatching(/^IOTHUB_DISCOVER_SUBSCRIPTIONS .*GUIDs.*"my-subscription"/)]);
    expect(problems({ IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-prod.json,/nope/contoso-eu.json` })).toEqual([
      'IOTHUB_REGISTRY_SNAPSHOT points to a file that does not exist: "/nope/contoso-eu.json".',
    ]);
    expect(problems({ DPS_HOSTNAME: 'contoso-dps', DPS_REGISTRATION_SNAPSHOT: `${HUBS}/dps-registrations.json` })).toEqual(['Set DPS_HOSTNAME or DPS_REGISTRATION_SNAPSHOT, not both.']);
  });

  it('warns when a setting is ignored', () => {
    expect(loadConfig({ ...msi, IOTHUB_HOSTNAMES: 'contoso-prod', IOTHUB_REGISTRY_SNAPSHOT: `${HUBS}/contoso-test.json` }).warnings).toContain(
      'IOTHUB_REGISTRY_SNAPSHOT is ignored: a live hub is configured, and live hubs win over snapshot files.',
    );
    expect(loadConfig({ ...msi, IOTHUB_DISCOVER_SUBSCRIPTIONS: '11111111-2222-3333-4444-555555555555' }).warnings).toContain('IOTHUB_DISCOVER_SUBSCRIPTIONS is ignored: IOTHUB_DISCOVER is not true.');
  });
});
