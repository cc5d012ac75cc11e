// Fleet results for the watch tests, judged by the real row mapping (fleetResultFromTables) from
// synthetic Connections-log events run through the TypeScript reference of the fleet query.
import { fleetResultFromTables } from '../../src/fleet/summaries';
import type { FleetResult } from '../../src/fleet/types';
import { fleetKql } from '../../src/triage/fleetKql';
import { churn, connect, lockedOut, type SynthEvent } from '../triage/synth';
import { apiPayload, referenceTable } from '../fleet/kqlReference';
import { CREDENTIAL_MESSAGES, HUB, laRow } from '../fleet/synthFleet';

export { HUB };
export const T0 = new Date('2026-05-01T00:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

/** Hourly token renewals, always back within seconds. */
export const churner = (id: string): SynthEvent[] => churn(id, T0, 5);
/** Connected once, then refused again and again: unrecovered 401003. */
export const lockedOutDevice = (id: string, attempts = 6): SynthEvent[] => [connect(id, T0), ...lockedOut(id, at(1), attempts)];
/** Churned for hours, then the renewal was refused and it never came back. */
export const churnThenLocked = (id: string): SynthEvent[] => [...churn(id, T0, 4), ...lockedOut(id, at(4 * 65 + 10), 6)];
/** Refused with a thumbprint mismatch. */
export const thumbprint = (id: string): SynthEvent[] => lockedOut(id, T0, 3, 90, CREDENTIAL_MESSAGES[0]);
export const quiet = (id: string): SynthEvent[] => [connect(id, T0)];

export function fleet(events: SynthEvent[], opts: { maxDevices?: number; partial?: string } = {}): FleetResult {
  const query = fleetKql({ hub: HUB, since: '6h' });
  return fleetResultFromTables([referenceTable(events.map(laRow), HUB, { maxDevices: opts.maxDevices })], {
    hub: HUB,
    since: '6h',
    query,
    ...(opts.partial ? { partial: { message: opts.partial } } : {}),
    ...(opts.maxDevices ? { maxDevices: opts.maxDevices } : {}),
  });
}

/** The same events as the Log Analytics REST API returns them (for nock), optionally with a partial error. */
export function laPayload(events: SynthEvent[], opts: { maxDevices?: number; partial?: boolean } = {}): Record<string, unknown> {
  return apiPayload(
    referenceTable(events.map(laRow), HUB, { maxDevices: opts.maxDevices }),
    opts.partial ? { error: { code: 'PartialError', message: 'There were some errors when processing your query.', details: [{ code: 'EngineError', message: 'one shard failed' }] } } : {},
  );
}
