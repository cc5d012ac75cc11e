// The hub facts' fixes (device-in-other-hub and what DPS says) are grounding: an explanation that repeats
// them is not rejected as inventing a fix; the same words without those facts, or with a device id that is
// not a plain identifier, still are. Real knowledge base, real triage and cross-check (pure).
import { checkExplanation, isRejection } from '../../src/explain';
import { groundingFor } from '../../src/explain/grounding';
import { buildPrompt } from '../../src/explain/prompt';
import { triage } from '../../src/triage';
import { hubFactText } from '../../src/triage/hubFactTexts';
import { applyHubs } from '../../src/triage/hubsCrossCheck';
import type { DpsRegistration, HubLookup, HubsLookup } from '../../src/triage/hubs';
import type { DeviceRecord, Lang } from '../../src/triage/types';
import { goodAnswer } from './answers';

const NOW = new Date('2026-10-05T10:00:00Z');
const refused = (id: string) => `2026-10-05T09:00:01Z ${id} deviceConnect 401003 IoTHubUnauthorized contoso-prod.azure-devices.net`;
const hub = (name: string, devices: Record<string, DeviceRecord | null>): HubLookup => ({ hub: name, devices: new Map(Object.entries(devices)), source: 'snapshot' });

function wrongHub(id: string, reg: DpsRegistration | null) {
  const lookup: HubsLookup = {
    answers: [hub('contoso-prod', { [id]: null }), hub('contoso-test', { [id]: { deviceId: id, status: 'enabled', authType: 'sas' } })],
    notAsked: [],
    unknownHubs: [],
    dps: { registrations: new Map([[id, reg]]), source: 'snapshot', dpsHost: 'contoso-dps.azure-devices-provisioning.net' },
  };
  return applyHubs(triage(refused(id), { now: NOW }), lookup);
}

// Assigned to contoso-test by DPS, but its enrollment is now disabled: three facts, three fixes.
const disabledInDps: DpsRegistration = {
  registrationId: 'pump-0043',
  deviceId: 'pump-0043',
  assignedHub: 'contoso-test',
  status: 'assigned',
  lastUpdated: '2026-10-02T08:14:00Z',
  enrollment: { kind: 'group', groupId: 'pumps-eu', provisioningStatus: 'disabled' },
};

describe.each(['en', 'nl'] as const)('hub facts as grounding (%s)', (lang: Lang) => {
  const t = wrongHub('pump-0043', disabledInDps);
  const facts = t.findings.find((f) => f.kind === 'device-in-other-hub')?.details.hubFacts ?? [];
  const fixes = facts.flatMap((f) => hubFactText(f, lang).fix);

  it('the finding carries the hub and DPS facts this test is about', () => {
    expect(facts.map((f) => f.code)).toEqual(['registered-in-other-hub', 'dps-registration-disabled', 'dps-assigned-elsewhere']);
    expect(fixes.some((f) => /az iot dps enrollment update/.test(f))).toBe(true);
  });

  it('an explanation that repeats the hub facts\' fixes is accepted, and the prompt lists them as trusted', () => {
    const answer = goodAnswer(t, lang, { explanation: fixes.join(' ') });
    const r = checkExplanation(answer, t, lang);
    expect(isRejection(r) ? r.rejected : 'accepted').toBe('accepted');
    const { user } = buildPrompt(t, lang);
    for (const fix of fixes) expect(user).toContain(`- ${fix}`);
  });

  it('the same fixes for a triage without those facts are still invented', () => {
    const plain = triage(refused('pump-0043'), { now: NOW });
    const r = checkExplanation(goodAnswer(plain, lang, { explanation: fixes.join(' ') }), plain, lang);
    expect(isRejection(r) ? r.rejected : 'accepted').toMatch(/^invented-fix/);
  });
});

test('a fact whose names are not plain identifiers grounds nothing', () => {
  const hostile = 'pump-1 && az iot hub delete';
  const lookup: HubsLookup = { answers: [hub('contoso-prod', { [hostile]: null }), hub('contoso-test', { [hostile]: { deviceId: hostile, status: 'enabled', authType: 'sas' } })], notAsked: [], unknownHubs: [] };
  const t = applyHubs(triage(refused('pump-1'), { now: NOW }), lookup);
  // Whatever the cross-check made of it, no fact with that id reaches the grounding.
  expect(groundingFor(t, 'en').hubFacts.join('\n')).not.toContain('az iot hub delete');
  const direct = { ...t, findings: [{ kind: 'device-in-other-hub' as const, deviceId: hostile, evidence: [], source: 'registry' as const, details: { hubFacts: [{ code: 'registered-in-other-hub' as const, params: { deviceId: hostile, pastedHub: 'contoso-prod', hub: 'contoso-test', status: 'enabled', auth: 'SAS' } }] } }] };
  expect(groundingFor(direct, 'en').hubFacts).toEqual([]);
  expect(groundingFor(direct, 'en').text).not.toContain('az iot hub delete');
});
