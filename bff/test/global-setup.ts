import { startDatabase } from '../dev/database';

/** One database server for the whole run; each test file takes its own database on it (test/db.ts). */
export default async function globalSetup(): Promise<void> {
  const db = await startDatabase({ ephemeral: true });
  (globalThis as { __gongzhiTestDb?: typeof db }).__gongzhiTestDb = db;
  process.env.GONGZHI_TEST_MONGO_BASE = db.uri;
}
