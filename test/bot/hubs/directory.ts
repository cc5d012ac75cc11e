// The test fixtures' hubs as a HubDirectory: real snapshot files through the one directory implementation
// (the same snapshot hubs and DPS snapshot the environment settings build).
import { join } from 'node:path';
import { snapshotHubs } from '../../../src/registry/directoryFromEnv';
import type { HubDirectory } from '../../../src/registry/directoryPort';
import { loadDpsSnapshot } from '../../../src/registry/dpsSnapshot';
import { createHubDirectory } from '../../../src/registry/hubDirectory';
import { hubFactText } from '../../../src/triage/hubFactTexts';
import type { Lang } from '../../../src/triage/types';

export const HUBS_DIR = __dirname;
export const PROD = join(__dirname, 'contoso-prod.json');
export const TEST = join(__dirname, 'contoso-test.json');
export const DPS = join(__dirname, 'dps-registrations.json');

/** contoso-prod and contoso-test (pump-0043 lives only in contoso-test), and DPS (assigned it to contoso-test). */
export function fixtureDirectory(withDps = true): HubDirectory {
  return createHubDirectory({ hubs: snapshotHubs([PROD, TEST]), ...(withDps ? { dps: loadDpsSnapshot([DPS]) } : {}) });
}

/** pump-0043 refused by contoso-prod, twice (an MQTT-style log line names the hub). */
export const WRONG_HUB_PASTE = [
  '2026-10-05T09:00:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
  '2026-10-05T09:05:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
].join('\n');

/** What the card must say about pump-0043 (pasted from contoso-prod, registered in contoso-test), per language. */
export const IN_TEST = (lang: Lang) =>
  hubFactText({ code: 'registered-in-other-hub', params: { deviceId: 'pump-0043', pastedHub: 'contoso-prod', hub: 'contoso-test', status: 'enabled', auth: 'SAS' } }, lang);
export const DPS_PUT_IT_THERE = (lang: Lang) =>
  hubFactText({ code: 'dps-assigned-elsewhere', params: { assignedHub: 'contoso-test', when: '2026-10-02', pastedHub: 'contoso-prod' } }, lang);
