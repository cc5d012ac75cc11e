// Downloads one uploaded file into memory (never to disk) under the download policy: allowed URL on
// every redirect hop, a byte cap enforced while streaming (Content-Length is only a hint), and one time
// limit for the whole transfer. Never throws; the outcome says what went wrong in words the bot can use.
import {
  allowedDownloadUrl,
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_REDIRECTS,
  type UrlPolicyOptions,
} from './downloadPolicy';

export type DownloadFailure = 'url-not-allowed' | 'too-large' | 'http-error' | 'timeout' | 'network';

export type DownloadOutcome =
  | { ok: true; bytes: Uint8Array; ms: number }
  | { ok: false; reason: DownloadFailure; status?: number; ms: number };

export interface FileDownloader {
  readonly maxBytes: number;
  download(url: string): Promise<DownloadOutcome>;
}

export interface FileDownloaderOptions extends UrlPolicyOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Injected for tests; the global fetch (undici) otherwise. */
  fetch?: typeof fetch;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

class TooLarge extends Error {}

/** A redirect target, resolved against the current URL, when the policy allows it. */
function resolveAllowed(location: string, base: URL, options: UrlPolicyOptions): URL | undefined {
  try {
    return allowedDownloadUrl(new URL(location, base).toString(), options);
  } catch {
    return undefined;
  }
}

export function createFileDownloader(options: FileDownloaderOptions = {}): FileDownloader {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const doFetch = options.fetch ?? fetch;

  async function readCapped(res: Response): Promise<Uint8Array> {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) throw new TooLarge();
    if (!res.body) return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new TooLarge();
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes;
  }

  async function download(raw: string): Promise<DownloadOutcome> {
    const started = Date.now();
    const ms = () => Date.now() - started;
    const first = allowedDownloadUrl(raw, options);
    if (!first) return { ok: false, reason: 'url-not-allowed', ms: ms() };
    let url: URL = first;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        // Redirects are followed by hand so every hop is checked against the policy.
        const res: Response = await doFetch(url, { method: 'GET', redirect: 'manual', signal: controller.signal, headers: { accept: '*/*' } });
        if (REDIRECT.has(res.status)) {
          await res.body?.cancel().catch(() => undefined);
          const location: string | null = res.headers.get('location');
          const next: URL | undefined = location && hop < maxRedirects ? resolveAllowed(location, url, options) : undefined;
          if (!next) return { ok: false, reason: 'url-not-allowed', status: res.status, ms: ms() };
          url = next;
          continue;
        }
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined);
          return { ok: false, reason: 'http-error', status: res.status, ms: ms() };
        }
        return { ok: true, bytes: await readCapped(res), ms: ms() };
      }
    } catch (err) {
      if (err instanceof TooLarge) return { ok: false, reason: 'too-large', ms: ms() };
      if (controller.signal.aborted) return { ok: false, reason: 'timeout', ms: ms() };
      return { ok: false, reason: 'network', ms: ms() };
    } finally {
      clearTimeout(timer);
      // Whatever is still open (a body we stopped reading) is dropped.
      controller.abort();
    }
  }

  return { maxBytes, download };
}
