/**
 * Builds the local database ahead of time (CI runs this before the tests, so the build is not timed as
 * a test): the PostgreSQL extensions, FerretDB, then one throwaway start and stop to prove they work.
 */
import { ensureEngine, startDatabase } from './database';

const log = (line: string) => console.log(`[database] ${line}`);

async function main(): Promise<void> {
  const started = Date.now();
  const binary = await ensureEngine(log);
  log(`FerretDB ready: ${binary} (${Math.round((Date.now() - started) / 1000)} s)`);
  const t0 = Date.now();
  const db = await startDatabase({ ephemeral: true, log });
  await db.stop();
  log(`a throwaway cluster started and stopped (${((Date.now() - t0) / 1000).toFixed(1)} s); done`);
}

main().catch((err: Error) => {
  console.error(`[database] the local database could not be prepared: ${err.message}`);
  process.exit(1);
});
