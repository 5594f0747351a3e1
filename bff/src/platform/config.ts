import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEV_WECHATPAY_MERCHANT_PRIVATE_KEY } from './dev-wechatpay-key';

/**
 * Settings come from config/<env>.json (no secrets) and secrets from the environment.
 * Development and test fall back to the documented dev secrets below; production refuses them.
 */
export const DEV_SECRETS = {
  GONGZHI_JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production-000',
  GONGZHI_FIELD_KEYS: 'dev1:OC9lsNn2dTGzsHbwYU1vsWSc6oig4yy8TpeFH3kKsRE=',
  GONGZHI_FIELD_KEY_ID: 'dev1',
  GONGZHI_BLIND_INDEX_KEY: 'n7MsbWW8PRfXBbL16QYh9h6HoTkvBqG1gpXdHiCQmnI=',
  WECHAT_APP_SECRET: 'dev-app-secret',
  GONGZHI_QR_KEY: 'dev-only-volunteer-qr-key-do-not-use-in-production',
  /** the merchant's API private key (apiclient_key.pem); PEM, or one line with literal \\n */
  WECHATPAY_MERCHANT_PRIVATE_KEY: DEV_WECHATPAY_MERCHANT_PRIVATE_KEY,
  /** APIv3 key (32 characters, set in the merchant console): decrypts notifications and certificates */
  WECHATPAY_API_V3_KEY: 'dev-only-apiv3-key-gongzhi-00000',
  /** the message push token (消息推送 → Token in the mini-program admin console): 3 to 32 letters or digits */
  WECHAT_PUSH_TOKEN: 'devOnlyPushToken2026',
  /** signs the short-lived links WeChat downloads images by for media_check_async */
  GONGZHI_MEDIA_URL_KEY: 'dev-only-media-url-key-do-not-use-in-production',
} as const;

export const WECHAT_PRODUCTION_BASE_URL = 'https://api.weixin.qq.com';
export const WECHATPAY_PRODUCTION_BASE_URL = 'https://api.mch.weixin.qq.com';

const ENVIRONMENTS = ['development', 'test', 'production'] as const;
const base64Key32 = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'must be 32 bytes in base64');

const windowLimit = z.strictObject({ windowSeconds: z.number().int().min(1), max: z.number().int().min(1) });

export const FileConfig = z.strictObject({
  http: z
    .strictObject({
      port: z.number().int().min(0).max(65535),
      corsOrigins: z.array(z.string().url()),
      /** behind a reverse proxy: the client's address is read from X-Forwarded-For */
      trustProxy: z.boolean(),
      /**
       * how many proxies we run in front of the BFF (each appends to X-Forwarded-For): the client is
       * the entry that many places from the right. Entries further left are written by the client.
       */
      maxIpsCount: z.number().int().min(0).max(10),
      jsonLimit: z.string().regex(/^\d+(kb|mb)$/),
    })
    .refine((http) => !http.trustProxy || http.maxIpsCount >= 1, {
      message: 'trustProxy needs maxIpsCount ≥ 1 (the number of trusted proxy hops): with 0 the client chooses its own address',
      path: ['maxIpsCount'],
    }),
  mongo: z.strictObject({ uri: z.string().startsWith('mongodb') }).optional(),
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) }),
  auth: z.strictObject({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    accessTokenTtlSeconds: z.number().int().min(60).max(3600),
    refreshTokenTtlDays: z.number().int().min(1).max(90),
    rateLimit: windowLimit,
  }),
  wechat: z.strictObject({
    apiBaseUrl: z.string().url(),
    appId: z.string(),
    /** where WeChat reaches this BFF from outside (https in production): the links media_check_async downloads by */
    publicBaseUrl: z.string().url(),
    /**
     * Subscribe-message template ids (订阅消息 → 我的模板 in the WeChat admin console), by the name the
     * code uses (bff/src/modules/notifications/templates.ts); each template's keywords must match the data keys built there.
     */
    subscribeTemplates: z.strictObject({
      complaintProgress: z.string(),
      ratingReminder: z.string(),
      overdueAlert: z.string(),
      volunteerShift: z.string(),
      pollReminder: z.string(),
      mutualAid: z.string(),
      proposalProgress: z.string(),
      activity: z.string(),
      enterpriseMatch: z.string(),
      enterpriseCase: z.string(),
      contentReview: z.string(),
    }),
  }),
  /** WeChat Pay API v3 (the merchant's appid is wechat.appId); secrets are in `secrets` */
  wechatPay: z.strictObject({
    apiBaseUrl: z.string().url(),
    mchid: z.string(),
    /** serial number of the merchant API certificate whose private key signs our requests */
    merchantSerialNo: z.string(),
    /** where WeChat Pay posts payment and refund results: our public HTTPS URL in production */
    notifyUrl: z.string(),
    /**
     * how WeChat Pay's signatures are checked: `certificate` (platform certificates downloaded from
     * /v3/certificates) or `publicKey` (the WeChat Pay public key from the merchant console, serial
     * `PUB_KEY_ID_…`, PEM in WECHATPAY_PUBLIC_KEY)
     */
    verification: z.enum(['certificate', 'publicKey']),
    publicKeyId: z.string(),
  }),
  invitations: z.strictObject({ ttlHours: z.number().int().min(1).max(24 * 30) }),
  /** background jobs (outbox delivery, deadline sweep); safe to enable in several processes at once */
  workers: z.strictObject({ enabled: z.boolean(), intervalMs: z.number().int().min(1000).max(3_600_000) }),
  /** uploaded files on local disk: relative to the repo root, or "tmp:<name>" for a folder in the OS temp dir */
  uploads: z.strictObject({
    dir: z.string().min(1),
    /** uploads per person: how fast (POST /uploads per window) */
    rateLimit: windowLimit,
    /** and how much per day: files and bytes per person in 24 hours */
    dailyQuota: z.strictObject({ files: z.number().int().min(1), bytes: z.number().int().min(1) }),
  }),
  /** how computed service hours are rounded before the organiser confirms them (shared/src/volunteer-rules.ts) */
  volunteers: z.strictObject({
    hoursRounding: z.strictObject({ stepHours: z.number().min(0.05).max(1), mode: z.enum(['down', 'nearest', 'up']) }),
  }),
});

