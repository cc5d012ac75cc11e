// What the bot will download: a few text export types, a size cap, a time limit, and only from
// Microsoft's file hosts over https (Teams' download URLs point at the sender's OneDrive / SharePoint).
// Anything else is refused before a connection is made, so a crafted attachment cannot make the bot
// fetch internal addresses (SSRF).

/** Exports people send: Log Analytics CSV/TSV/JSON, resource-log JSON lines, plain logs. */
export const ALLOWED_FILE_TYPES = ['csv', 'tsv', 'json', 'jsonl', 'ndjson', 'txt', 'log'] as const;
/** Well above a useful paste; the engine reads the first 200 KB and says when it cut the rest. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The reply still has to beat Teams' ~15 s resend, with the triage and registry lookup after it. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_REDIRECTS = 3;

/** Microsoft-owned hosts that serve Teams file downloads (commercial, GCC High / DoD, dogfood). */
export const ALLOWED_HOST_SUFFIXES = ['sharepoint.com', 'sharepoint-df.com', 'sharepoint.us', 'sharepoint-mil.us', 'microsoft.com', 'office.com'] as const;

export function isAllowedFileType(fileType: string): boolean {
  return (ALLOWED_FILE_TYPES as readonly string[]).includes(fileType.toLowerCase());
}

export interface UrlPolicyOptions {
  /**
   * TEST ONLY: also accept http(s) URLs on 127.0.0.1 / localhost / [::1], so tests can serve files from a
   * local server. Deliberately a code option, not an environment variable a deployment could flip.
   */
  allowLoopbackForTests?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const IP_LITERAL = /^\d{1,3}(?:\.\d{1,3}){3}$|^\[/;

/** The URL, parsed, when the bot may GET it; undefined otherwise. */
export function allowedDownloadUrl(raw: string, options: UrlPolicyOptions = {}): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '') return undefined;
  const host = url.hostname.toLowerCase();
  if (options.allowLoopbackForTests && LOOPBACK.has(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return undefined;
  if (IP_LITERAL.test(host)) return undefined;
  const trusted = ALLOWED_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
  return trusted ? url : undefined;
}
