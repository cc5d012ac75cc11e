// `npm run bench`: prints benchmark tables. Not part of `npm test` (no timing assertions in tests).
import { benchEngine } from './engine';

async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'engine') benchEngine(process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : undefined);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
