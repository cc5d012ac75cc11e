// SAS tokens are decoded from the RAW text (before redaction) because the signature check needs a
// fingerprint of `sig`. Only non-secret parts leave this file: sr, se, skn, and a one-way SHA-256.
import { sha256Hex } from './hash';
import { decodeURIComponentSafe } from './identifiers';
import { isoUtc } from './isoTime';
import type { SasScope, SasTokenInfo } from './types';

const VALUE = '[^&\\s;"\'<>,]{0,1024}';
const TOKEN = new RegExp(`(?:sr|sig|se|skn)=${VALUE}(?:&(?:sr|sig|se|skn)=${VALUE}){1,3}`, 'gi');

function scopeOf(resource: string, hasPolicy: boolean): { scope: SasScope; hub?: string; deviceId?: string; moduleId?: string } {
  const [host, ...path] = resource.split('/');
  const hubMatch = /^([A-Za-z0-9-]{3,50})\.azure-devices\.net$/i.exec(host ?? '');
  const hub = hubMatch ? hubMatch[1].toLowerCase() : undefined;
  if (path[0]?.toLowerCase() === 'devices' && path[1]) {
    if (path[2]?.toLowerCase() === 'modules' && path[3]) return { scope: 'module', hub, deviceId: path[1], moduleId: path[3] };
    return { scope: 'device', hub, deviceId: path[1] };
  }
  if (hasPolicy) return { scope: 'service', hub };
  return { scope: hub ? 'hub' : 'unknown', hub };
}

function lineAt(lineStarts: number[], index: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Decode every SAS token in `raw`. `now` decides `expired`. */
export function findSasTokens(raw: string, now: Date, lineStarts?: number[]): SasTokenInfo[] {
  // No '=' (a JSON export): no token; indexOf finds that far faster than the regex.
  if (raw.indexOf('=') === -1 || !/sr=/i.test(raw)) return [];
  const out: SasTokenInfo[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(raw)) && out.length < 100) {
    const params = new Map<string, string>();
    for (const pair of m[0].split('&')) {
      const eq = pair.indexOf('=');
      params.set(pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
    }
    const sr = params.get('sr');
    if (!sr) continue;
    const resource = decodeURIComponentSafe(sr);
    const policy = params.get('skn') || undefined;
    const se = params.get('se');
    const seconds = se && /^\d{1,12}$/.test(se) ? Number(se) : undefined;
    const sig = params.get('sig');
    const where = scopeOf(resource, policy !== undefined);
    out.push({
      line: lineAt((lineStarts ??= lineStartsOf(raw)), m.index),
      resourceUri: resource,
      ...where,
      policy,
      expiresAt: seconds !== undefined ? isoUtc(seconds * 1000) : undefined,
      expired: seconds !== undefined ? seconds * 1000 <= now.getTime() : undefined,
      signatureSha256: sig ? sha256Hex(decodeURIComponentSafe(sig)) : undefined,
      stringToSign: seconds !== undefined ? `${encodeURIComponent(resource.toLowerCase())}\n${seconds}` : undefined,
    });
  }
  return out;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
