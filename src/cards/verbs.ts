// Universal Actions (Action.Execute) verbs and the data each one carries. The bot routes on `verb`.
import type { Triage, Verdict } from '../triage/types';

export const VERBS = {
  lookupDevice: 'lookupDevice',
  showKql: 'showKql',
  feedback: 'feedback',
  explain: 'explain',
  checkHub: 'checkHub',
  fleetDevice: 'fleetDevice',
  watchHub: 'watchHub',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

export interface LookupDeviceData { deviceId: string }
export interface ShowKqlData { deviceId?: string }
export interface FeedbackData { helpful: boolean; verdict: Verdict }
/** The compact, secret-free triage (see compactTriage) so a stateless bot can explain later. */
export interface ExplainData { triage: Triage }
export interface CheckHubData { hub: string }
/** Drill into one device of a fleet check. */
export interface FleetDeviceData { hub: string; since: string; deviceId: string }
/** This conversation watches the hub (every hour; `watch <hub> every 15m` for another period). */
export interface WatchHubData { hub: string }

export interface VerbData {
  lookupDevice: LookupDeviceData;
  showKql: ShowKqlData;
  feedback: FeedbackData;
  explain: ExplainData;
  checkHub: CheckHubData;
  fleetDevice: FleetDeviceData;
  watchHub: WatchHubData;
}
