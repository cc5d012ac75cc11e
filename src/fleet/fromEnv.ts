// Picks the fleet source from the environment: a Log Analytics workspace (LOG_ANALYTICS_WORKSPACE_ID) or,
// resource-centric, the IoT Hub's own resource id (IOTHUB_RESOURCE_ID). Auth is Entra ID only:
// DefaultAzureCredential (managed identity in Azure, developer sign-in locally) with the Log Analytics
// Reader role. Nothing usable configured -> undefined (the bot then hides "Check the whole hub").
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { createLogAnalyticsFleetSource, hubFromResourceId } from './logAnalytics';
import type { FleetSource } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function set(v: string | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function isWorkspaceId(v: string): boolean {
  return GUID.test(v);
}

export function createFleetSourceFromEnv(
  env: Record<string, string | undefined>,
  opts: { credential?: TokenCredential; timeoutMs?: number } = {},
): FleetSource | undefined {
  const workspaceId = set(env.LOG_ANALYTICS_WORKSPACE_ID);
  const resourceId = set(env.IOTHUB_RESOURCE_ID);
  const useWorkspace = workspaceId !== undefined && isWorkspaceId(workspaceId);
  const useResource = !useWorkspace && resourceId !== undefined && hubFromResourceId(resourceId) !== undefined;
  // A malformed value is reported by the start-up config check; here it just means "not available".
  if (!useWorkspace && !useResource) return undefined;
  return createLogAnalyticsFleetSource({
    credential: opts.credential ?? new DefaultAzureCredential(),
    ...(useWorkspace ? { workspaceId } : { resourceId }),
    timeoutMs: opts.timeoutMs,
  });
}
