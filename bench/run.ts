// `npm run bench`: prints benchmark tables. Not part of `npm test` (no timing assertions in tests).
// `npm run bench -- <engine|cards|cli|load|faults|memory>` runs one of them.
import { benchCards } from './cards';
import { benchCli } from './cli';
import { benchEngine } from './engine';
import { benchFaults } from './faults';
import { benchLoad } from './load';
import { benchMemory } from './memory';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'engine') benchEngine(process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : undefined);
  if (!only || only === 'cards') benchCards();
  if (!only || only === 'cli') benchCli();
  if (!only || only === 'load') {
    await benchLoad(process.env.BENCH_LOAD_CONVERSATIONS ? { conversations: Number(process.env.BENCH_LOAD_CONVERSATIONS) } : {});
  }
  if (!only || only === 'faults') await benchFaults();
  if (!only || only === 'memory') await benchMemory(Number(process.env.BENCH_MEMORY_BATCHES ?? 6), Number(process.env.BENCH_MEMORY_TURNS ?? 2_000));
  if (only === 'memory-echo') {
    // The same run with a trivial echo handler: what the hosting stack alone keeps.
    await benchMemory(Number(process.env.BENCH_MEMORY_BATCHES ?? 6), Number(process.env.BENCH_MEMORY_TURNS ?? 2_000), 16, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity({ type: 'message', text: 'ok' });
    });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
