/**
 * The whole of Gongzhi on one machine, with no accounts: database, WeChat simulator, BFF, and the
 * mini-program's H5 build behind a small server that forwards API calls. Used by `pnpm start`
 * (dev/stack-cli.ts), the browser tests and the benchmarks.
 */
import { freePort, localBaseUrl, localNotifyUrl } from './free-port';
import path from 'node:path';
import { loadConfig } from '../src/platform/config';
import { startServer } from '../src/main';
import { databaseNameOf, startDatabase, withDatabaseName, type Database } from './database';
import { startH5Server, type H5Server } from './h5-server';
import { seedDemoDistrict } from './seed';
import { DEFAULT_RISKY_WORDS, startWechatSimulator } from './wechat-simulator';
import { startWechatPaySimulatorFor, wechatPayEnv } from './wechatpay-simulator';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface StackOptions {
  /** Keep data here across restarts; omit (or `ephemeral`) for a throwaway database. */
  dataDir?: string;
  ephemeral?: boolean;
  /** A database URI to use instead of starting one (its database name, if any, is kept). */
  mongoUri?: string;
  databaseName?: string;
  bffPort?: number;
  simulatorPort?: number;
  paySimulatorPort?: number;
  h5Port?: number;
  /** Folder of the H5 build to serve; null to serve none. */
  h5Dir?: string | null;
  seed?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Stack {
  mongoUri: string;
  databaseKind: Database['kind'];
  bffUrl: string;
  simulatorUrl: string;
  paySimulatorUrl: string;
  h5Url: string | null;
  appId: string;
  logins: Array<{ login: string; role: string; scope: string }>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };
  try {
    const database: Database = options.mongoUri
      ? { uri: options.mongoUri, kind: 'external', stop: async () => {} }
      : await startDatabase({ dataDir: options.dataDir, ephemeral: options.ephemeral });
    closers.push(() => database.stop());
    const mongoUri = withDatabaseName(database.uri, options.databaseName ?? databaseNameOf(database.uri) ?? 'gongzhi');

    const env = options.env ?? process.env;
    const probe = loadConfig({ ...env, MONGODB_URI: mongoUri });
    const simulator = await startWechatSimulator({
      appId: probe.wechat.appId,
      appSecret: env.WECHAT_APP_SECRET ?? 'dev-app-secret',
      port: options.simulatorPort,
      riskyWords: DEFAULT_RISKY_WORDS,
    });
    closers.push(() => simulator.close());
    const paySimulator = await startWechatPaySimulatorFor(probe, { port: options.paySimulatorPort });
    closers.push(() => paySimulator.close());

    // The BFF's port is chosen first: WeChat Pay's notifications must be addressed to it.
    const bffPort = options.bffPort || (await freePort());
    const config = loadConfig({
      ...env, MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: simulator.url, ...wechatPayEnv(paySimulator),
      WECHATPAY_NOTIFY_URL: env.WECHATPAY_NOTIFY_URL || localNotifyUrl(bffPort), GONGZHI_PUBLIC_BASE_URL: env.GONGZHI_PUBLIC_BASE_URL || localBaseUrl(bffPort),
    });
    simulator.setPush({ url: `${config.wechat.publicBaseUrl}/api/v1/wechat/push`, token: config.secrets.wechatPushToken });
    const seeded = options.seed === false ? { logins: [] } : await seedDemoDistrict(mongoUri, { appId: config.wechat.appId });

    // Free ports unless asked: tests and benchmarks must not collide with a running `pnpm start`.
    const bff = await startServer({ config, mongoUri, port: bffPort });
    closers.push(() => bff.close());

    let h5: H5Server | null = null;
    if (options.h5Dir !== null) {
      h5 = await startH5Server({
        root: options.h5Dir ?? path.join(REPO_ROOT, 'miniapp', 'dist', 'h5'),
        bffUrl: bff.url,
        simulatorUrl: simulator.url,
        paySimulatorUrl: paySimulator.url,
        port: options.h5Port,
      });
      closers.push(() => h5!.close());
    }

    return {
      mongoUri,
      databaseKind: database.kind,
      bffUrl: bff.url,
      simulatorUrl: simulator.url,
      paySimulatorUrl: paySimulator.url,
      h5Url: h5?.url ?? null,
      appId: config.wechat.appId,
      logins: seeded.logins,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
