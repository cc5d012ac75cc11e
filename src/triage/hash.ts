// SHA-256 and HMAC-SHA256 for the SAS checks. node:crypto (and the streams it loads) is required on
// first use: a paste with no token or key never needs it, and loading it is ~10 ms of a CLI run.
type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;
function load(): Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (crypto ??= require('node:crypto') as Crypto);
}

export function sha256Hex(s: string): string {
  return load().createHash('sha256').update(s).digest('hex');
}

/** base64(HMAC-SHA256(key, message)). */
export function hmacSha256Base64(key: Buffer, message: string): string {
  return load().createHmac('sha256', key).update(message, 'utf8').digest('base64');
}
