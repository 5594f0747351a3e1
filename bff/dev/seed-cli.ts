/** `pnpm seed`: loads the demo district into MONGODB_URI, or into the local development database. */
import path from 'node:path';
import { loadConfig } from '../src/platform/config';
import { databaseNameOf, startDatabase, withDatabaseName } from './database';
import { seedDemoDistrict } from './seed';

async function main(): Promise<void> {
  // startDatabase uses MONGODB_URI when set; otherwise the same local data folder as `pnpm start`.
  const database = await startDatabase({ dataDir: path.resolve(__dirname, '..', '..', '.data', 'db') });
  try {
    const mongoUri = withDatabaseName(database.uri, databaseNameOf(database.uri) ?? 'gongzhi');
    const config = loadConfig({ ...process.env, MONGODB_URI: mongoUri });
    const { created, logins } = await seedDemoDistrict(mongoUri, { appId: config.wechat.appId });
    console.log(`${created ? 'Loaded' : 'Refreshed'} the demo district in ${mongoUri}. Demo logins:`);
    for (const l of logins) console.log(`  ${l.login.padEnd(22)} ${l.role.padEnd(28)} ${l.scope}`);
  } finally {
    await database.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
