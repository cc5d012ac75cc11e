// Secret detection and redaction. Runs before anything else reads the input, so nothing downstream
// (findings, cards, logs, telemetry, the LLM) can see a key or a signature.
// Every pattern is bounded (no nested or unbounded quantifiers) so hostile input stays linear-time.
import type { SecretKind } from './types';

export const REDACTED = '[REDACTED]';

interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Replacement keeps the label (group 1) so the reader still sees what was there. */
  replace: string;
}

const B64_KEY_32 = '[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]='; // base64 of a 32-byte key
const B64_KEY_64 = '[A-Za-z0-9+/]{86}[AQgw]=='; // base64 of a 64-byte key

const RULES: readonly Rule[] = [
  // Connection-string and CLI forms: SharedAccessKey=..., also URL/JSON-ish spacing.
  { kind: 'shared-access-key', pattern: /(SharedAccessKey\s{0,2}[=:]\s{0,2}"?)[A-Za-z0-9+/%]{16,120}={0,2}/gi, replace: `$1${REDACTED}` },
  // SAS token signature: sig=<base64, often URL-encoded>.
  { kind: 'sas-signature', pattern: /(\bsig\s{0,2}=\s{0,2})[A-Za-z0-9%+/=_-]{8,256}/gi, replace: `$1${REDACTED}` },
  // Registry exports and portal copies: "primaryKey": "...", Primary key: ...
  {
    kind: 'symmetric-key',
    pattern: /((?:primary|secondary)[ _-]?key"?\s{0,4}[:=]\s{0,4}"?)[A-Za-z0-9+/]{16,120}={0,2}/gi,
    replace: `$1${REDACTED}`,
  },
  // A bare symmetric key on its own (exact base64 length of a 32- or 64-byte key).
  { kind: 'symmetric-key', pattern: new RegExp(`(?<![A-Za-z0-9+/=])(?:${B64_KEY_64}|${B64_KEY_32})(?![A-Za-z0-9+/=])`, 'g'), replace: REDACTED },
  // A pasted private key (device certificate): keep the header, drop the body.
  { kind: 'private-key', pattern: /(-----BEGIN [A-Z ]{0,30}PRIVATE KEY-----)[A-Za-z0-9+/=\s]{1,16384}/g, replace: `$1 ${REDACTED} ` },
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

/** Replace every secret value with [REDACTED]. Idempotent: redacting a redacted text changes nothing. */
export function redact(input: string): Redaction {
  let text = input;
  let count = 0;
  const kinds = new Set<SecretKind>();
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      count++;
      kinds.add(rule.kind);
      const g1 = typeof args[1] === 'string' ? args[1] : '';
      return rule.replace.replace('$1', g1);
    });
  }
  if (count > 0 && HOSTNAME_HINT.test(input) && SHARED_ACCESS_HINT.test(input)) kinds.add('connection-string');
  return { text, count, kinds: [...kinds] };
}

/** True when the text still holds something that looks like a secret value (used by tests and guards). */
export function containsSecret(text: string): boolean {
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    const m = rule.pattern.exec(text);
    if (m) return true;
  }
  return false;
}
