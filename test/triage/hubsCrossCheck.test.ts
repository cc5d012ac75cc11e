// Several hubs and DPS: the paste names one hub, the device lives in another. Pure: HubsLookup built here.
import { applyHubs } from '../../src/triage/hubsCrossCheck';
import { hubFactText } from '../../src/triage/hubFactTexts';
import { knowledge, noteText } from '../../src/triage/knowledge';
import type { DpsLookup, DpsRegistration, HubLookup, HubsLookup } from '../../src/triage/hubs';
import { triage } from '../../src/triage';
import type { DeviceRecord, Lang, Triage } from '../../src/triage/types';

const NOW = new Date('2026-10-05T10:00:00Z');
// pump-0043 refused by contoso-prod, again and again.
const REFUSED = [
  '2026-10-05T09:00:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
  '2026-10-05T09:05:01Z pump-0043 deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net',
].join('\n');
const NOT_FOUND = "Error: IotHub 'contoso-prod' does not contain the specified device 'pump-0043'";
const CONNECTED = [
  '2026-10-05T09:00:01Z pump-0043 deviceConnect 200 Connected contoso-prod.azure-devices.net',
  '2026-10-05T09:00:01Z deviceConnect deviceId=pump-0043 status=Connected hub=contoso-prod.azure-devices.net',
].join('\n');

const PUMP: DeviceRecord = { deviceId: 'pump-0043', status: 'enabled', authType: 'sas' };

function hub(name: string, devices: Record<string, DeviceRecord | null>, extra: Partial<HubLookup> = {}): HubLookup {
  return { hub: name, devices: new Map(Object.entries(devices)), source: 'snapshot', ...extra };
}

function lookup(answers: HubLookup[], extra: Partial<HubsLookup> = {}): HubsLookup {
  return { answers, notAsked: [], unknownHubs: [], ...extra };
}

function dps(id: string, reg: DpsRegistration | null): DpsLookup {
  return { registrations: new Map([[id, reg]]), source: 'snapshot', dpsHost: 'contoso-dps.azure-devices-provisioning.net' };
}

function factTexts(t: Triage, lang: Lang): string[] {
  return t.findings.flatMap((f) => (f.details.hubFacts ?? []).map((x) => hubFactText(x, lang).text));
}

const prodLacksTestHas = (extra: Partial<HubsLookup> = {}) =>
  lookup([hub('contoso-prod', { 'pump-0043': null }), hub('contoso-test', { 'pump-0043': PUMP })], extra);

