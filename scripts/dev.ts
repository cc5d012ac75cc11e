// `npm run dev`: the bot on this machine with no Azure account — anonymous Bot Framework auth (loopback
// only), the sample hubs (samples/hubs: contoso-prod and contoso-test, with the DPS export that put pump-0043
// in contoso-test, so "examples" shows the wrong-hub case; plus the single-hub sample as hub contoso-hub) — plus the Microsoft 365 Agents Playground (a Teams-like chat in
// the browser, channel msteams, telemetry off) pointed at it, and Azurite's Table service in memory as the
// watch store (WATCH_STORAGE_CONNECTION_STRING; emptied when dev stops). Prints the address to open; Ctrl+C
// stops them all.
//
// Settings (environment): PORT (bot, default 3978), PLAYGROUND_PORT (default 56150; the Playground picks
// another one when that is taken, and we print the one it took), IOTHUB_REGISTRY_SNAPSHOT (default
// the three sample files above) and DPS_REGISTRATION_SNAPSHOT (default samples/hubs/dps-registrations.json
// when the sample hubs are used), LOG_LEVEL, WATCH_STORAGE_CONNECTION_STRING (your own Azurite or test account
// instead of the in-memory one; WATCH_STORAGE_ENDPOINT likewise). MicrosoftAppId is ignored here: the Playground cannot
// authenticate to a real Bot Framework registration.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAzuriteTables, type AzuriteTables } from './azurite';
import { prettyLogLine } from './prettyLog';
import { SAMPLE_DPS, SAMPLE_SNAPSHOTS } from './sampleHubs';
import { stopChild } from './childProcess';

const ROOT = resolve(__dirname, '..');
const DEFAULT_BOT_PORT = 3978;
const DEFAULT_PLAYGROUND_PORT = 56150;
/** ts-node compiles the server on start; a 2-core CI machine needs a while. */
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 8_000;

export interface DevOptions {
  botPort?: number;
  playgroundPort?: number;
  /** Base environment (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where child output and our messages go (default: this process's stdout, line by line). */
  print?: (line: string) => void;
}

type ChildName = 'bot' | 'playground' | 'storage';

export interface DevHandle {
  botPort: number;
  playgroundPort: number;
  /** The in-memory Azurite table service's port (undefined when WATCH_STORAGE_* was given). */
  storagePort?: number;
  /** The Playground's address, to open in a browser. */
  url: string;
  /** Resolves when any child exits (with its name and code). */
  exited: Promise<{ name: ChildName; code: number | null }>;
  /** Stops every child (SIGTERM, then SIGKILL after a grace period). Idempotent. */
  stop(): Promise<void>;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number (got "${value}").`);
  return n;
}

/** Prefixes each line of a child's output with its name (after `format`, e.g. JSON logs made readable). */
function pipeLines(child: ChildProcess, name: string, print: (line: string) => void, onLine?: (line: string) => void, format: (line: string) => string = (l) => l): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        onLine?.(line);
        if (line.trim() !== '') print(`${name} │ ${format(line)}`);
      }
    });
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, deadline: number, failed: () => string | undefined): Promise<void> {
  while (Date.now() < deadline) {
    const reason = failed();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready after ${Math.round(START_TIMEOUT_MS / 1000)} s`);
}

async function answers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.ok;
}

/** A bot port already taken would make the health check answer for someone else's server. */
function assertPortFree(p: number, name: string): Promise<void> {
  if (p === 0) return Promise.resolve();
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new Error(`${name} ${p} is already in use on 127.0.0.1; stop what runs there or set ${name} to another port.`)));
    probe.listen(p, '127.0.0.1', () => probe.close(() => ok()));
  });
}

