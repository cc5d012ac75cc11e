// Registry cross-checks: the paste says what the hub refused, the registry says why. Pure: no I/O, no
// clock, no SDK. Input is a finished Triage and a RegistryLookup; output is a new Triage with
// registry findings (source 'registry'), registry facts on paste findings, each device's registry state,
// a note when the lookup failed, and the verdicts recomputed by finalizeTriage.
//
// Decisions:
// - Paste findings are never removed: they are what the hub said at the time. When the registry
//   contradicts one, the finding stays and carries the registry fact in structured details
//   (nearMatch, expectedHub, matchedSlot, matchedKey, otherDeviceId, registeredAuthType); the paste's own
//   `message` is never overwritten. Only findings this file adds carry a message of its own.
// - When the paste shows the device talking to another hub than the one looked up, the registry's
//   "not found" says nothing about that hub, so it is not turned into a finding.
// - A signature is checked only for device-scope tokens signed with the device's own key (no skn):
//   tokens signed with a hub policy or a module key cannot be checked against the device's keys.
// - Keys from the lookup are used here and dropped: nothing of them reaches the returned Triage.
import { hmacSha256Base64, sha256Hex } from './hash';
import type {
  DeviceRecord,
  DeviceRegistryState,
  Finding,
  FindingDetails,
  FindingKind,
  Note,
  NoteCode,
  RegistryFailure,
  RegistryLookup,
  SasTokenInfo,
  Triage,
} from './types';
import { emptyDeviceSummary } from './deviceSummary';
import { finalizeTriage, kindCategory } from './verdict';

/** At most this many devices are looked up per paste (the registry budget is per hub, per minute). */
export const MAX_REGISTRY_LOOKUPS = 25;

/** The note that says why a registry lookup could not be done (also used by the device card). */
export const FAILURE_NOTE: Record<RegistryFailure, NoteCode> = {
  'not-configured': 'registry-not-configured',
  unauthorized: 'registry-unauthorized',
  throttled: 'registry-throttled',
  timeout: 'registry-unavailable',
  unreachable: 'registry-unavailable',
  error: 'registry-unavailable',
};

/** Findings a matching SAS key explains (the token was sound; something else failed). */
const SAS_RELATED = new Set<FindingKind>([
  'sas-signature-invalid',
  'sas-token-expired',
  'sas-token-wrong-scope',
  'unrecovered-unauthorized',
  'authentication-failed',
  'credentials-rejected',
]);

