// Several DPS sources (instances, or a live DPS and a snapshot file) as one: each asked in turn for the
// devices the ones before did not know. No SDK here, so a snapshot-only setup loads none.
import type { DpsLookup, DpsRegistration } from '../triage/hubs';
import type { DpsSource } from './hubDirectory';

/** Several DPS instances: each asked in turn for the devices the ones before did not know. */
export function combineDps(sources: DpsSource[]): DpsSource {
  if (sources.length === 1) return sources[0];
  const host = sources.map((s) => s.host).filter((h): h is string => !!h).join(', ');
  return {
    source: sources[0].source,
    host: host || undefined,
    describe: () => sources.map((s) => s.describe()).join(', '),
    async lookup(deviceIds: string[]): Promise<DpsLookup> {
      const registrations = new Map<string, DpsRegistration | null>();
      let failure: DpsLookup['failure'];
      let pending = [...new Set(deviceIds)];
      for (const s of sources) {
        if (pending.length === 0) break;
        const part = await s.lookup(pending);
        for (const [id, reg] of part.registrations) if (reg || !registrations.get(id)) registrations.set(id, reg);
        failure ??= part.failure;
        pending = pending.filter((id) => !registrations.get(id));
      }
      return { registrations, source: sources[0].source, ...(host ? { dpsHost: host } : {}), ...(failure ? { failure } : {}) };
    },
  };
}
