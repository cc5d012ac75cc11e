// Random device histories for the agreement test, built from test/triage/synth.ts pieces, and the
// same events as AzureDiagnostics rows (what the fleet query reads).
import fc from 'fast-check';
import { churn, connect, lockedOut, resourceRecord, type SynthEvent } from '../triage/synth';
import type { LaRow } from './kqlReference';

export const HUB = 'contoso-iot-prod';

export const CREDENTIAL_MESSAGES = [
  'Thumbprint does not match configuration: Thumbprint: SHA1Hash=9F2C4A1B7E, SHA2Hash=47AC10B58C; Configuration: PrimaryThumbprint=1D3E5F7A9B, SecondaryThumbprint=',
  `IotHub '${HUB}' does not contain the specified device 'ghost-01'`,
  'Authentication failed for this device, renew token or certificate and reconnect',
  "Authorization rule 'device' does not allow access for 'DeviceConnect'",
];

type Piece =
  | { kind: 'churn'; episodes: number; everyMin: number; reconnectSec: number }
  | { kind: 'errorOnly'; episodes: number; everyMin: number }
  | { kind: 'shifted'; episodes: number; everyMin: number; closeOffsetSec: number; reconnectSec: number; between: boolean }
  | { kind: 'locked'; attempts: number; everySec: number; message?: string }
  | { kind: 'connect' }
  | { kind: 'code'; code: string; desc: string }
  | { kind: 'closed' }
  | { kind: 'disconnect' };

const churnPiece = fc.record({ kind: fc.constant('churn' as const), episodes: fc.integer({ min: 1, max: 6 }), everyMin: fc.integer({ min: 5, max: 95 }), reconnectSec: fc.integer({ min: 0, max: 400 }) });
const errorOnlyPiece = fc.record({ kind: fc.constant('errorOnly' as const), episodes: fc.integer({ min: 1, max: 5 }), everyMin: fc.integer({ min: 3, max: 90 }) });
// The 404104 logged before or well after its 401003 (same second in another order, or late): the
// closeBefore/closeAfter windows and the "already taken" rule all get exercised.
const shiftedPiece = fc.record({
  kind: fc.constant('shifted' as const),
  episodes: fc.integer({ min: 1, max: 5 }),
  everyMin: fc.integer({ min: 1, max: 80 }),
  closeOffsetSec: fc.oneof(fc.integer({ min: -100, max: 160 }), fc.constantFrom(-61, -60, -59, -50, -1, 0, 119, 120, 121)),
  reconnectSec: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 200 })),
  between: fc.boolean(),
});
const lockedPiece = fc.record({
  kind: fc.constant('locked' as const),
  attempts: fc.integer({ min: 1, max: 8 }),
  everySec: fc.integer({ min: 20, max: 1500 }),
  message: fc.option(fc.constantFrom(...CREDENTIAL_MESSAGES), { nil: undefined, freq: 3 }),
});
const otherPiece = fc.oneof(
  fc.constant<Piece>({ kind: 'connect' }),
  fc.constant<Piece>({ kind: 'closed' }),
  fc.constant<Piece>({ kind: 'disconnect' }),
  fc.constant<Piece>({ kind: 'code', code: '500001', desc: 'ServerError' }),
  fc.constant<Piece>({ kind: 'code', code: '400027', desc: 'ConnectionForcefullyClosedOnNewConnection' }),
  fc.constant<Piece>({ kind: 'code', code: '401002', desc: 'IotHubUnauthorizedAccess' }),
);

/** The named families the issue cares about, plus any random sequence of pieces. */
export const deviceHistory: fc.Arbitrary<Piece[]> = fc.oneof(
  fc.tuple(churnPiece).map((p) => [...p]),
  fc.tuple(fc.constant<Piece>({ kind: 'connect' }), lockedPiece).map((p) => [...p]),
  fc.tuple(churnPiece, lockedPiece).map((p) => [...p]),
  fc.tuple(errorOnlyPiece).map((p) => [...p]),
  fc.tuple(errorOnlyPiece, lockedPiece).map((p) => [...p]),
  fc.tuple(shiftedPiece).map((p) => [...p]),
  fc.array(fc.oneof(churnPiece, errorOnlyPiece, shiftedPiece, lockedPiece, otherPiece), { minLength: 1, maxLength: 5 }),
);

