// Maps what DPS says (a registration state, an individual enrollment, an enrollment group) to the neutral
// DpsRegistration. One mapper for the service API (azure-iot-provisioning-service) and for the JSON that
// `az iot dps enrollment registration list` / `az iot dps enrollment-group registration list` print.
import type { DpsRegistration, DpsRegistrationStatus } from '../triage/hubs';
import { shortHubName } from './hubNames';

type Json = Record<string, unknown>;

const STATUSES: DpsRegistrationStatus[] = ['assigned', 'assigning', 'failed', 'disabled', 'unassigned'];
const ATTESTATIONS: Record<string, NonNullable<DpsRegistration['attestation']>> = { symmetrickey: 'symmetricKey', x509: 'x509', tpm: 'tpm' };

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : undefined;
}

/** The enrollment group a registration state names, if any (group registrations carry it under their attestation). */
export function registrationGroupId(state: Json): string | undefined {
  return str(state.enrollmentGroupId) ?? str(obj(state.symmetricKey)?.enrollmentGroupId) ?? str(obj(state.x509)?.enrollmentGroupId) ?? str(obj(state.tpm)?.enrollmentGroupId);
}

function attestationOf(state: Json): DpsRegistration['attestation'] {
  if (obj(state.symmetricKey)) return 'symmetricKey';
  if (obj(state.x509)) return 'x509';
  if (obj(state.tpm)) return 'tpm';
  return undefined;
}

/** An error message from DPS, kept short and stripped of anything that looks like a credential. */
function safeError(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (/SharedAccess(Key|Signature)|sig=|AccountKey=/i.test(s)) return 'DPS reported an error (details withheld: they quoted a credential).';
  return s.slice(0, 300);
}

/** A registration state (service API or az CLI JSON) -> DpsRegistration; undefined when it is not one. */
export function toDpsRegistration(raw: unknown): DpsRegistration | undefined {
  const state = obj(raw);
  const registrationId = state && str(state.registrationId);
  if (!state || !registrationId) return undefined;
  const statusRaw = str(state.status)?.toLowerCase();
  const status = STATUSES.find((s) => s === statusRaw) ?? 'unassigned';
  const reg: DpsRegistration = { registrationId, status };
  const deviceId = str(state.deviceId);
  if (deviceId) reg.deviceId = deviceId;
  const hub = str(state.assignedHub);
  if (hub) reg.assignedHub = shortHubName(hub);
  const updated = str(state.lastUpdatedDateTimeUtc);
  if (updated) reg.lastUpdated = updated;
  const attestation = attestationOf(state);
  if (attestation) reg.attestation = attestation;
  const groupId = registrationGroupId(state);
  if (groupId) reg.enrollment = { kind: 'group', groupId };
  const error = safeError(state.errorMessage);
  if (error && (status === 'failed' || state.errorCode !== undefined)) reg.errorMessage = error;
  return reg;
}

/** Adds what an enrollment (individual or group) says: its kind, attestation type and provisioning status. */
export function withEnrollment(reg: DpsRegistration, raw: unknown, kind: 'individual' | 'group', groupId?: string): DpsRegistration {
  const e = obj(raw) ?? {};
  const typeRaw = str(obj(e.attestation)?.type)?.toLowerCase();
  const attestation = typeRaw ? ATTESTATIONS[typeRaw] : undefined;
  const ps = str(e.provisioningStatus)?.toLowerCase();
  const provisioningStatus = ps === 'enabled' || ps === 'disabled' ? ps : undefined;
  return {
    ...reg,
    ...(attestation ? { attestation } : {}),
    enrollment: { kind, ...(groupId ? { groupId } : {}), ...(provisioningStatus ? { provisioningStatus } : {}) },
  };
}
