// The load generator and the capture connector, run in a worker thread (its own V8 isolate and core,
// like autocannon in its own process), so the server's figures are not mixed with the client's work.
// Plain JavaScript source (run with eval: true) to need no TypeScript loader in the worker.

/** workerData: the secret whose presence in a reply is counted. */
export interface WorkerData {
  secret: string;
}

/** Sent once the connector is up: where the server listens and what to send. */
export interface WorkerStart {
  port: number;
  bodies: string[];
  concurrency: number;
  timeLimitMs: number;
}

export interface CapturedReply {
  conversationId: string;
  replyToId?: string;
  type?: string;
  summary?: string;
  hasSecret: boolean;
}

export interface WorkerOutput {
  latencies: number[];
  failures: number;
  seconds: number;
  replies: CapturedReply[];
}

/** Messages: the worker posts {ready: serviceUrl}, waits for {port}, then posts the WorkerOutput. */
export const LOAD_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const ROUTE = /^\\/v3\\/conversations\\/([^/]+)\\/activities(?:\\/([^/?]+))?/;
const replies = [];
let n = 0;
const connector = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const m = ROUTE.exec(req.url || '');
    if (!m) { res.statusCode = 404; res.end(); return; }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body = {};
    try { body = JSON.parse(raw); } catch {}
    replies.push({ conversationId: decodeURIComponent(m[1]), replyToId: m[2] ? decodeURIComponent(m[2]) : undefined, type: body.type, summary: body.summary, hasSecret: raw.includes(workerData.secret) });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'r' + (++n) }));
  });
});
connector.keepAliveTimeout = 30000;
connector.listen(0, '127.0.0.1', () => {
  parentPort.postMessage({ ready: 'http://127.0.0.1:' + connector.address().port + '/' });
});
parentPort.on('message', async (msg) => {
  if (!msg.port) return;
  const { bodies, concurrency, timeLimitMs } = msg;
  const latencies = [];
  let failures = 0;
  let next = 0;
  const deadline = Date.now() + timeLimitMs;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < bodies.length && Date.now() < deadline) {
      const i = next++;
      const t = process.hrtime.bigint();
      try {
        const res = await fetch('http://127.0.0.1:' + msg.port + '/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i], signal: AbortSignal.timeout(20000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch { failures++; }
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  connector.closeAllConnections();
  connector.close();
  parentPort.postMessage({ done: { latencies, failures, seconds, replies } });
});
`;
