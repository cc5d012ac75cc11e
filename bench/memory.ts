// Long run: thousands of turns through the real server and a local connector, heap measured after a
// forced GC before and after each batch. Flat (or bounded by the documented caps: 10 000 remembered
// activity ids for resend detection, 5 000 remembered threads in the rate limiter) is the goal.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startServer, type ServerOptions } from '../src/server';
import { teamsMessage } from '../test/bot/fakes';
import { CHURN_LOG, THUMBPRINT_LOG } from '../test/bot/samples';
import { startScriptedConnector } from '../test/faults/scriptedConnector';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const PASTES = [CHURN_LOG, THUMBPRINT_LOG, 'junk that is not evidence at all', `${CHURN_LOG}\n${THUMBPRINT_LOG}`];

export async function benchMemory(batches = 6, perBatch = 2_000, concurrency = 16, handler?: ServerOptions['handler']): Promise<void> {
  let delivered = 0;
  const connector = await startScriptedConnector(undefined, { onRequest: () => void delivered++ });
  const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0' });
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (_c, _e, cb) => cb() }) as unknown as { write(s: string): void } });
  const server = await startServer({ ...config, host: '127.0.0.1' }, { clock: () => new Date(), logger }, { outbound: { tenantLimits: false }, handler });
  let seq = 0;
  const oneBatch = async () => {
    let left = perBatch;
    const worker = async () => {
      while (left-- > 0) {
        const i = seq++;
        // A new conversation every few turns, so the limiter and the resend memory both fill up over the run.
        const activity = teamsMessage(PASTES[i % PASTES.length], { kind: i % 2 ? 'channel' : 'personal', id: `mem-${i}`, serviceUrl: connector.serviceUrl });
        activity.conversation = { ...activity.conversation, id: `${activity.conversation?.id}-${Math.floor(i / 3)}` } as typeof activity.conversation;
        const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  try {
    await oneBatch(); // warm-up: JIT, pools, templates
    const rows: Array<{ turns: number; heapMb: number }> = [{ turns: seq, heapMb: heapAfterGc() / 1e6 }];
    for (let b = 0; b < batches; b++) {
      await oneBatch();
      rows.push({ turns: seq, heapMb: heapAfterGc() / 1e6 });
    }
    console.log(`\nMemory (${handler ? 'echo handler' : 'IoT Hub Triage bot'}): heap used after forced GC, ${batches} batches of ${perBatch} turns (after a warm-up batch); ${delivered} connector requests`);
    console.log('| turns so far | heap after GC (MB) | change since first (MB) |');
    console.log('|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.turns} | ${r.heapMb.toFixed(1)} | ${(r.heapMb - rows[0].heapMb).toFixed(1)} |`);
    const lastHalf = rows.slice(Math.floor(rows.length / 2));
    const slope = (lastHalf[lastHalf.length - 1].heapMb - lastHalf[0].heapMb) / Math.max(1, lastHalf[lastHalf.length - 1].turns - lastHalf[0].turns);
    console.log(`\nGrowth over the second half: ${(slope * 1000 * 1000).toFixed(1)} KB per 1000 turns.`);
  } finally {
    await server.close();
    await connector.close();
  }
}
