// `iothub-triage --hub NAME --workspace ID --since 24h --changes-since FILE [--json] [--lang en|nl]`:
// one watch round from a script or cron job. Prints what the watch would post (nothing when nothing got
// worse), then writes the new state to FILE (created when missing). A failed query or a partial result
// leaves FILE as it was. Exit 0 when the round ran; 2 for usage errors; 1 for I/O errors or a failed query.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import { resolveFleetSource } from '../fleet/cli';
import { FLEET_USAGE, type FleetCliArgs, type FleetCliIo } from '../fleet/cliArgs';
import { DEFAULT_FLEET_SINCE, parseHubCommand } from '../fleet/parse';
import { bucketOf } from '../fleet/summaries';
import { fleetTextReport } from '../fleet/textReport';
import type { FleetSource } from '../fleet/types';
import { isFleetSince } from '../triage/fleetKql';
import { decideRound } from './decideRound';
import { acknowledged, parseWatchState, serializeWatchState, type WatchState } from './state';
import { watchStrings } from './strings';
import { watchPostText } from './textReport';

export interface WatchCliDeps {
  credential?: TokenCredential;
  source?: FleetSource;
  timeoutMs?: number;
  clock?: () => Date;
}

function readState(file: string): { ok: true; state?: WatchState } | { ok: false; message: string } {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { ok: true };
    return { ok: false, message: `cannot read ${file}: ${err.code ?? err.message.split('\n')[0]}` };
  }
  const state = parseWatchState(json);
  if (!state) return { ok: false, message: `${file} is not a watch state file written by this version (delete it to start afresh)` };
  return { ok: true, state };
}

/** Written beside the file, then renamed over it: a crash never leaves half a state. */
function writeState(file: string, json: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${json}\n`, { encoding: 'utf8', mode: 0o600 });
  renameSync(tmp, file);
}

export async function runWatchCli(args: FleetCliArgs & { changesSince: string }, io: FleetCliIo, env: Record<string, string | undefined>, deps: WatchCliDeps = {}): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr(`iothub-triage: ${message.split('\n')[0]}\n`);
    return code;
  };
  const s = watchStrings(args.lang);
  const parsed = parseHubCommand(`${args.hub ?? ''} ${args.since || DEFAULT_FLEET_SINCE}`, args.lang);
  if (!parsed.ok) return fail(parsed.message, 2);
  if (!isFleetSince(parsed.since)) return fail(FLEET_USAGE, 2);
  if (!args.changesSince) return fail('--changes-since needs a file', 2);
  // The state file is checked before any query: a wrong file must not cost a round.
  const read = readState(args.changesSince);
  if (!read.ok) return fail(read.message, 1);
  if (read.state && read.state.hub !== parsed.hub) return fail(`${args.changesSince} holds the watch state of hub ${read.state.hub}, not ${parsed.hub}`, 2);
  const resolved = await resolveFleetSource(args, env, deps);
  if (!resolved.ok) return fail(resolved.message, 2);
  const outcome = await resolved.source.check({ hub: parsed.hub, since: parsed.since });
  if (!outcome.ok) return fail(fleetTextReport(outcome, args.lang), 1);

  const decision = decideRound(read.state, outcome.result, (deps.clock ?? (() => new Date()))(), { lang: args.lang });
  if (decision.skipped) {
    const message = outcome.result.partial?.message ?? 'partial result';
    io.stderr(`iothub-triage: ${s.skipped(message)}\n`);
    if (args.json) io.stdout(`${JSON.stringify({ post: null, skipped: 'partial', message })}\n`);
    return 0;
  }
  // Printing is the delivery: the state is stored acknowledged, and before the post is printed, so a
  // failed write does not print a post the next run would print again.
  try {
    writeState(args.changesSince, serializeWatchState(acknowledged(decision.state)));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail(`cannot write ${args.changesSince}: ${err.code ?? err.message.split('\n')[0]}`, 1);
  }
  const r = outcome.result;
  const churn = r.devices.filter((d) => bucketOf(d.verdict) === 'churn').length;
  const counts = { credential: decision.state.count, churn: Math.max(r.totals.churn, churn), devices: r.totals.devices };
  if (args.json) io.stdout(`${JSON.stringify({ post: decision.post ?? null, ...counts }, null, 2)}\n`);
  else if (decision.post) io.stdout(`${watchPostText(decision.post, args.lang)}\n`);
  else io.stderr(`iothub-triage: ${s.nothing(counts.credential, counts.churn)}\n`);
  return 0;
}
