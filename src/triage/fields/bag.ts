// What the readers found in one record: candidates per field, each with where it came from. Nothing
// is decided here; resolve.ts picks each field's value by priority.
import type { CodeInfo } from '../codes';
import type { MessageMatch } from '../messages';
import type { SourceRecord } from '../records/record';
import type { SdkHit } from '../sdkStatus';
import type { TimeCandidate } from '../time';
import type { FieldName } from './aliases';

/** How a value was found: a labelled field beats a structural place, which beats position in prose. */
export const Rank = { Labelled: 0, Structural: 1, Position: 2 } as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

export interface Candidate {
  value: string;
  rank: Rank;
  /** Which reader found it (for tests and notes). */
  source: string;
  /** Where in the record's text, or -1 (a JSON value, a cell). */
  index: number;
}

/** A piece of text to read: the record's own text (offset 0) or a string value from its JSON/cells (-1). */
export interface TextPiece {
  text: string;
  offset: number;
}

export interface CodeHit {
  info: CodeInfo;
  /** Offset in the record text, or -1 when found in a labelled value. */
  index: number;
}

export interface FieldBag {
  record: SourceRecord;
  /** Labelled scalar fields (first spelling found wins). */
  labels: Map<FieldName, string>;
  /** A labelled time that was a number (epoch) or a string. */
  labelledTime?: unknown;
  deviceIds: Candidate[];
  moduleIds: Candidate[];
  hubs: Candidate[];
  texts: TextPiece[];
  /** The record's own text (tabs read as spaces) and `texts`, assembled once for the prose readers. */
  pieces?: TextPiece[];
  times: TimeCandidate[];
  codes: CodeHit[];
  messages: MessageMatch[];
  sdk: SdkHit[];
  /** Connection words ("deviceConnect", "DeviceConnected", CONNACK 0, ...) and where. */
  connection?: { type: 'connected' | 'disconnected'; index: number; failed: boolean };
  /** An MQTT packet trace line (the C SDK's "-> DISCONNECT", "<- CONNACK ... RETURN_CODE: 0x5"). */
  mqttTrace?: 'disconnect-sent' | 'connack-ok' | 'connack-refused' | 'connack-unavailable';
}

export function emptyBag(record: SourceRecord): FieldBag {
  return { record, labels: new Map(), deviceIds: [], moduleIds: [], hubs: [], texts: [], times: [], codes: [], messages: [], sdk: [] };
}

export function addCandidate(list: Candidate[], value: string | undefined, rank: Rank, source: string, index = -1): void {
  if (!value || list.length >= 16) return;
  if (list.some((c) => c.value === value && c.rank <= rank)) return;
  list.push({ value, rank, source, index });
}

/** The best candidate: lowest rank, then first found. */
export function best(list: Candidate[]): Candidate | undefined {
  let out: Candidate | undefined;
  for (const c of list) if (!out || c.rank < out.rank) out = c;
  return out;
}