export const fleetHistories = fc.array(deviceHistory, { minLength: 1, maxLength: 10 });

function place(deviceId: string, piece: Piece, at: Date): SynthEvent[] {
  switch (piece.kind) {
    case 'churn':
      return churn(deviceId, at, piece.episodes, piece.everyMin, piece.reconnectSec);
    case 'errorOnly':
      return churn(deviceId, at, piece.episodes, piece.everyMin, -1);
    case 'shifted': {
      const out: SynthEvent[] = [];
      for (let i = 0; i < piece.episodes; i++) {
        const t = at.getTime() + i * piece.everyMin * 60_000;
        out.push({ at: new Date(t), deviceId, op: 'deviceDisconnect', code: '401003', desc: 'IoTHubUnauthorized' });
        out.push({ at: new Date(t + piece.closeOffsetSec * 1000 + (piece.closeOffsetSec === 0 ? 7 : 0)), deviceId, op: 'deviceDisconnect', code: '404104', desc: 'DeviceConnectionClosedRemotely' });
        // Another event between an early 404104 and its 401003: the look-back spans up to 3 events.
        if (piece.between && piece.closeOffsetSec < 0) out.push({ at: new Date(t + (piece.closeOffsetSec * 1000) / 2), deviceId, op: 'deviceDisconnect' });
        if (piece.reconnectSec >= 0) out.push(connect(deviceId, new Date(t + piece.reconnectSec * 1000 + 13)));
      }
      return out;
    }
    case 'locked':
      return lockedOut(deviceId, at, piece.attempts, piece.everySec, piece.message);
    case 'connect':
      return [connect(deviceId, at)];
    case 'code':
      return [{ at, deviceId, op: 'deviceDisconnect', code: piece.code, desc: piece.desc }];
    case 'closed':
      return [{ at, deviceId, op: 'deviceDisconnect', code: '404104', desc: 'DeviceConnectionClosedRemotely' }];
    case 'disconnect':
      return [{ at, deviceId, op: 'deviceDisconnect' }];
  }
}

/** Events of every device, pieces one after another with gaps; no two events of a device share a millisecond. */
export function eventsOf(histories: Piece[][], start = Date.parse('2026-05-01T00:00:00Z')): SynthEvent[] {
  const out: SynthEvent[] = [];
  histories.forEach((pieces, i) => {
    const deviceId = `dev-${String(i).padStart(3, '0')}`;
    let cursor = start + i * 7_919;
    const evs: SynthEvent[] = [];
    pieces.forEach((p, k) => {
      const placed = place(deviceId, p, new Date(cursor));
      evs.push(...placed);
      const last = Math.max(cursor, ...placed.map((e) => e.at.getTime()));
      cursor = last + ((k * 37 + i * 11) % 90) * 60_000 + 1_000;
    });
    // Time ties have no defined order in KQL's sort: keep every event of a device at its own instant.
    evs.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (let k = 1; k < evs.length; k++) {
      if (evs[k].at.getTime() <= evs[k - 1].at.getTime()) evs[k] = { ...evs[k], at: new Date(evs[k - 1].at.getTime() + 1) };
    }
    out.push(...evs);
  });
  return out;
}

/** A synth event as the AzureDiagnostics row Log Analytics stores. */
export function laRow(e: SynthEvent): LaRow {
  const r = resourceRecord(e);
  return {
    TimeGenerated: String(r.time),
    ResourceProvider: 'MICROSOFT.DEVICES',
    ResourceType: 'IOTHUBS',
    Category: String(r.category),
    _ResourceId: String(r.resourceId), // …/IOTHUBS/CONTOSO-IOT-PROD
    OperationName: String(r.operationName),
    Level: String(r.level),
    ResultType: String(r.resultType),
    ResultDescription: String(r.resultDescription),
    properties_s: String(r.properties),
  };
}
