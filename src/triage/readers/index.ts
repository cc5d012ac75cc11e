// The readers, in the order they run: structure first (JSON, columns, labels), then prose. Each one
// adds to the record's field bag; none claims the record. A new input format is one more reader here.
import type { FieldBag } from '../fields/bag';
import { WORDY, type SourceRecord } from '../records/record';
import { emptyBag } from '../fields/bag';
import { columns } from './columns';
import { jsonFields } from './jsonFields';
import { keyValue } from './keyValue';
import type { Reader } from './reader';
import { codes, connectionWords, identities, messages, mqttTrace, sdkWords, times } from './textReaders';

export const READERS: readonly Reader[] = [jsonFields, columns, keyValue, times, codes, messages, sdkWords, identities, connectionWords, mqttTrace];

/** Readers that need words: a record with no word of three letters and no six-digit code cannot feed them. */
const WORD_READERS: ReadonlySet<Reader> = new Set([keyValue, codes, messages, sdkWords, identities, connectionWords, mqttTrace]);

export function readRecord(record: SourceRecord): FieldBag {
  const bag = emptyBag(record);
  const wordy = !!record.json || !!record.columns || WORDY.test(record.text);
  for (const r of READERS) if (wordy || !WORD_READERS.has(r)) r.read(bag);
  return bag;
}