describe('applyHubs: the device lives in another hub', () => {
  test('a paste from contoso-prod about a device only contoso-test has: device-in-other-hub, a credential problem', () => {
    const before = triage(REFUSED, { now: NOW });
    expect(before.verdict).toBe('inconclusive');
    const t = applyHubs(before, prodLacksTestHas());
    expect(t.verdict).toBe('credential-problem');
    const f = t.findings.filter((x) => x.kind === 'device-in-other-hub');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ deviceId: 'pump-0043', hub: 'contoso-prod', source: 'registry', details: { expectedHub: 'contoso-test' } });
    expect(t.findings.some((x) => x.kind === 'device-not-registered')).toBe(false);
    expect(factTexts(t, 'en')).toContain(
      "pump-0043 is not registered in contoso-prod; it is registered (enabled, SAS) in contoso-test: the device's connection string or DPS assignment points at the wrong hub.",
    );
    expect(factTexts(t, 'nl')[0]).toContain('is niet geregistreerd in contoso-prod; het is geregistreerd (ingeschakeld, SAS) in contoso-test');
    // each hub's answer is on the device
    expect(t.devices.find((d) => d.deviceId === 'pump-0043')?.hubs).toEqual([
      { hub: 'contoso-prod', state: 'not-found' },
      { hub: 'contoso-test', state: 'found', status: 'enabled', authType: 'sas' },
    ]);
    // the input is not changed
    expect(before.findings).toHaveLength(0);
  });

  test('the hub named by a connection string and a DeviceNotFound error: the paste finding stays, the wrong-hub finding joins it', () => {
    const paste = `HostName=contoso-prod.azure-devices.net;DeviceId=pump-0043;SharedAccessKey=${'k'.repeat(43)}=\n${NOT_FOUND}`;
    const t = applyHubs(triage(paste, { now: NOW }), prodLacksTestHas());
    const kinds = t.findings.map((f) => f.kind);
    expect(kinds).toContain('device-not-registered');
    expect(kinds).toContain('device-in-other-hub');
    expect(t.findings.find((f) => f.kind === 'device-not-registered')?.details.expectedHub).toBe('contoso-test');
  });

  test.each<[string, DpsRegistration | null, RegExp, RegExp]>([
    [
      'assigned elsewhere',
      { registrationId: 'pump-0043', status: 'assigned', assignedHub: 'contoso-test.azure-devices.net', lastUpdated: '2026-10-02T08:00:00Z' },
      /^DPS assigned it to contoso-test on 2026-10-02; it now connects to contoso-prod\.$/,
      /^DPS heeft het toegewezen aan contoso-test op 2026-10-02; het verbindt nu met contoso-prod\.$/,
    ],
    ['disabled', { registrationId: 'pump-0043', status: 'disabled' }, /^DPS registration disabled/, /^DPS-registratie uitgeschakeld/],
    ['no enrollment', null, /^No DPS enrollment matches pump-0043/, /^Geen DPS-enrollment past bij pump-0043/],
    [
      'failed',
      { registrationId: 'pump-0043', status: 'failed', errorMessage: 'Device certificate is not trusted', lastUpdated: '2026-10-03T01:00:00Z' },
      /^The DPS registration failed on 2026-10-03: Device certificate is not trusted\.$/,
      /^De DPS-registratie is mislukt op 2026-10-03: Device certificate is not trusted\.$/,
    ],
  ])('DPS %s: its own fact, with its own fix, in en and nl', (_name, reg, en, nl) => {
    const t = applyHubs(triage(REFUSED, { now: NOW }), prodLacksTestHas({ dps: dps('pump-0043', reg) }));
    const f = t.findings.find((x) => x.kind === 'device-in-other-hub');
    const facts = f?.details.hubFacts ?? [];
    expect(facts).toHaveLength(2);
    const dpsFact = facts[1];
    expect(hubFactText(dpsFact, 'en').text).toMatch(en);
    expect(hubFactText(dpsFact, 'nl').text).toMatch(nl);
    expect(hubFactText(dpsFact, 'en').fix).toHaveLength(1);
    expect(hubFactText(dpsFact, 'nl').fix[0]).not.toBe(hubFactText(dpsFact, 'en').fix[0]);
  });

  test('a DPS error message with a secret in it is redacted when shown', () => {
    const reg: DpsRegistration = { registrationId: 'pump-0043', status: 'failed', errorMessage: `bad key SharedAccessKey=${'A'.repeat(43)}=` };
    const t = applyHubs(triage(REFUSED, { now: NOW }), prodLacksTestHas({ dps: dps('pump-0043', reg) }));
    expect(factTexts(t, 'en').join('\n')).not.toContain('A'.repeat(43));
  });
});

