// The real server (restify + CloudAdapter + TriageBot) on a loopback port with hand-built services,
// for the fault, hostile-input and load runs.
import type { BotServices } from '../../src/bot/services';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { captureLogs, type CapturedLogs } from '../bot/fakes';

export interface BotUnderTest {
  server: RunningServer;
  logs: CapturedLogs;
  /** POST an activity; `boundMs` is a hang guard (Teams resends after ~15 s), not a speed check. */
  post(activity: unknown, opts?: { headers?: Record<string, string>; boundMs?: number }): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startBot(
  opts: { env?: Record<string, string>; services?: Partial<BotServices>; server?: ServerOptions; logs?: CapturedLogs } = {},
): Promise<BotUnderTest> {
  const logs = opts.logs ?? captureLogs();
  const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0', ...opts.env });
  const services: BotServices = { clock: () => new Date(), logger: logs.logger, ...opts.services };
  const server = await startServer({ ...config, host: '127.0.0.1' }, services, opts.server);
  return {
    server,
    logs,
    post: async (activity, o = {}) => {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...o.headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
        signal: AbortSignal.timeout(o.boundMs ?? 15_000),
      });
      return { status: res.status, text: await res.text() };
    },
    close: () => server.close(),
  };
}

/** The message replies (not typing) a connector received, in arrival order. */
export function messages<T extends { body: Record<string, unknown> }>(requests: T[]): T[] {
  return requests.filter((r) => r.body.type === 'message');
}
