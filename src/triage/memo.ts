// Remembering what a pure reading of a short string gave. A big export repeats the same few values
// ("deviceDisconnect", "401003", "IoTHubUnauthorized") on every record; reading each once is enough.
// Results are shared between records, so callers must treat them as read-only.

const MAX_ENTRIES = 4096;
const MAX_KEY_CHARS = 256;

/** `fn`, remembered for strings of up to `maxChars` characters (a bounded table, emptied when full). */
export function memoText<T>(fn: (text: string) => T, maxChars = MAX_KEY_CHARS): (text: string) => T {
  let seen = new Map<string, T>();
  return (text: string) => {
    if (text.length > maxChars) return fn(text);
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) return hit as T;
    const out = fn(text);
    if (seen.size >= MAX_ENTRIES) seen = new Map();
    seen.set(text, out);
    return out;
  };
}

const INTERN_MAX_CHARS = 128;
let interned = new Map<string, string>();

/**
 * One shared copy of a short value. Every parsed record brings its own copy of "Mqtt", "Error" or a
 * device id; the events keep them, and keeping one copy lets the record's own copies die young.
 */
export function intern(value: string): string {
  if (value.length > INTERN_MAX_CHARS) return value;
  const hit = interned.get(value);
  if (hit !== undefined) return hit;
  if (interned.size >= MAX_ENTRIES * 4) interned = new Map();
  interned.set(value, value);
  return value;
}
