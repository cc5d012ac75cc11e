// Secret detection and redaction. Runs before anything else reads the input, so nothing downstream
// (findings, cards, logs, telemetry, the LLM) can see a key or a signature.
// Every pattern is bounded (no nested or unbounded quantifiers) so hostile input stays linear-time.
import type { SecretKind } from './types';

export const REDACTED = '[REDACTED]';

interface Rule {
  kind: SecretKind;
  /** Cheap test: when it fails the (costlier) replace pass is skipped. */
  trigger?: RegExp;
  /** A character every match contains: a text without it skips even the trigger (indexOf is a fast scan). */
  needs?: string;
  pattern: RegExp;
  /** Replacement keeps the label (group 1) so the reader still sees what was there. */
  replace: string;
  /** The secret may span lines: keep its line breaks, so every later line keeps its number. */
  keepLines?: boolean;
}

// Base64 alphabet lookup, for the bare-key scan below.
const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[c.charCodeAt(0)] = 1;
const isB64 = (c: number) => c < 128 && B64[c] === 1;
// The last character before '=' of a 32-byte key carries 4 data bits and 2 zero bits; of a 64-byte key, 2 and 4.
const LAST_32 = new Set('AEIMQUYcgkosw048');
const LAST_64 = new Set('AQgw');

/**
 * A bare symmetric key standing alone: exactly 43 base64 chars + '=' (32 bytes) or 86 + '==' (64 bytes).
 * Found from the '=' signs (indexOf is fast), so a 50 MB log without keys costs almost nothing.
 */
