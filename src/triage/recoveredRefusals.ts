// A client's bare refusal (no hub code, no reason: "BAD_CREDENTIAL", "Not authorized", an HTTP 401) that the
// same device gets over within two minutes is a drop it recovered from, not a credential it lacks: the Java
// SDK's AMQP link closed with "Token Invalid." at token expiry and reconnected (azure-iot-sdk-java#365, #180).
// Such a run becomes one SDK-reported drop, which the timeline judges like any other: churn only from a steady
// rhythm of them (timeline.ts), and never "keeps failing". A refusal nothing recovers from stays a finding.
import type { ConnEvent } from './events';

/** The same window the timeline allows an SDK-reported drop to be back in (timeline.ts QUICK_RECONNECT_MS). */
const RECOVERED_WITHIN_MS = 120_000;

function isBareRefusal(e: ConnEvent): boolean {
  return e.kind === 'credentials-rejected' && !e.code && !e.details.errorCode;
}

function isBack(e: ConnEvent): boolean {
  return e.type === 'connected' || e.type === 'reauthorized';
}

/** Rewrites, in place, the runs of bare refusals a reconnect of the same device follows within the window. */
export function recoverRefusals(events: ConnEvent[]): number {
  const byDevice = new Map<string, ConnEvent[]>();
  for (const e of events) {
    const key = `${e.deviceId ?? ''}\u0000${e.moduleId ?? ''}`;
    let list = byDevice.get(key);
    if (!list) byDevice.set(key, (list = []));
    list.push(e);
  }
  let rewritten = 0;
  for (const list of byDevice.values()) {
    let run: ConnEvent[] = [];
    for (const e of list) {
      if (isBareRefusal(e)) {
        run.push(e);
        continue;
      }
      if (!isBack(e) || !run.length) {
        // Anything else between a refusal and a reconnect (another error, a drop) ends the run unjudged.
        if (e.kind || e.type !== 'other-error') run = [];
        continue;
      }
      const started = run.find((r) => r.at !== undefined)?.at;
      if (started !== undefined && e.at !== undefined && e.at >= started && e.at - started <= RECOVERED_WITHIN_MS) {
        run.forEach((r, k) => {
          r.type = 'disconnected';
          r.kind = undefined;
          // One drop, however many lines said it (a status line and the exception under it).
          if (k === 0) r.sdkDrop = true;
        });
        rewritten += run.length;
      }
      run = [];
    }
  }
  return rewritten;
}
