// A local Bot Connector stand-in whose answers are scripted per request: 200, 429 with or without
// Retry-After, 5xx, slow, or never. Every attempt is recorded with its arrival time, so tests can check
// what was delivered, where, how often, and how fast a thread was written to. Used by the bench too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorRequest {
  /** Arrival time (Date.now()). */
  at: number;
  method: string;
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  raw: string;
  /** What the connector answered. */
  status: number;
}

export type ConnectorAnswer =
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  /** Never answer (the bot must time out). */
  | { hang: true };

export type ConnectorScript = (req: Omit<ConnectorRequest, 'status'>, index: number) => ConnectorAnswer;

export interface ScriptedConnector {
  serviceUrl: string;
  /** Every attempt, in arrival order. */
  requests: ConnectorRequest[];
  /** Attempts answered 2xx: what a user would see. */
  delivered(): ConnectorRequest[];
  setScript(script: ConnectorScript): void;
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export const OK: ConnectorScript = () => ({ status: 200 });

export interface ScriptedConnectorOptions {
  /** Called with every request instead of keeping it (long bench runs keep nothing). */
  onRequest?: (req: ConnectorRequest) => void;
}

export async function startScriptedConnector(initial: ConnectorScript = OK, options: ScriptedConnectorOptions = {}): Promise<ScriptedConnector> {
  let script = initial;
  const requests: ConnectorRequest[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = ROUTE.exec(req.url ?? '');
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* recorded raw */
      }
      const seen = {
        at: Date.now(),
        method: req.method,
        conversationId: decodeURIComponent(m[1]),
        replyToId: m[2] ? decodeURIComponent(m[2]) : undefined,
        authorization: req.headers.authorization,
        body,
        raw,
      };
      const answer = script(seen, requests.length);
      const record: ConnectorRequest = { ...seen, status: 'hang' in answer ? 0 : answer.status };
      if (options.onRequest) options.onRequest(record);
      else requests.push(record);
      if ('hang' in answer) return;
      const reply = () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? (answer.status < 300 ? { id: `reply-${++n}` } : { error: { code: 'Throttled', message: 'scripted' } })));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    delivered: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    setScript: (s) => {
      script = s;
    },
    reset: () => {
      requests.splice(0);
      script = initial;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The most sends inside any window of `windowMs` (half-open, as the limiter counts), per conversation. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