describe('applyHubs: found in no hub, or where it connects', () => {
  test('in no hub asked: device-not-registered as today, naming every hub asked', () => {
    const paste = `${NOT_FOUND}`;
    const t = applyHubs(triage(paste, { now: NOW }), lookup([hub('contoso-prod', { 'pump-0043': null }), hub('contoso-test', { 'pump-0043': null })]));
    expect(t.verdict).toBe('credential-problem');
    const f = t.findings.filter((x) => x.kind === 'device-not-registered');
    expect(f.length).toBeGreaterThan(0);
    expect(t.findings.some((x) => x.kind === 'device-in-other-hub')).toBe(false);
    expect(f[0].details.hubsAsked).toEqual(['contoso-prod', 'contoso-test']);
    expect(factTexts(t, 'en')).toContain('pump-0043 is registered in none of the hubs asked: contoso-prod, contoso-test.');
  });

  test('a device the paste shows connecting is registered where it connects: a miss there is a note, not a finding', () => {
    const before = triage(CONNECTED, { now: NOW });
    expect(before.devices.find((d) => d.deviceId === 'pump-0043')?.counts.connected).toBeGreaterThan(0);
    const t = applyHubs(before, prodLacksTestHas());
    expect(t.findings.filter((f) => f.source === 'registry')).toEqual([]);
    expect(t.verdict).toBe(before.verdict);
    const note = t.notes.find((n) => n.code === 'registered-in-other-hubs');
    expect(note).toBeDefined();
    expect(noteText(note!, 'en')).toContain('connects successfully to contoso-prod');
    expect(noteText(note!, 'nl')).toContain('verbindt in de geplakte tekst met succes met contoso-prod');
  });

  test('the hub the paste names has the device: it is checked there, and a disabled identity there is the finding', () => {
    const t = applyHubs(
      triage(REFUSED, { now: NOW }),
      lookup([hub('contoso-test', { 'pump-0043': PUMP }), hub('contoso-prod', { 'pump-0043': { ...PUMP, status: 'disabled' } })]),
    );
    expect(t.findings.map((f) => f.kind)).toContain('device-disabled');
    expect(t.findings.some((f) => f.kind === 'device-in-other-hub')).toBe(false);
  });

  test('a hub that could not answer is no evidence: no wrong-hub finding, its failure is a note', () => {
    const failed = hub('contoso-prod', {}, { failure: { reason: 'throttled', message: 'Too many requests' } });
    const t = applyHubs(triage(REFUSED, { now: NOW }), lookup([failed, hub('contoso-test', { 'pump-0043': PUMP })]));
    expect(t.findings.some((f) => f.kind === 'device-in-other-hub')).toBe(false);
    expect(t.notes.map((n) => n.code)).toContain('registry-throttled');
  });

  test('the note about a hub that could not answer names that hub, in en and nl', () => {
    const failed = hub('contoso-test', {}, { failure: { reason: 'unreachable', message: 'no answer' } });
    const t = applyHubs(triage(REFUSED, { now: NOW }), lookup([hub('contoso-prod', { 'pump-0043': null }), failed]));
    const note = t.notes.find((n) => n.code === 'registry-unavailable')!;
    expect(note.params?.hub).toBe('contoso-test');
    expect(noteText(note, 'en')).toContain('IoT Hub contoso-test could not be asked');
    expect(noteText(note, 'nl')).toContain('IoT Hub contoso-test kon niet worden gevraagd');
    // One hub configured: the note stays about "the registry".
    const single = applyHubs(triage(REFUSED, { now: NOW }), lookup([failed]));
    expect(noteText(single.notes.find((n) => n.code === 'registry-unavailable')!, 'en')).toContain('The device registry could not be checked');
  });

  test('hubs not asked and hub names that are not configured are said plainly, in en and nl', () => {
    const t = applyHubs(triage(REFUSED, { now: NOW }), lookup([hub('contoso-test', { 'pump-0043': PUMP })], { notAsked: ['contoso-eu'], unknownHubs: ['contoso-prod'] }));
    const notAsked = t.notes.find((n) => n.code === 'registry-hubs-not-asked')!;
    const unknown = t.notes.find((n) => n.code === 'hub-not-configured')!;
    expect(noteText(notAsked, 'en')).toContain('contoso-eu');
    expect(noteText(notAsked, 'nl')).toContain('Niet op tijd gevraagd: contoso-eu');
    expect(noteText(unknown, 'en')).toMatch(/^contoso-prod is not one of the hubs this bot can read \(contoso-test, contoso-eu\)/);
    expect(noteText(unknown, 'nl')).toMatch(/^contoso-prod hoort niet bij de hubs/);
    // contoso-prod was not asked, so nothing is claimed about it
    expect(t.findings.some((f) => f.kind === 'device-in-other-hub')).toBe(false);
  });
});

test('device-in-other-hub has knowledge-base text in both languages, and is a credential problem', () => {
  expect(knowledge('device-in-other-hub', 'en').title).toBe('Device registered in another hub');
  expect(knowledge('device-in-other-hub', 'nl').title).toBe('Device geregistreerd in een andere hub');
});

test.each(['registered-in-other-hub', 'not-in-any-hub', 'dps-assigned-elsewhere', 'dps-assigned-not-in-hub', 'dps-registration-disabled', 'dps-no-enrollment', 'dps-registration-failed'] as const)(
  'hub fact %s has its own text and fix in English and Dutch',
  (code) => {
    const params = { deviceId: 'pump-0043', pastedHub: 'contoso-prod', hub: 'contoso-test', assignedHub: 'contoso-test', status: 'enabled', auth: 'SAS', hubs: 'a, b', when: '2026-10-02', error: 'boom', dps: 'dps-host', enrollment: 'individual' };
    const en = hubFactText({ code, params }, 'en');
    const nl = hubFactText({ code, params }, 'nl');
    expect(en.text.length).toBeGreaterThan(20);
    expect(nl.text).not.toBe(en.text);
    expect(en.fix.length).toBeGreaterThan(0);
    expect(nl.fix).toHaveLength(en.fix.length);
    expect(nl.fix[0]).not.toBe(en.fix[0]);
    expect(en.text).not.toMatch(/undefined/);
  },
);
