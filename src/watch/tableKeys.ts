// Table Storage keys. PartitionKey and RowKey may not contain / \ # ? or control characters, and Teams
// conversation ids can hold any of them ("19:…@thread.tacv2;messageid=…", "a:1…"): ids are stored as
// base64url of their UTF-8 bytes, which is reversible, uses only [A-Za-z0-9_-] and keeps case.
import { createHash } from 'node:crypto';

/** A key may be up to 1 KiB; stay below it with room for a row-kind prefix. */
const MAX_ENCODED = 960;

export function encodeKey(value: string, what: string): string {
  if (value === '') throw new RangeError(`${what} is empty.`);
  const encoded = Buffer.from(value, 'utf8').toString('base64url');
  if (encoded.length > MAX_ENCODED) throw new RangeError(`${what} is too long for a table key (${value.length} characters).`);
  return encoded;
}

export function decodeKey(encoded: string): string {
  return Buffer.from(encoded, 'base64url').toString('utf8');
}

/** A fixed-length key for values we never need back (activity ids): SHA-256, base64url (43 characters). */
export function hashKey(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}