export async function startDev(options: DevOptions = {}): Promise<DevHandle> {
  const base = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const botPort = options.botPort ?? port(base.PORT, DEFAULT_BOT_PORT, 'PORT');
  const wantedPlaygroundPort = options.playgroundPort ?? port(base.PLAYGROUND_PORT, DEFAULT_PLAYGROUND_PORT, 'PLAYGROUND_PORT');
  const ownHubs = !!base.IOTHUB_REGISTRY_SNAPSHOT?.trim();
  const snapshot = ownHubs ? (base.IOTHUB_REGISTRY_SNAPSHOT as string).trim() : SAMPLE_SNAPSHOTS;
  const ownDps = !!base.DPS_REGISTRATION_SNAPSHOT?.trim() || !!base.DPS_HOSTNAME?.trim();
  const dps = ownDps || ownHubs ? base.DPS_REGISTRATION_SNAPSHOT : SAMPLE_DPS;
  if (base.MicrosoftAppId?.trim()) print('dev │ MicrosoftAppId is set but ignored: the Playground talks to the bot without Bot Framework authentication.');

  // The watch store: the caller's, or a fresh in-memory Azurite (no Azure account needed).
  const ownStorage = !base.WATCH_STORAGE_CONNECTION_STRING?.trim() && !base.WATCH_STORAGE_ENDPOINT?.trim();
  const botEnv: NodeJS.ProcessEnv = {
    ...base,
    BOT_ALLOW_ANONYMOUS: 'true',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    NODE_ENV: 'development',
    IOTHUB_REGISTRY_SNAPSHOT: snapshot,
    ...(dps !== undefined ? { DPS_REGISTRATION_SNAPSHOT: dps } : {}),
    PORT: String(botPort),
  };
  const children: ChildProcess[] = [];
  let firstExit: ((v: { name: ChildName; code: number | null }) => void) | undefined;
  const exited = new Promise<{ name: ChildName; code: number | null }>((r) => (firstExit = r));
  const exitReasons = new Map<string, string>();
  const track = (child: ChildProcess, name: 'bot' | 'playground') => {
    children.push(child);
    child.once('exit', (code, signal) => {
      exitReasons.set(name, `exited (${signal ?? `code ${code}`})`);
      firstExit?.({ name, code });
    });
    child.once('error', (err) => exitReasons.set(name, `could not start (${err.message})`));
  };

  let stopping: Promise<void> | undefined;
  let storage: AzuriteTables | undefined;
  const stop = () => (stopping ??= Promise.all([...children.map((c) => stopChild(c, STOP_GRACE_MS)), storage?.stop()]).then(() => undefined));

  if (botPort === 0) throw new Error('PORT must be a fixed port for npm run dev (the Playground needs to know it).');
  await assertPortFree(botPort, 'PORT');
  try {
    if (ownStorage) {
      storage = await startAzuriteTables({ print: (line) => print(`storage │ ${line}`) });
      const s = storage;
      void s.exited.then((code) => {
        exitReasons.set('storage', `exited (code ${code})`);
        firstExit?.({ name: 'storage', code });
      });
      botEnv.WATCH_STORAGE_CONNECTION_STRING = s.connectionString;
      botEnv.WATCH_STORAGE_ENDPOINT = '';
    }
    // The server from source, so `npm run dev` always runs what is checked out (no stale dist/).
    const bot = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server.ts'], { cwd: ROOT, env: botEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    track(bot, 'bot');
    // The bot logs JSON lines (as in production); here they are shown one readable line each.
    pipeLines(bot, 'bot', print, undefined, prettyLogLine);
    const deadline = Date.now() + START_TIMEOUT_MS;
    await waitFor(() => answers(`http://127.0.0.1:${botPort}/healthz`), 'The bot did not start', deadline, () => exitReasons.get('bot'));

    let playgroundPort: number | undefined;
    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
    const playground = spawn(
      process.execPath,
      [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(wantedPlaygroundPort), '--disable-telemetry'],
      {
        cwd: ROOT,
        env: {
          ...base,
          // We print the address; opening a browser from here fails on headless machines.
          TEAMSAPPTESTER_BROWSER: base.TEAMSAPPTESTER_BROWSER ?? 'none',
          // Its log would otherwise land in ./devTools inside the repository.
          M365_AGENTS_PLAYGROUND_LOGFILE: base.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(tmpdir(), 'iothub-triage-playground.log'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    track(playground, 'playground');
    pipeLines(playground, 'playground', print, (line) => {
      const m = /Listening on (\d+)/.exec(line);
      if (m) playgroundPort = Number(m[1]);
    });
    await waitFor(
      async () => playgroundPort !== undefined && (await answers(`http://127.0.0.1:${playgroundPort}/`)),
      'The Playground did not start',
      deadline,
      () => exitReasons.get('playground') ?? (exitReasons.get('bot') ? `the bot ${exitReasons.get('bot')}` : undefined),
    );
    const url = `http://127.0.0.1:${playgroundPort}/`;
    return { botPort, playgroundPort: playgroundPort as number, storagePort: storage?.port, url, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main(): Promise<void> {
  let handle: DevHandle;
  try {
    handle = await startDev();
  } catch (err) {
    console.error(`npm run dev: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const line = '─'.repeat(78);
  process.stdout.write(
    [
      line,
      `Open ${handle.url} in a browser: the Microsoft 365 Agents Playground, talking to IoT Hub Triage.`,
      '  Personal Chat: paste a log, a SAS token or a device ID (try "examples").',
      '  A channel (General): Start a new post, type @Te and pick "Test Bot", then paste.',
      `  Bot: http://127.0.0.1:${handle.botPort}/api/messages (anonymous, loopback only); hubs: the samples (contoso-prod, contoso-test, contoso-hub; DPS) unless IOTHUB_REGISTRY_SNAPSHOT is set.`,
      handle.storagePort !== undefined
        ? `  Watch store: Azurite (tables, in memory) on 127.0.0.1:${handle.storagePort}, emptied when dev stops.`
        : '  Watch store: the one WATCH_STORAGE_* names.',
      'Press Ctrl+C to stop them all.',
      line,
    ].join('\n') + '\n',
  );
  let exiting = false;
  const shutdown = (code: number) => {
    if (exiting) return;
    exiting = true;
    void handle.stop().then(() => process.exit(code));
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  void handle.exited.then(({ name, code }) => {
    if (exiting) return;
    console.error(`npm run dev: the ${name} stopped (exit code ${code}); stopping the other one.`);
    shutdown(1);
  });
}

if (require.main === module) void main();
