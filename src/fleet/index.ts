// Fleet-wide triage: Log Analytics counts per device, the engine's rules judge each device.
export type { FleetDevice, FleetFailure, FleetOutcome, FleetQueryOptions, FleetResult, FleetSource, FleetTotals } from './types';
export { createFleetSourceFromEnv } from './fromEnv';
export { createLogAnalyticsFleetSource, DEFAULT_FLEET_TIMEOUT_MS, type LogAnalyticsFleetOptions } from './logAnalytics';
export { parseHubCommand, DEFAULT_FLEET_SINCE } from './parse';
export { fleetResultFromTables, bucketOf, type FleetTable } from './summaries';
export { fleetTextReport } from './textReport';
export { runFleetCli, parseFleetArgs, FLEET_USAGE, type FleetCliArgs, type FleetCliIo } from './cli';
export { FLEET_SINCE, type FleetSince } from '../triage/fleetKql';