const Secrets = z.object({
  jwtSecret: z.string().min(32, 'GONGZHI_JWT_SECRET must be at least 32 characters'),
  fieldKeys: z
    .string()
    .regex(/^[\w-]+:[A-Za-z0-9+/=]+(,[\w-]+:[A-Za-z0-9+/=]+)*$/, 'GONGZHI_FIELD_KEYS must look like "k1:<base64>,k2:<base64>"'),
  fieldKeyId: z.string().min(1),
  blindIndexKey: base64Key32,
  wechatAppSecret: z.string().min(1),
  /** signs the rotating check-in QR codes of volunteer shifts */
  qrKey: z.string().min(32, 'GONGZHI_QR_KEY must be at least 32 characters'),
  wechatPayMerchantPrivateKey: z.string().includes('PRIVATE KEY', { message: 'WECHATPAY_MERCHANT_PRIVATE_KEY must be a PEM private key' }),
  wechatPayApiV3Key: z.string().refine((s) => Buffer.byteLength(s) === 32, 'WECHATPAY_API_V3_KEY must be 32 bytes'),
  wechatPushToken: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'WECHAT_PUSH_TOKEN must be 3 to 32 letters or digits'),
  mediaUrlKey: z.string().min(32, 'GONGZHI_MEDIA_URL_KEY must be at least 32 characters'),
});

