// Several hubs and DPS: where a device really lives. Pure: a finished Triage and a HubsLookup in, a new
// Triage out. Each device is checked against one hub's answer with applyRegistry (the hub the paste names
// when that hub has it, else the first hub that has it), and the rest of the answers say where else it is.
//
// Decisions:
// - The paste names hub A (error line, connection string HostName, token sr=, MQTT user), A does not have
//   the device and another configured hub B does: a `device-in-other-hub` finding (credential), with the
//   facts "not in A, registered (enabled, SAS) in B" and what DPS says, each with its own fix.
// - A device the paste shows connecting successfully is registered where it connects: a miss in A is a
//   note, never a finding (design.md), even when B has it.
// - Found in no hub asked: `device-not-registered` as today, with the hubs asked. Hubs not asked and hub
//   names that are not configured are notes: no answer is guessed for them.
// - A hub that could not answer is no evidence either way: its failure is a note.
import { applyRegistry, FAILURE_NOTE, hubKey, pasteHubs } from './crossCheck';
import type { DpsRegistration, HubLookup, HubsLookup } from './hubs';
import { finalizeTriage } from './verdict';
import type { DeviceHubState, DeviceRecord, Finding, HubFact, Note, RegistryLookup, Triage } from './types';

/** Hubs the paste shows this device talking to, SAS tokens included, as short names. */
function pastedHubKeys(t: Triage, id: string): string[] {
  const hubs = pasteHubs(t, id);
  for (const s of t.recognised.sasTokens) if (s.deviceId === id && s.hub) hubs.push(s.hub);
  return [...new Set(hubs.map((h) => hubKey(h)).filter((h): h is string => !!h))];
}

function answerFor(hubs: HubsLookup, key: string | undefined): HubLookup | undefined {
  return key === undefined ? undefined : hubs.answers.find((a) => hubKey(a.hub) === key);
}

/** The record a hub holds for exactly this id (a near match in case or spaces is not the device). */
function exactRecord(a: HubLookup, id: string): DeviceRecord | undefined {
  const r = a.devices.get(id);
  return r && r.deviceId === id ? r : undefined;
}

function hubState(a: HubLookup, id: string): DeviceHubState {
  if (!a.devices.has(id)) return { hub: a.hub, state: 'failed' };
  const r = a.devices.get(id);
  if (!r) return { hub: a.hub, state: 'not-found' };
  if (r.deviceId !== id) return { hub: a.hub, state: 'near-match' };
  return { hub: a.hub, state: 'found', status: r.status, authType: r.authType };
}

function connectsInPaste(t: Triage, id: string): boolean {
  return t.devices.some((d) => d.deviceId === id && !d.moduleId && d.counts.connected > 0);
}

function authName(r: DeviceRecord): string {
  return r.authType === 'sas' ? 'SAS' : r.authType === 'none' ? 'none' : `X.509 ${r.authType === 'selfSigned' ? 'self-signed' : 'CA'}`;
}

/** What DPS says about a device whose hub is in question; each becomes its own fact with its own fix. */
export function dpsFacts(dps: HubsLookup['dps'], id: string, pastedHub: string | undefined): HubFact[] {
  if (!dps || !dps.registrations.has(id)) return [];
  const reg: DpsRegistration | null | undefined = dps.registrations.get(id);
  const dpsHost = dps.dpsHost ?? '';
  if (!reg) return [{ code: 'dps-no-enrollment', params: { deviceId: id, dps: dpsHost } }];
  const facts: HubFact[] = [];
  const when = reg.lastUpdated ? reg.lastUpdated.slice(0, 10) : '';
  const enrollment = reg.enrollment?.kind === 'group' ? `group ${reg.enrollment.groupId ?? ''}`.trim() : reg.enrollment?.kind ?? '';
  if (reg.status === 'disabled' || reg.enrollment?.provisioningStatus === 'disabled') {
    facts.push({ code: 'dps-registration-disabled', params: { deviceId: id, dps: dpsHost, enrollment } });
  }
  if (reg.status === 'failed') {
    facts.push({ code: 'dps-registration-failed', params: { deviceId: id, dps: dpsHost, error: reg.errorMessage ?? '', when } });
  }
  const assigned = hubKey(reg.assignedHub);
  if (reg.status === 'assigned' && assigned) {
    if (pastedHub && assigned !== pastedHub) {
      facts.push({ code: 'dps-assigned-elsewhere', params: { deviceId: id, assignedHub: assigned, when, pastedHub } });
    } else if (pastedHub && assigned === pastedHub) {
      facts.push({ code: 'dps-assigned-not-in-hub', params: { deviceId: id, assignedHub: assigned, when } });
    }
  }
  return facts;
}

function registryLookupOf(a: HubLookup, ids: string[]): RegistryLookup {
  const devices = new Map<string, DeviceRecord | null>();
  for (const id of ids) if (a.devices.has(id)) devices.set(id, a.devices.get(id) ?? null);
  return { devices, source: a.source, hub: a.hub, ...(a.failure ? { failure: a.failure } : {}) };
}

interface Plan {
  /** The answer applyRegistry checks this device against. */
  answer: HubLookup;
  /** The paste's hub lacks it and this other hub has it. */
  wrongHub?: { pastedHub: string; record: DeviceRecord };
}

