// Retry-After as the Bot Connector (and any HTTP service) sends it: delta-seconds or an HTTP date.
// Also the millisecond variants Azure services use. Unparseable or absent -> undefined.

interface HeaderReader {
  get(name: string): string | undefined | null;
}

const MS_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms'];

export function retryAfterMs(headers: HeaderReader | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  for (const name of MS_HEADERS) {
    const v = headers.get(name)?.trim();
    if (v && /^\d{1,9}(?:\.\d+)?$/.test(v)) return Math.round(Number(v));
  }
  const v = headers.get('retry-after')?.trim();
  if (!v) return undefined;
  if (/^\d{1,9}(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
