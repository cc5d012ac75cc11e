// A local stand-in for the Bot Connector service (the activity's serviceUrl): captures what the bot
// posts to /v3/conversations/:conversationId/activities[/:replyToId] and answers like the real one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  body: Record<string, unknown>;
  raw: string;
}

export interface LocalConnector {
  serviceUrl: string;
  captured: CapturedActivity[];
  /** When set, every post is answered with this status (e.g. 404: the bot was removed) and not captured. */
  failWith?: number;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export async function startConnector(): Promise<LocalConnector> {
  const captured: CapturedActivity[] = [];
  let n = 0;
  // eslint-disable-next-line prefer-const -- assigned once the server exists; the handler reads it per request
  let connector: LocalConnector;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
      if (!m) {
        res.statusCode = 404;
        res.end();
        return;
      }
      if (connector.failWith !== undefined) {
        res.statusCode = connector.failWith;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }));
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      captured.push({
        conversationId: decodeURIComponent(m[1]),
        replyToId: m[2] ? decodeURIComponent(m[2]) : undefined,
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
      });
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `reply-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  connector = {
    serviceUrl: `http://127.0.0.1:${port}/`,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return connector;
}

/** POST an activity to the server's /api/messages; resolves with the HTTP status once the turn is done. */
export async function postActivity(port: number, body: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  return res.status;
}
