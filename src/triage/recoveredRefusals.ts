// A client's bare refusal (no hub code, no reason: "BAD_CREDENTIAL", "Not authorized") that the same device
// gets over within two minutes is a drop it recovered from, not a credential it lacks: the Java SDK's AMQP
// link closed with "Token Invalid." at token expiry and reconnected (azure-iot-sdk-java#365, #180). Such a run
// becomes one SDK-reported drop, which the timeline judges like any other: churn only from a steady rhythm of
// them (timeline.ts), and never "keeps failing". It stays a finding when nothing recovers from it, when the
// "reconnect" is only general words (Wi-Fi or a local broker may say "reconnected"), or when it comes sooner
// after the device's previous refusal than a token's lifetime allows (a retry loop, deviceRules.ts).
import { DEVICE_RULES } from './deviceRules';
import type { ConnEvent } from './events';
import { QUICK_RECONNECT_MS } from './timeline';

const RETRY_GAP_MS = DEVICE_RULES.retryGapMinutes * 60_000;

/** No hub code on it: an event read from a code always carries it (classify.ts). */
function isBareRefusal(e: ConnEvent): boolean {
  return e.kind === 'credentials-rejected' && !e.code;
}

/** Back on the hub: the SDK's own status words, a CONNACK 0, a reauthorisation or a hub log's connect. */
function isBack(e: ConnEvent): boolean {
  return (e.type === 'connected' || e.type === 'reauthorized') && !e.looseConnect;
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
    /** When the device's previous run of refusals began (recovered or not). */
    let previous: number | undefined;
    let runStart: number | undefined;
    const endRun = () => {
      if (runStart !== undefined) previous = runStart;
      run = [];
      runStart = undefined;
    };
    for (const e of list) {
      if (isBareRefusal(e)) {
        if (!run.length) runStart = undefined;
        run.push(e);
        if (runStart === undefined && e.at !== undefined) runStart = e.at;
        continue;
      }
      if (!run.length) continue;
      if (!isBack(e)) {
        // Anything else between a refusal and a reconnect (another error, a drop) ends the run unjudged.
        if (e.kind || e.type !== 'other-error') endRun();
        continue;
      }
      const back = e.at;
      const timed = run.filter((r) => r.at !== undefined);
      const quick = back !== undefined && timed.length > 0 && timed.every((r) => r.at! <= back && back - r.at! <= QUICK_RECONNECT_MS);
      const spaced = previous === undefined || (runStart !== undefined && runStart - previous >= RETRY_GAP_MS);
      if (quick && spaced) {
        run.forEach((r, k) => {
          r.type = 'disconnected';
          r.kind = undefined;
          // One drop, however many lines said it (a status line and the exception under it).
          if (k === 0) r.sdkDrop = true;
        });
        rewritten += run.length;
      }
      endRun();
    }
  }
  return rewritten;
}
