// `iothub-triage --hub NAME --workspace ID --since 24h [--json] [--lang en|nl]`: the fleet check from a
// terminal. Exit 0 with any verdict; 2 for usage errors; 1 when the query could not be run.
import type { TokenCredential } from '@azure/identity';
import { isFleetSince } from '../triage/fleetKql';
import { isWorkspaceId } from './fromEnv';
import { createLogAnalyticsFleetSource, hubFromResourceId } from './logAnalytics';
import { FLEET_USAGE, type FleetCliArgs, type FleetCliIo } from './cliArgs';
import { DEFAULT_FLEET_SINCE, parseHubCommand } from './parse';
import { fleetTextReport } from './textReport';
import type { FleetSource } from './types';

export { FLEET_USAGE, parseFleetArgs, type FleetCliArgs, type FleetCliIo } from './cliArgs';

/** The fleet source the CLI's flags and environment name; a usage problem otherwise (exit 2). */
export async function resolveFleetSource(
  args: Pick<FleetCliArgs, 'workspace'>,
  env: Record<string, string | undefined>,
  deps: { credential?: TokenCredential; source?: FleetSource; timeoutMs?: number } = {},
): Promise<{ ok: true; source: FleetSource } | { ok: false; message: string }> {
  if (deps.source) return { ok: true, source: deps.source };
  const target = (args.workspace || env.LOG_ANALYTICS_WORKSPACE_ID || env.IOTHUB_RESOURCE_ID || '').trim();
  if (!target) return { ok: false, message: `--workspace (or LOG_ANALYTICS_WORKSPACE_ID) is required\n${FLEET_USAGE}` };
  const isResource = hubFromResourceId(target) !== undefined;
  if (!isWorkspaceId(target) && !isResource) return { ok: false, message: '--workspace must be a workspace id (a GUID) or an IoT Hub resource id' };
  let credential = deps.credential;
  if (!credential) {
    // Loaded only here, so `--help` and usage errors never touch the identity library.
    const { DefaultAzureCredential } = await import('@azure/identity');
    credential = new DefaultAzureCredential();
  }
  return { ok: true, source: createLogAnalyticsFleetSource({ credential, ...(isResource ? { resourceId: target } : { workspaceId: target }), timeoutMs: deps.timeoutMs }) };
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
  const resolved = await resolveFleetSource(args, env, deps);
  if (!resolved.ok) return fail(resolved.message, 2);
  const outcome = await resolved.source.check({ hub: parsed.hub, since: parsed.since, ...(args.deviceId ? { deviceId: args.deviceId } : {}) });
  if (!outcome.ok) return fail(fleetTextReport(outcome, args.lang), 1);
  io.stdout(args.json ? `${JSON.stringify(outcome.result, null, 2)}\n` : `${fleetTextReport(outcome, args.lang)}\n`);
  return 0;
}
