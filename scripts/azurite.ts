// Azurite's Table service as a child process, in memory, on loopback: the watch store for `npm run dev`
// and the store the tests run against. Azurite (a devDependency) comes from `npm ci`; nothing else is needed.
// Azurite does not report the port it bound when asked for port 0, so we pick a free one and retry if
// another process takes it first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopChild } from './childProcess';

/** Azurite's well-known development account (public; it only ever opens a local emulator). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const ATTEMPTS = 3;

export interface AzuriteTables {
  port: number;
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  endpoint: string;
  /** A connection string for WATCH_STORAGE_CONNECTION_STRING (well-known development key). */
  connectionString: string;
  /** Resolves when Azurite exits (for whatever reason). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** A fixed port (default: a free one). */
  port?: number;
  /** Azurite's own output, line by line (default: dropped). */
  print?: (line: string) => void;
}

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/** Any HTTP answer (even 400/403) means the service is up. */
async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/${AZURITE_ACCOUNT}/Tables`, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

async function startOnce(port: number, print: (line: string) => void): Promise<AzuriteTables | 'port-taken'> {
  const main = require.resolve('azurite/dist/src/table/main.js');
  // Its working directory gets Azurite's debug/extent folders if any; keep them out of the repository.
  const cwd = mkdtempSync(join(tmpdir(), 'azurite-'));
  const args = [main, '--tableHost', '127.0.0.1', '--tablePort', String(port), '--inMemoryPersistence', '--loose', '--skipApiVersionCheck', '--disableTelemetry', '--silent'];
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
      for (const line of chunk.split('\n')) if (line.trim() !== '') print(line);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !gone) {
    if (await answers(port)) {
      // Someone else's server may answer on a port we thought free: only ours counts.
      if (gone) break;
      return { port, endpoint: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`, connectionString: azuriteConnectionString(port), exited, stop: () => stopChild(child, STOP_GRACE_MS) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child, STOP_GRACE_MS);
  if (/EADDRINUSE/.test(output)) return 'port-taken';
  throw new Error(`Azurite (table service) did not start on 127.0.0.1:${port}: ${output.trim().split('\n').pop() ?? 'no output'}`);
}

/** Starts Azurite's Table service in memory on 127.0.0.1 and waits until it answers. */
export async function startAzuriteTables(options: AzuriteOptions = {}): Promise<AzuriteTables> {
  const print = options.print ?? (() => undefined);
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const started = await startOnce(port, print);
    if (started !== 'port-taken') return started;
    if (options.port !== undefined || attempt >= ATTEMPTS) throw new Error(`Azurite (table service): port ${port} is already in use on 127.0.0.1.`);
  }
}
