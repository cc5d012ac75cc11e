// `npm run bench`: prints benchmark tables. Not part of `npm test` (no timing assertions in tests).
// `npm run bench -- <engine|cards|turn|cli|load|faults|memory>` runs one of them.
// Each bench is imported only when it runs: the faults bench loads nock, which patches Node's http
// for the whole process and would slow every request the load bench makes.

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'engine') (await import('./engine')).benchEngine(process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : undefined);
  if (!only || only === 'cards') (await import('./cards')).benchCards();
  if (!only || only === 'turn') await (await import('./turn')).benchTurn();
  if (!only || only === 'cli') (await import('./cli')).benchCli();
  if (!only || only === 'load') {
    await (await import('./load')).benchLoad(process.env.BENCH_LOAD_CONVERSATIONS ? { conversations: Number(process.env.BENCH_LOAD_CONVERSATIONS) } : {});
  }
  if (!only || only === 'faults') await (await import('./faults')).benchFaults();
  if (!only || only === 'memory') await (await import('./memory')).benchMemory(Number(process.env.BENCH_MEMORY_BATCHES ?? 6), Number(process.env.BENCH_MEMORY_TURNS ?? 2_000));
  if (only === 'memory-echo') {
    // The same run with a trivial echo handler: what the hosting stack alone keeps.
    await (await import('./memory')).benchMemory(Number(process.env.BENCH_MEMORY_BATCHES ?? 6), Number(process.env.BENCH_MEMORY_TURNS ?? 2_000), 16, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity({ type: 'message', text: 'ok' });
    });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
