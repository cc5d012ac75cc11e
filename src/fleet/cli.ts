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
