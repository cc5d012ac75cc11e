// The row of a device the paste names but whose timeline says nothing (yet): a registry-only device,
// a device named by a token, or one with only credential messages. finalizeTriage fills its verdict.
import type { DeviceSummary } from './types';

export function emptyDeviceSummary(deviceId: string, where: { hub?: string; moduleId?: string } = {}): DeviceSummary {
  return {
    deviceId,
    ...(where.moduleId ? { moduleId: where.moduleId } : {}),
    ...(where.hub ? { hub: where.hub } : {}),
    verdict: 'inconclusive',
    kinds: [],
    counts: { unauthorized: 0, closedRemotely: 0, connected: 0, otherErrors: 0 },
    endsWith: 'unknown',
    episodes: [],
    churnEpisodes: 0,
  };
}
