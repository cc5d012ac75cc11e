// `iothub-triage --hub NAME --workspace ID --since 24h [--json] [--lang en|nl]`: the fleet check from a
// terminal. Exit 0 with any verdict; 2 for usage errors; 1 when the query could not be run.
import type { TokenCredential } from '@azure/identity';
import { isFleetSince } from '../triage/fleetKql';
import type { Lang } from '../triage/types';
import { isWorkspaceId } from './fromEnv';
import { createLogAnalyticsFleetSource, hubFromResourceId } from './logAnalytics';
import { DEFAULT_FLEET_SINCE, parseHubCommand } from './parse';
import { fleetTextReport } from './textReport';
import type { FleetSource } from './types';

export const FLEET_USAGE = 'usage: iothub-triage --hub NAME [--workspace ID|HUB-RESOURCE-ID] [--since 1h|6h|12h|24h|3d|7d] [--device ID] [--json] [--lang en|nl]';

export interface FleetCliArgs {
  hub: string;
  workspace: string;
  since: string;
  json: boolean;
  lang: Lang;
  deviceId?: string;
}

export interface FleetCliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Parse the fleet flags; the lead's CLI calls this when argv holds --hub. */
export function parseFleetArgs(argv: string[]): { ok: true; args: FleetCliArgs } | { ok: false; message: string } {
  const args: FleetCliArgs = { hub: '', workspace: '', since: DEFAULT_FLEET_SINCE, json: false, lang: 'en' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--json') args.json = true;
    else if (a === '--hub' || a === '--workspace' || a === '--since' || a === '--lang' || a === '--device') {
      const v = value();
      if (v === undefined) return { ok: false, message: `${a} needs a value` };
      if (a === '--hub') args.hub = v;
      else if (a === '--workspace') args.workspace = v;
      else if (a === '--since') args.since = v;
      else if (a === '--device') args.deviceId = v;
      else if (v === 'en' || v === 'nl') args.lang = v;
      else return { ok: false, message: `--lang must be en or nl, got "${v.slice(0, 20)}"` };
    } else return { ok: false, message: `unknown option ${a.slice(0, 40)}` };
  }
  if (!args.hub) return { ok: false, message: '--hub is required' };
  return { ok: true, args };
}

export async function runFleetCli(
  args: FleetCliArgs,
  io: FleetCliIo,
  env: Record<string, string | undefined>,
  deps: { credential?: TokenCredential; source?: FleetSource; timeoutMs?: number } = {},
): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr(`iothub-triage: ${message.split('\n')[0]}\n`);
    return code;
  };
  const parsed = parseHubCommand(`${args.hub ?? ''} ${args.since || DEFAULT_FLEET_SINCE}`, args.lang);
  if (!parsed.ok) return fail(`${parsed.message}\n`, 2);
  if (!isFleetSince(parsed.since)) return fail(FLEET_USAGE, 2);
  const target = (args.workspace || env.LOG_ANALYTICS_WORKSPACE_ID || env.IOTHUB_RESOURCE_ID || '').trim();
  let source = deps.source;
  if (!source) {
    if (!target) return fail(`--workspace (or LOG_ANALYTICS_WORKSPACE_ID) is required\n${FLEET_USAGE}`, 2);
    const isResource = hubFromResourceId(target) !== undefined;
    if (!isWorkspaceId(target) && !isResource) return fail('--workspace must be a workspace id (a GUID) or an IoT Hub resource id', 2);
    let credential = deps.credential;
    if (!credential) {
      // Loaded only here, so `--help` and usage errors never touch the identity library.
      const { DefaultAzureCredential } = await import('@azure/identity');
      credential = new DefaultAzureCredential();
    }
    source = createLogAnalyticsFleetSource({ credential, ...(isResource ? { resourceId: target } : { workspaceId: target }), timeoutMs: deps.timeoutMs });
  }
  const outcome = await source.check({ hub: parsed.hub, since: parsed.since, ...(args.deviceId ? { deviceId: args.deviceId } : {}) });
  if (!outcome.ok) return fail(fleetTextReport(outcome, args.lang), 1);
  io.stdout(args.json ? `${JSON.stringify(outcome.result, null, 2)}\n` : `${fleetTextReport(outcome, args.lang)}\n`);
  return 0;
}
