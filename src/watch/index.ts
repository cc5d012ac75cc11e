// Watching a hub from its incident channel: the pure round logic, its state, and the storage port.
export type { SharedDedupe, StoredState, Watch, WatchEveryMinutes, WatchStore } from './port';
export { decideRound, emptyState, POST_MAX_DEVICES, type DecideOptions, type RoundDecision } from './decideRound';
export { withFindings, postCore, type WatchFinding, type WatchPost } from './findings';
export {
  acknowledged,
  idHash,
  parseWatchState,
  serializeWatchState,
  WATCH_STATE_VERSION,
  type WatchChange,
  type WatchPostCore,
  type WatchPostDevice,
  type WatchState,
} from './state';
export { checkNewWatch, withinLimits, type NewWatchCheck, type WatchLimits } from './limits';
export { isDue, nextRunAt, phaseMs } from './schedule';
export { watchStrings, type WatchStrings } from './strings';
export {
  conversationTag,
  createWatchScheduler,
  DEFAULT_WATCH_SINCE,
  leaseName,
  type RoundOutcome,
  type RoundReport,
  type WatchPoster,
  type WatchScheduler,
  type WatchSchedulerOptions,
} from './scheduler';