/** "contoso-hub", "contoso-hub.azure-devices.net", "https://CONTOSO-HUB.azure-devices.net/" -> "contoso-hub". */
export function hubKey(hub: string | undefined): string | undefined {
  if (!hub) return undefined;
  const key = hub.trim().toLowerCase().replace(/^https?:\/\//, '').split(/[./]/)[0];
  return key || undefined;
}

function normThumb(t: string | undefined): string | undefined {
  const n = t?.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return n ? n : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Which devices to ask for

function checkableToken(t: SasTokenInfo): boolean {
  return t.scope === 'device' && !t.policy && !!t.deviceId && !!t.signatureSha256 && !!t.stringToSign;
}

/** Which ids to ask the registry for, most suspicious first, and whether keys are needed for a signature check. */
export function devicesToLookUp(triage: Triage): { ids: string[]; withKeys: boolean } {
  const seen = new Set<string>();
  const ids: string[] = [];
  const add = (id: string | undefined): void => {
    if (!id || seen.has(id)) return;
    seen.add(id);
    ids.push(id);
  };
  // Devices with credential findings first: if the cap bites, they are the ones worth the calls.
  for (const f of triage.findings) if (kindCategory(f.kind) === 'credential') add(f.deviceId);
  for (const t of triage.recognised.sasTokens) add(t.deviceId);
  for (const c of triage.recognised.connectionStrings) add(c.deviceId);
  for (const f of triage.findings) add(f.deviceId);
  for (const d of triage.devices) add(d.deviceId);
  for (const id of triage.recognised.deviceIds) add(id);
  const capped = ids.slice(0, MAX_REGISTRY_LOOKUPS);
  const withKeys = triage.recognised.sasTokens.some((t) => checkableToken(t) && capped.includes(t.deviceId as string));
  return { ids: capped, withKeys };
}

// ---------------------------------------------------------------------------------------------------
// The SAS signature check

/** base64(HMAC-SHA256(base64decode(key), stringToSign)), the documented SAS signature. */
export function sasSignature(keyBase64: string, stringToSign: string): string {
  return hmacSha256Base64(Buffer.from(keyBase64, 'base64'), stringToSign);
}

/** The strings a device SDK may have signed: the documented lower-cased resource, and the resource as is. */
function stringsToSign(t: SasTokenInfo): string[] {
  const out = [t.stringToSign as string];
  const se = (t.stringToSign as string).split('\n')[1];
  const asIs = `${encodeURIComponent(t.resourceUri)}\n${se}`;
  if (se && !out.includes(asIs)) out.push(asIs);
  return out;
}

/** Which of the device's keys signed the token, 'none', or undefined when it cannot be told. */
export function matchSasKey(t: SasTokenInfo, record: Pick<DeviceRecord, 'primaryKey' | 'secondaryKey'>): 'primary' | 'secondary' | 'none' | undefined {
  if (!checkableToken(t) || (!record.primaryKey && !record.secondaryKey)) return undefined;
  const want = (t.signatureSha256 as string).toLowerCase();
  const slots: ['primary' | 'secondary', string | undefined][] = [
    ['primary', record.primaryKey],
    ['secondary', record.secondaryKey],
  ];
  for (const [slot, key] of slots) {
    if (!key) continue;
    for (const s of stringsToSign(t)) if (sha256Hex(sasSignature(key, s)) === want) return slot;
  }
  return 'none';
}

// ---------------------------------------------------------------------------------------------------
// Building the result

function registryState(record: DeviceRecord | null, exact: boolean): DeviceRegistryState {
  if (!record || !exact) return { found: false };
  const s: DeviceRegistryState = { found: true, status: record.status, authType: record.authType };
  if (record.statusReason) s.statusReason = record.statusReason;
  if (record.connectionState) s.connectionState = record.connectionState;
  if (record.lastActivityTime) s.lastActivityTime = record.lastActivityTime;
  if (record.statusUpdatedTime) s.statusUpdatedTime = record.statusUpdatedTime;
  if (record.connectionStateUpdatedTime) s.connectionStateUpdatedTime = record.connectionStateUpdatedTime;
  return s;
}


/** Mutable working copy; the caller's Triage is never touched. */
class Work {
  readonly findings: Finding[];
  readonly added: Finding[] = [];

  constructor(
    private readonly triage: Triage,
    readonly hub: string | undefined,
  ) {
    this.findings = triage.findings.map((f) => Object.assign({}, f, { evidence: [...f.evidence], details: { ...f.details } }));
  }

  /** Paste findings about this device itself (not one of its modules). */
  paste(id: string, kind?: FindingKind): Finding[] {
    return this.findings.filter((f) => f.deviceId === id && !f.moduleId && f.source === 'paste' && (kind === undefined || f.kind === kind));
  }

  has(id: string, kind: FindingKind, moduleId?: string): boolean {
    return [...this.findings, ...this.added].some((f) => f.deviceId === id && f.kind === kind && f.moduleId === moduleId);
  }

  /** Redacted evidence lines of the paste at `line`, when some finding quoted it. */
  evidenceAt(line: number): Finding['evidence'] {
    for (const f of this.triage.findings) {
      const e = f.evidence.find((x) => x.line === line);
      if (e) return [e];
    }
    return [];
  }

  add(kind: FindingKind, deviceId: string, details: FindingDetails, extra: Partial<Pick<Finding, 'moduleId' | 'evidence'>> = {}): void {
    if (this.has(deviceId, kind, extra.moduleId)) return;
    this.added.push({
      kind,
      deviceId,
      ...(extra.moduleId ? { moduleId: extra.moduleId } : {}),
      ...(this.hub ? { hub: this.hub } : {}),
      evidence: extra.evidence ?? [],
      details,
      source: 'registry',
    });
  }
}

/** Hubs the paste shows this device talking to (error lines, its summary, its connection strings). */
export function pasteHubs(t: Triage, id: string): string[] {
  const hubs: (string | undefined)[] = [];
  for (const f of t.findings) if (f.deviceId === id && f.source === 'paste') hubs.push(f.hub);
  for (const d of t.devices) if (d.deviceId === id) hubs.push(d.hub);
  for (const c of t.recognised.connectionStrings) if (c.deviceId === id) hubs.push(c.hostName ?? c.hub);
  return hubs.filter((h): h is string => !!hubKey(h));
}

function presentedAuthTypes(t: Triage, w: Work, id: string): Set<'sas' | 'x509'> {
  const out = new Set<'sas' | 'x509'>();
  for (const c of t.recognised.connectionStrings) {
    if (c.deviceId !== id || c.moduleId) continue;
    if (c.auth === 'x509') out.add('x509');
    else if (c.auth === 'shared-access-key' || c.auth === 'sas-token') out.add('sas');
  }
  for (const s of t.recognised.sasTokens) if (s.deviceId === id && s.scope === 'device') out.add('sas');
  for (const f of w.paste(id)) {
    if (f.details.presentedAuthType) out.add(f.details.presentedAuthType);
    if (f.kind === 'thumbprint-mismatch' && (f.details.presentedSha1 || f.details.presentedSha256)) out.add('x509');
  }
  return out;
}

function checkAuthType(t: Triage, w: Work, id: string, record: DeviceRecord): void {
  const registered = record.authType === 'sas' ? 'sas' : record.authType === 'none' ? undefined : 'x509';
  for (const presented of presentedAuthTypes(t, w, id)) {
    if (presented === registered) continue;
    const existing = w.paste(id, 'auth-type-mismatch');
    if (existing.length) {
      for (const f of existing) f.details.registeredAuthType = record.authType;
      continue;
    }
    w.add('auth-type-mismatch', id, {
      registeredAuthType: record.authType,
      presentedAuthType: presented,
      message:
        record.authType === 'none'
          ? `The registry has no authentication configured for ${id}, but it presented ${presented === 'sas' ? 'a SAS token' : 'a certificate'}.`
          : `${id} is registered for ${registered === 'sas' ? 'SAS (symmetric key)' : `X.509 (${record.authType})`} authentication but presented ${presented === 'sas' ? 'a SAS token' : 'a certificate'}.`,
    });
  }
}

function thumbprintsOf(r: DeviceRecord): string[] {
  return [normThumb(r.primaryThumbprint), normThumb(r.secondaryThumbprint)].filter((x): x is string => !!x);
}

function checkThumbprints(w: Work, lookup: RegistryLookup, id: string, record: DeviceRecord): void {
  for (const f of w.paste(id, 'thumbprint-mismatch')) {
    const presented = [normThumb(f.details.presentedSha1), normThumb(f.details.presentedSha256)].filter((x): x is string => !!x);
    if (!presented.length) continue;
    f.details.registeredAuthType = record.authType;
    if (record.authType !== 'selfSigned') continue; // CA devices have no thumbprints; checkAuthType speaks for SAS ones
    if (!f.details.configuredPrimary && record.primaryThumbprint) f.details.configuredPrimary = record.primaryThumbprint;
    if (!f.details.configuredSecondary && record.secondaryThumbprint) f.details.configuredSecondary = record.secondaryThumbprint;
    const primary = normThumb(record.primaryThumbprint);
    const secondary = normThumb(record.secondaryThumbprint);
    f.details.matchedSlot = primary && presented.includes(primary) ? 'primary' : secondary && presented.includes(secondary) ? 'secondary' : 'none';
    if (f.details.matchedSlot !== 'none') continue;
    // A certificate registered on another device in this lookup: the device is using the wrong certificate.
    for (const [otherId, other] of lookup.devices) {
      if (!other || other.deviceId === record.deviceId || otherId === id) continue;
      if (thumbprintsOf(other).some((tp) => presented.includes(tp))) {
        f.details.otherDeviceId = other.deviceId;
        break;
      }
    }
  }
}

function checkSignatures(t: Triage, w: Work, id: string, record: DeviceRecord): void {
  for (const token of t.recognised.sasTokens) {
    if (token.deviceId !== id) continue;
    const matched = matchSasKey(token, record);
    if (matched === undefined) continue;
    const invalid = w.paste(id, 'sas-signature-invalid');
    if (matched === 'none') {
      if (!invalid.length) {
        w.add(
          'sas-signature-invalid',
          id,
          {
            resourceUri: token.resourceUri,
            ...(token.expiresAt ? { expiresAt: token.expiresAt } : {}),
            message: `The pasted SAS token for ${id} is signed with neither its primary nor its secondary key.`,
          },
          { evidence: w.evidenceAt(token.line) },
        );
      }
      continue;
    }
    // The token is sound: say which key signed it on the findings it speaks to (a signature error then
    // means the key was rotated after the error, or another token was in use).
    for (const f of w.paste(id)) if (SAS_RELATED.has(f.kind)) f.details.matchedKey = matched;
  }
}

function checkScopes(t: Triage, w: Work, id: string, record: DeviceRecord, regKey: string | undefined): void {
  for (const token of t.recognised.sasTokens) {
    if (token.deviceId !== id) continue;
    const tokenHub = hubKey(token.hub);
    if (regKey && tokenHub && tokenHub !== regKey) {
      const existing = w.paste(id, 'sas-token-wrong-scope');
      if (existing.length) for (const f of existing) f.details.expectedHub = w.hub;
      else
        w.add(
          'sas-token-wrong-scope',
          id,
          {
            resourceUri: token.resourceUri,
            scope: token.scope,
            expectedHub: w.hub,
            message: `The SAS token names hub ${token.hub}, but ${id} is registered in ${w.hub}.`,
          },
          { evidence: w.evidenceAt(token.line) },
        );
    }
    if (token.scope === 'module' && token.moduleId && record.modules && !record.modules.includes(token.moduleId)) {
      w.add(
        'sas-token-wrong-scope',
        id,
        {
          resourceUri: token.resourceUri,
          scope: 'module',
          message: `The SAS token names module ${token.moduleId}, which is not registered on ${id}${record.modules.length ? ` (modules: ${record.modules.slice(0, 10).join(', ')})` : ''}.`,
        },
        { moduleId: token.moduleId, evidence: w.evidenceAt(token.line) },
      );
    }
  }
}

function checkDevice(t: Triage, w: Work, lookup: RegistryLookup, id: string, record: DeviceRecord | null): 'skip' | 'exact' | 'absent' | 'connected-elsewhere' {
  const regKey = hubKey(lookup.hub);
  const hubs = pasteHubs(t, id);
  const elsewhere = regKey !== undefined && hubs.length > 0 && !hubs.some((h) => hubKey(h) === regKey);

  if (!record || record.deviceId !== id) {
    // Another hub's "not found" is no fact about the hub this device talks to.
    if (elsewhere && !record) return 'skip';
    // A device cannot connect to a hub it is not registered in: when the paste shows it connecting, a miss
    // means the registry consulted is another hub's or out of date, never a credential problem.
    if (!record && !w.paste(id, 'device-not-registered').length && t.devices.some((d) => d.deviceId === id && d.counts.connected > 0)) return 'connected-elsewhere';
    const nearMatch = record ? record.deviceId : undefined;
    const known = w.paste(id, 'device-not-registered');
    if (known.length) {
      for (const f of known) {
        if (nearMatch) f.details.nearMatch = nearMatch;
        // The near match lives in the hub looked up, not the one that refused the device.
        if (nearMatch && elsewhere && w.hub) f.details.expectedHub = w.hub;
      }
    } else {
      w.add('device-not-registered', id, {
        ...(nearMatch ? { nearMatch } : {}),
        message: nearMatch
          ? `${id} is not in the registry, but ${JSON.stringify(nearMatch)} is: the ID differs in case or whitespace.`
          : `${id} is not in the registry${lookup.hub ? ` of ${lookup.hub}` : ''}.`,
      });
    }
    return 'absent';
  }

  // The device exists: a "not registered" error came from another hub, or predates its registration.
  for (const f of w.paste(id, 'device-not-registered')) if (w.hub) f.details.expectedHub = w.hub;
  if (elsewhere) return 'exact';

  if (record.status === 'disabled') {
    const known = w.paste(id, 'device-disabled');
    if (known.length) {
      for (const f of known) if (record.statusReason && !f.details.statusReason) f.details.statusReason = record.statusReason;
    } else {
      w.add('device-disabled', id, {
        ...(record.statusReason ? { statusReason: record.statusReason } : {}),
        registeredAuthType: record.authType,
        message: `${id} is disabled in the registry${record.statusReason ? `: ${record.statusReason}` : ''}.`,
      });
    }
  }
  checkAuthType(t, w, id, record);
  checkThumbprints(w, lookup, id, record);
  checkSignatures(t, w, id, record);
  checkScopes(t, w, id, record, regKey);
  return 'exact';
}

function failureNote(failure: NonNullable<RegistryLookup['failure']>): Note {
  return { code: FAILURE_NOTE[failure.reason], params: { reason: failure.reason, message: failure.message } };
}

/** Fold a registry lookup into a triage: findings, device states, a failure note, then verdicts recomputed. */
export function applyRegistry(triage: Triage, lookup: RegistryLookup): Triage {
  const w = new Work(triage, lookup.hub);
  const states = new Map<string, DeviceRegistryState>();

  const connectedMisses: string[] = [];
  for (const [id, record] of lookup.devices) {
    const outcome = checkDevice(triage, w, lookup, id, record);
    if (outcome === 'connected-elsewhere') connectedMisses.push(id);
    if (outcome !== 'skip') states.set(id, registryState(record, outcome === 'exact'));
  }

  const devices = triage.devices.map((d) => {
    const state = states.get(d.deviceId);
    return state ? Object.assign({}, d, { registry: state }) : { ...d };
  });
  // A device only the registry check speaks about (a bare id, a token's device) gets a summary too.
  for (const [id, state] of states) {
    if (!devices.some((d) => d.deviceId === id && !d.moduleId)) devices.push({ ...emptyDeviceSummary(id, { hub: lookup.hub }), registry: state });
  }
  for (const f of w.added) {
    if (f.moduleId && !devices.some((d) => d.deviceId === f.deviceId && d.moduleId === f.moduleId)) {
      devices.push(emptyDeviceSummary(f.deviceId as string, { hub: lookup.hub, moduleId: f.moduleId }));
    }
  }

  const notes = [...triage.notes];
  for (const id of connectedMisses) notes.push({ code: 'registry-miss-connected', params: { deviceId: id, ...(lookup.hub ? { hub: lookup.hub } : {}) } });
  if (lookup.failure) {
    const note = failureNote(lookup.failure);
    if (!notes.some((n) => n.code === note.code && n.params?.message === note.params?.message)) notes.push(note);
  }

  return finalizeTriage(Object.assign({}, triage, { findings: [...w.findings, ...w.added], devices, notes }));
}
