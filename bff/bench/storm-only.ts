/**
 * Only the sign-up storm of `pnpm bench` (issue 4), for working on it without the minutes the other
 * benches take: `cd bff && npx tsx bench/storm-only.ts`. Starts the stack as bench/run.ts does.
 * BENCH_STORM_RUNS=n repeats the storm n times (a fresh database each), to catch a hang that comes
 * only sometimes.
 */
import { startStack } from '../dev/stack';
import { benchSignupStorm } from './signup-storm';

async function main(): Promise<void> {
  const stack = await startStack({
    ephemeral: true,
    h5Dir: null,
    mongoUri: process.env.MONGODB_URI,
    databaseName: 'bench_storm_only',
    env: { ...process.env, GONGZHI_LOG_LEVEL: 'silent' },
  });
  try {
    const runs = Number(process.env.BENCH_STORM_RUNS ?? 1);
    for (let i = 1; i <= runs; i++) {
      if (runs > 1) console.log(`— storm ${i} of ${runs}`);
      await benchSignupStorm(stack);
    }
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
