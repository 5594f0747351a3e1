/**
 * A BFF in a process of its own, for tests that need two processes sharing nothing but the database.
 * argv: `<mongoUri> <wechatBaseUrl>`; env GONGZHI_TEST_CONFIG: JSON of config fields to override.
 * Prints `LISTENING <url>` when ready (bench/child-server.ts spawns it); stops on SIGTERM.
 */
import { loadConfig } from '../src/platform/config';
import { startServer } from '../src/main';
import { withOverrides } from './http';

async function main(): Promise<void> {
  const [mongoUri, wechatUrl] = process.argv.slice(2) as [string, string];
  const loaded = loadConfig({ ...process.env, GONGZHI_ENV: 'test', MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: wechatUrl });
  const config = withOverrides(loaded, JSON.parse(process.env.GONGZHI_TEST_CONFIG || '{}'));
  const server = await startServer({ config, mongoUri, port: 0 });
  process.once('SIGTERM', () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  console.log(`LISTENING ${server.url}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