function plan(t: Triage, hubs: HubsLookup, id: string): Plan | undefined {
  const pasted = pastedHubKeys(t, id);
  const named = pasted.map((k) => answerFor(hubs, k)).find((a) => a !== undefined);
  const holder = hubs.answers.find((a) => exactRecord(a, id) !== undefined);
  if (named) {
    if (exactRecord(named, id) || !named.devices.has(id)) return { answer: named };
    // The paste's hub answered "not here" (or only a near match).
    if (holder && !connectsInPaste(t, id)) return { answer: holder, wrongHub: { pastedHub: named.hub, record: exactRecord(holder, id) as DeviceRecord } };
    return { answer: named };
  }
  if (holder) return { answer: holder };
  // In no hub: the first hub that answered for it speaks (its "not found" becomes the finding).
  const first = hubs.answers.find((a) => a.devices.has(id));
  return first ? { answer: first } : undefined;
}

function wrongHubFinding(id: string, p: Required<Plan>['wrongHub'], holder: HubLookup, dps: HubFact[]): Finding {
  const r = p.record;
  const facts: HubFact[] = [
    { code: 'registered-in-other-hub', params: { deviceId: id, pastedHub: p.pastedHub, hub: holder.hub, status: r.status, auth: authName(r) } },
    ...dps,
  ];
  return {
    kind: 'device-in-other-hub',
    deviceId: id,
    hub: p.pastedHub,
    evidence: [],
    details: {
      expectedHub: holder.hub,
      registeredAuthType: r.authType,
      ...(r.statusReason ? { statusReason: r.statusReason } : {}),
      hubFacts: facts,
      message: `${id} is not registered in ${p.pastedHub}; it is registered (${r.status}, ${authName(r)}) in ${holder.hub}: the device's connection string or DPS assignment points at the wrong hub.`,
    },
    source: 'registry',
  };
}

/** Fold every hub's answer (and DPS's) into a triage; verdicts recomputed by finalizeTriage. */
export function applyHubs(triage: Triage, hubs: HubsLookup): Triage {
  const ids = [...new Set(hubs.answers.flatMap((a) => [...a.devices.keys()]))];
  const plans = new Map<string, Plan>();
  for (const id of ids) {
    const p = plan(triage, hubs, id);
    if (p) plans.set(id, p);
  }

  // One applyRegistry pass per hub, over the devices checked against that hub.
  let t = triage;
  for (const answer of hubs.answers) {
    const mine = ids.filter((id) => plans.get(id)?.answer === answer);
    if (mine.length === 0 && !answer.failure) continue;
    const before = t.notes.length;
    t = applyRegistry(t, registryLookupOf(answer, mine));
    // With several hubs, a note about a hub that could not answer says which hub it was.
    if (answer.failure && hubs.answers.length > 1) {
      const failureCode = FAILURE_NOTE[answer.failure.reason];
      t = { ...t, notes: t.notes.map((n, i) => (i >= before && n.code === failureCode ? { ...n, params: { ...n.params, hub: answer.hub } } : n)) };
    }
  }

  const findings = t.findings.map((f) => Object.assign({}, f, { details: { ...f.details } }));
  const added: Finding[] = [];
  const asked = hubs.answers.map((a) => a.hub);
  const notes: Note[] = [...t.notes];
  for (const id of ids) {
    const p = plans.get(id);
    if (!p) continue;
    const pastedHub = pastedHubKeys(triage, id)[0];
    if (p.wrongHub) {
      const dps = dpsFacts(hubs.dps, id, hubKey(p.wrongHub.pastedHub));
      added.push(wrongHubFinding(id, p.wrongHub, p.answer, dps));
      continue;
    }
    const foundSomewhere = hubs.answers.some((a) => exactRecord(a, id));
    const notRegistered = findings.filter((f) => f.deviceId === id && !f.moduleId && f.kind === 'device-not-registered');
    if (!foundSomewhere && notRegistered.length > 0) {
      // Found in no hub asked: say which hubs were asked, and what DPS says.
      const facts: HubFact[] = asked.length > 1 ? [{ code: 'not-in-any-hub', params: { deviceId: id, hubs: asked.join(', ') } }] : [];
      facts.push(...dpsFacts(hubs.dps, id, pastedHub));
      for (const f of notRegistered) {
        f.details.hubsAsked = asked;
        if (facts.length) f.details.hubFacts = [...(f.details.hubFacts ?? []), ...facts];
      }
    }
    // Connects in the paste, missing from the hub it names, present in another: the note says where.
    const named = answerFor(hubs, pastedHub);
    if (named && !exactRecord(named, id) && named.devices.has(id) && connectsInPaste(triage, id)) {
      const elsewhere = hubs.answers.filter((a) => a !== named && exactRecord(a, id)).map((a) => a.hub);
      if (elsewhere.length) notes.push({ code: 'registered-in-other-hubs', params: { deviceId: id, hub: named.hub, hubs: elsewhere.join(', ') } });
    }
  }

  if (hubs.notAsked.length) notes.push({ code: 'registry-hubs-not-asked', params: { hubs: hubs.notAsked.join(', '), count: hubs.notAsked.length } });
  for (const hub of hubs.unknownHubs) notes.push({ code: 'hub-not-configured', params: { hub, configured: asked.concat(hubs.notAsked).join(', ') } });
  if (hubs.dps?.failure) notes.push({ code: 'registry-dps-unavailable', params: { reason: hubs.dps.failure.reason, message: hubs.dps.failure.message } });

  const devices = t.devices.map((d) => {
    if (d.moduleId || !plans.has(d.deviceId)) return d;
    return Object.assign({}, d, { hubs: hubs.answers.map((a) => hubState(a, d.deviceId)) });
  });
  return finalizeTriage(Object.assign({}, t, { findings: [...findings, ...added], devices, notes }));
}