function redactBareKeys(text: string): { text: string; count: number } {
  let count = 0;
  let out = '';
  let last = 0;
  let i = text.indexOf('=');
  while (i !== -1) {
    const pad = text.charCodeAt(i + 1) === 61 ? 2 : 1;
    const after = text.charCodeAt(i + pad);
    const len = pad === 1 ? 43 : 86;
    const start = i - len;
    if (start >= last && !(isB64(after) || after === 61) && !(start > 0 && (isB64(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 61))) {
      let ok = (pad === 1 ? LAST_32 : LAST_64).has(text[i - 1]);
      for (let k = start; ok && k < i; k++) ok = isB64(text.charCodeAt(k));
      if (ok) {
        out += text.slice(last, start) + REDACTED;
        last = i + pad;
        count++;
      }
    }
    i = text.indexOf('=', i + pad);
  }
  return count ? { text: out + text.slice(last), count } : { text, count };
}

const RULES: readonly Rule[] = [
  // Connection-string and CLI forms: SharedAccessKey=..., also URL/JSON-ish spacing.
  { kind: 'shared-access-key', trigger: /SharedAccessKey/i, pattern: /(SharedAccessKey\s{0,2}[=:]\s{0,2}"?)[A-Za-z0-9+/%]{16,120}={0,2}/gi, replace: `$1${REDACTED}` },
  // SAS token signature: sig=<base64, often URL-encoded>.
  { kind: 'sas-signature', needs: '=', trigger: /sig\s{0,2}=/i, pattern: /(\bsig\s{0,2}=\s{0,2})[A-Za-z0-9%+/=_-]{8,256}/gi, replace: `$1${REDACTED}` },
  // Registry exports and portal copies: "primaryKey": "...", Primary key: ...
  {
    kind: 'symmetric-key',
    trigger: /(?:primary|secondary)[ _-]?key/i,
    pattern: /((?:primary|secondary)[ _-]?key"?\s{0,4}[:=]\s{0,4}"?)[A-Za-z0-9+/]{16,120}={0,2}/gi,
    replace: `$1${REDACTED}`,
  },
  // A bare symmetric key on its own (exact base64 length of a 32- or 64-byte key).
  // A pasted private key (device certificate): keep the header, drop the body.
  { kind: 'private-key', trigger: /PRIVATE KEY-----/, pattern: /(-----BEGIN [A-Z ]{0,30}PRIVATE KEY-----)[A-Za-z0-9+/=\s]{1,16384}/g, replace: `$1 ${REDACTED} `, keepLines: true },
];

// Two independent linear scans rather than one pattern spanning both (that would be quadratic).
const HOSTNAME_HINT = /HostName\s{0,2}=/i;
const SHARED_ACCESS_HINT = /SharedAccess(?:Key|Signature)\s{0,2}=/i;

export interface Redaction {
  text: string;
  /** Number of secret values replaced. */
  count: number;
  kinds: SecretKind[];
}

/** What redacting one text found, before its kinds are put in order (see RedactionTotals). */
interface Found {
  count: number;
  /** Kinds the rules found (in rule order), and whether a bare key was found after them. */
  ruleKinds: Set<SecretKind>;
  bareKey: boolean;
  hostNameHint: boolean;
  sharedAccessHint: boolean;
}

/** The kinds in the order one pass over the whole text gives them: rule order, bare keys, connection string. */
function orderedKinds(f: Found): SecretKind[] {
  const kinds = new Set<SecretKind>();
  for (const rule of RULES) if (f.ruleKinds.has(rule.kind)) kinds.add(rule.kind);
  if (f.bareKey) kinds.add('symmetric-key');
  if (f.count > 0 && f.hostNameHint && f.sharedAccessHint) kinds.add('connection-string');
  return [...kinds];
}

/** Redactions of a paste's segments, added up as if the paste had been redacted in one piece. */
export class RedactionTotals implements Found {
  count = 0;
  ruleKinds = new Set<SecretKind>();
  bareKey = false;
  hostNameHint = false;
  sharedAccessHint = false;

  /** Redacts one segment; returns its redacted text. */
  redact(input: string): string {
    // A segment without a secret may still hold the other half of a connection string's hints.
    const r = redactFound(input, true);
    this.count += r.count;
    for (const k of r.ruleKinds) this.ruleKinds.add(k);
    this.bareKey ||= r.bareKey;
    this.hostNameHint ||= r.hostNameHint;
    this.sharedAccessHint ||= r.sharedAccessHint;
    return r.text;
  }

  get kinds(): SecretKind[] {
    return orderedKinds(this);
  }
}

/** Replace every secret value with [REDACTED]. Idempotent: redacting a redacted text changes nothing. */
export function redact(input: string): Redaction {
  // Every secret pattern needs an '=' or ':' after its label, or a private key's header: a text with none of
  // them (a device id, a hub, most card strings) has nothing to redact, and skips every scan.
  if (input.indexOf('=') === -1 && input.indexOf(':') === -1 && input.indexOf('PRIVATE KEY') === -1) return { text: input, count: 0, kinds: [] };
  const r = redactFound(input);
  return { text: r.text, count: r.count, kinds: orderedKinds(r) };
}

/** `allHints`: look for the connection-string hints even where nothing was redacted (segments). */
function redactFound(input: string, allHints = false): Found & { text: string } {
  let text = input;
  let count = 0;
  const kinds = new Set<SecretKind>();
  for (const rule of RULES) {
    if ((rule.needs && text.indexOf(rule.needs) === -1) || (rule.trigger && !rule.trigger.test(text))) continue;
    rule.pattern.lastIndex = 0;
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      count++;
      kinds.add(rule.kind);
      const g1 = typeof args[1] === 'string' ? args[1] : '';
      const out = rule.replace.replace('$1', g1);
      if (!rule.keepLines) return out;
      const match = String(args[0]);
      let breaks = 0;
      for (let i = match.indexOf('\n'); i !== -1; i = match.indexOf('\n', i + 1)) breaks++;
      return out + '\n'.repeat(breaks);
    });
  }
  const bare = redactBareKeys(text);
  if (bare.count) {
    text = bare.text;
    count += bare.count;
  }
  // Both hints need an '=' (a JSON export has none, and skips both scans); a single text needs them only
  // when it had a secret (the card's many small strings skip them).
  const equals = (count > 0 || allHints) && input.indexOf('=') !== -1;
  return { text, count, ruleKinds: kinds, bareKey: bare.count > 0, hostNameHint: equals && HOSTNAME_HINT.test(input), sharedAccessHint: equals && SHARED_ACCESS_HINT.test(input) };
}

/** True when the text still holds something that looks like a secret value (used by tests and guards). */
export function containsSecret(text: string): boolean {
  if (redactBareKeys(text).count > 0) return true;
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    const m = rule.pattern.exec(text);
    if (m) return true;
  }
  return false;
}