export type Config = Omit<z.infer<typeof FileConfig>, 'wechatPay'> & {
  wechatPay: z.infer<typeof FileConfig>['wechatPay'] & { appid: string; publicKey?: string };
  env: (typeof ENVIRONMENTS)[number];
  mongo: { uri: string };
  secrets: z.infer<typeof Secrets>;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const CONFIG_DIR = path.resolve(__dirname, '../../../config');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const envName = env.GONGZHI_ENV ?? env.NODE_ENV ?? 'development';
  if (!(ENVIRONMENTS as readonly string[]).includes(envName)) {
    throw new ConfigError(`Unknown environment "${envName}" (GONGZHI_ENV/NODE_ENV): use ${ENVIRONMENTS.join(', ')}`);
  }
  const isProduction = envName === 'production';
  const file = FileConfig.safeParse(JSON.parse(readFileSync(path.join(CONFIG_DIR, `${envName}.json`), 'utf8')));
  if (!file.success) throw new ConfigError(`config/${envName}.json is invalid:\n${z.prettifyError(file.error)}`);
  const settings = file.data;

  const secret = (name: keyof typeof DEV_SECRETS): string => {
    const value = env[name];
    if (isProduction) {
      if (!value) throw new ConfigError(`${name} is required in production`);
      if (value === DEV_SECRETS[name]) throw new ConfigError(`${name} is the public development default; set a real secret`);
      return value;
    }
    return value || DEV_SECRETS[name];
  };
  const secrets = Secrets.safeParse({
    jwtSecret: secret('GONGZHI_JWT_SECRET'),
    fieldKeys: secret('GONGZHI_FIELD_KEYS'),
    fieldKeyId: secret('GONGZHI_FIELD_KEY_ID'),
    blindIndexKey: secret('GONGZHI_BLIND_INDEX_KEY'),
    wechatAppSecret: secret('WECHAT_APP_SECRET'),
    qrKey: secret('GONGZHI_QR_KEY'),
    wechatPayMerchantPrivateKey: pem(secret('WECHATPAY_MERCHANT_PRIVATE_KEY')),
    wechatPayApiV3Key: secret('WECHATPAY_API_V3_KEY'),
    wechatPushToken: secret('WECHAT_PUSH_TOKEN'),
    mediaUrlKey: secret('GONGZHI_MEDIA_URL_KEY'),
  });
  if (!secrets.success) throw new ConfigError(`Secrets in the environment are invalid:\n${z.prettifyError(secrets.error)}`);
  if (!secrets.data.fieldKeys.split(',').some((k) => k.split(':')[0] === secrets.data.fieldKeyId)) {
    throw new ConfigError('GONGZHI_FIELD_KEY_ID names a key that is not in GONGZHI_FIELD_KEYS');
  }

  const mongoUri = env.MONGODB_URI || settings.mongo?.uri;
  if (!mongoUri) throw new ConfigError('MONGODB_URI is required (no mongo.uri in the config file)');
  const port = env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : settings.http.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT "${env.PORT}" is not a port number`);
  const wechat = {
    apiBaseUrl: env.WECHAT_API_BASE_URL || settings.wechat.apiBaseUrl,
    appId: env.WECHAT_APP_ID || settings.wechat.appId,
    publicBaseUrl: (env.GONGZHI_PUBLIC_BASE_URL || settings.wechat.publicBaseUrl).replace(/\/$/, ''),
    subscribeTemplates: settings.wechat.subscribeTemplates,
  };
  if (isProduction && wechat.apiBaseUrl.replace(/\/$/, '') !== WECHAT_PRODUCTION_BASE_URL) {
    throw new ConfigError(`Production must call ${WECHAT_PRODUCTION_BASE_URL}, not "${wechat.apiBaseUrl}" (a simulator?)`);
  }
  if (!wechat.appId) throw new ConfigError('WECHAT_APP_ID is required (wechat.appId is empty)');
  if (isProduction && !wechat.publicBaseUrl.startsWith('https://')) throw new ConfigError('GONGZHI_PUBLIC_BASE_URL must be an https:// URL in production');
  const wechatPay = readWechatPay(settings.wechatPay, env, wechat.appId, isProduction);
  const corsOrigins = env.GONGZHI_CORS_ORIGINS
    ? env.GONGZHI_CORS_ORIGINS.split(',').map((o) => o.trim())
    : settings.http.corsOrigins;

  return {
    ...settings,
    env: envName as Config['env'],
    http: { ...settings.http, port, corsOrigins },
    mongo: { uri: mongoUri },
    log: { level: (env.GONGZHI_LOG_LEVEL as Config['log']['level']) || settings.log.level },
    wechat,
    wechatPay,
    uploads: { ...settings.uploads, dir: uploadsDir(env.GONGZHI_UPLOADS_DIR || settings.uploads.dir) },
    secrets: secrets.data,
  };
}

function readWechatPay(file: z.infer<typeof FileConfig>['wechatPay'], env: NodeJS.ProcessEnv, appid: string, isProduction: boolean): Config['wechatPay'] {
  const verification = (env.WECHATPAY_VERIFICATION || file.verification) as Config['wechatPay']['verification'];
  if (verification !== 'certificate' && verification !== 'publicKey') {
    throw new ConfigError(`WECHATPAY_VERIFICATION "${verification}" must be certificate or publicKey`);
  }
  const config: Config['wechatPay'] = {
    apiBaseUrl: env.WECHATPAY_API_BASE_URL || file.apiBaseUrl,
    mchid: env.WECHATPAY_MCHID || file.mchid,
    merchantSerialNo: env.WECHATPAY_MERCHANT_SERIAL_NO || file.merchantSerialNo,
    notifyUrl: env.WECHATPAY_NOTIFY_URL || file.notifyUrl,
    verification,
    publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID || file.publicKeyId,
    appid,
    ...(env.WECHATPAY_PUBLIC_KEY ? { publicKey: pem(env.WECHATPAY_PUBLIC_KEY) } : {}),
  };
  if (isProduction) {
    if (config.apiBaseUrl.replace(/\/$/, '') !== WECHATPAY_PRODUCTION_BASE_URL) {
      throw new ConfigError(`Production must call ${WECHATPAY_PRODUCTION_BASE_URL}, not "${config.apiBaseUrl}" (a simulator?)`);
    }
    if (!config.mchid) throw new ConfigError('WECHATPAY_MCHID is required in production (wechatPay.mchid is empty)');
    if (!config.merchantSerialNo) throw new ConfigError('WECHATPAY_MERCHANT_SERIAL_NO is required in production');
    if (!config.notifyUrl.startsWith('https://')) throw new ConfigError('WECHATPAY_NOTIFY_URL must be an https:// URL in production');
  }
  if (config.verification === 'publicKey' && (!config.publicKey || !config.publicKeyId.startsWith('PUB_KEY_ID_'))) {
    throw new ConfigError('WeChat Pay public-key mode needs WECHATPAY_PUBLIC_KEY (PEM) and WECHATPAY_PUBLIC_KEY_ID (PUB_KEY_ID_…)');
  }
  return config;
}

/** A PEM from the environment, where it is often one line with literal \n. */
function pem(value: string): string {
  return value.replace(/\\n/g, '\n');
}

function uploadsDir(dir: string): string {
  if (dir.startsWith('tmp:')) return path.join(os.tmpdir(), dir.slice('tmp:'.length));
  return path.resolve(CONFIG_DIR, '..', dir);
}
