import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { LoginResponse } from '@gongzhi/shared';
import { DEFAULT_RISKY_WORDS, DEV_APP_ID, DEV_APP_SECRET, startWechatSimulator, type WechatSimulator } from '../dev/wechat-simulator';
import { startWechatPaySimulatorFor, wechatPayEnv, type WechatPaySimulator } from '../dev/wechatpay-simulator';
import { seedDemoDistrict } from '../dev/seed';
import { freePort, localBaseUrl, localNotifyUrl } from '../dev/free-port';
import { startServer } from '../src/main';
import { loadConfig, type Config } from '../src/platform/config';
import { createLogger } from '../src/platform/logger';
import { testDatabaseUri } from './db';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

// Tests read response bodies loosely on purpose: the assertions are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = any;

export interface ApiResponse<T = LooseJson> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  mongoUri: string;
  config: Config;
  simulator: WechatSimulator;
  /** the WeChat Pay simulator the BFF's config.wechatPay points at (certificate mode) */
  paySimulator: WechatPaySimulator;
  /** JSON request to the BFF; `token` becomes the Bearer header. */
  call<T = LooseJson>(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  /** A multipart photo upload (POST /api/v1/uploads) as the mini-program sends it. */
  upload(token: string, bytes: Buffer, opts?: { filename?: string; type?: string }): Promise<ApiResponse>;
  /** Logs in through the simulator as login name `name` (fresh one-time code each time). */
  login(name: string): Promise<LoginResponse>;
  /** Loads the demo district; returns its communities and units as the API lists them. */
  seed(): Promise<{ communityId: string; unitId: string }>;
  /** Raw documents of a collection, read with the native driver (no mongoose schema in between). */
  rawDocuments(collection: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The WeChat simulator + the BFF on port 0 against a fresh database of the run's server. */
/** `monitorCommands`: the BFF's own connection emits the driver's command events (test/query-plans.ts). */
export async function startTestServer(
  label: string,
  overrides: { config?: DeepPartial<Config>; logger?: Logger; monitorCommands?: boolean } = {},
): Promise<TestServer> {
  const simulator = await startWechatSimulator({ appId: DEV_APP_ID, appSecret: DEV_APP_SECRET, riskyWords: DEFAULT_RISKY_WORDS });
  const mongoUri = testDatabaseUri(label);
  const testEnv = { ...process.env, GONGZHI_ENV: 'test', MONGODB_URI: mongoUri, WECHAT_API_BASE_URL: simulator.url };
  const paySimulator = await startWechatPaySimulatorFor(loadConfig(testEnv));
  // the BFF's port first: WeChat Pay's notifications are addressed to it
  const port = await freePort();
  const base = loadConfig({ ...testEnv, ...wechatPayEnv(paySimulator), WECHATPAY_NOTIFY_URL: localNotifyUrl(port), GONGZHI_PUBLIC_BASE_URL: localBaseUrl(port) });
  simulator.setPush({ url: `${localBaseUrl(port)}/api/v1/wechat/push`, token: base.secrets.wechatPushToken });
  const config = withOverrides(base, overrides.config ?? {});
  const serverUri = overrides.monitorCommands ? `${mongoUri}${mongoUri.includes('?') ? '&' : '?'}monitorCommands=true` : mongoUri;
  const server = await startServer({ config, mongoUri: serverUri, port, logger: overrides.logger });
  const raw = await mongoose.createConnection(mongoUri).asPromise();

  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };

  return {
    url: server.url,
    mongoUri,
    config,
    simulator,
    paySimulator,
    call,
    async upload(token, bytes, { filename = 'photo.png', type = 'image/png' } = {}) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
      const res = await fetch(`${server.url}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async login(name) {
      const res = await call<LoginResponse>('POST', '/api/v1/auth/wechat-login', { body: { code: `dev:${name}:${randomBytes(6).toString('hex')}` } });
      if (res.status !== 200) throw new Error(`login as ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async seed() {
      await seedDemoDistrict(mongoUri, { appId: config.wechat.appId });
      const communities = await call('GET', '/api/v1/communities');
      const units = await call('GET', '/api/v1/units');
      return { communityId: communities.body.items[0].id, unitId: units.body.items[0].id };
    },
    rawDocuments: (collection) => raw.db!.collection(collection).find({}).toArray(),
    async close() {
      await raw.close();
      await server.close();
      await simulator.close();
      await paySimulator.close();
    },
  };
}

/** A logger whose output the test can read back, to prove what never gets logged. */
export function captureLogs(): { logger: Logger; text(): string } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

/** The config with the fields of `patch` put in, at any depth. */
export function withOverrides(config: Config, patch: DeepPartial<Config>): Config {
  return merge(config, patch) as Config;
}

function merge(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}
