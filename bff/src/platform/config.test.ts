import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { DEV_SECRETS, FileConfig, loadConfig, WECHAT_PRODUCTION_BASE_URL } from './config';

const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const wechatPayKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

const realSecrets = {
  GONGZHI_JWT_SECRET: 'p'.repeat(48),
  GONGZHI_FIELD_KEYS: `k7:${Buffer.alloc(32, 7).toString('base64')}`,
  GONGZHI_FIELD_KEY_ID: 'k7',
  GONGZHI_BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  WECHAT_APP_SECRET: 'real-app-secret',
  GONGZHI_QR_KEY: 'q'.repeat(40),
  WECHAT_APP_ID: 'wx1234567890abcdef',
  MONGODB_URI: 'mongodb://db.internal:27017/gongzhi',
  WECHATPAY_MERCHANT_PRIVATE_KEY: merchantKey.replace(/\n/g, '\\n'),
  WECHATPAY_API_V3_KEY: 'v'.repeat(32),
  WECHAT_PUSH_TOKEN: 'realPushToken42',
  GONGZHI_MEDIA_URL_KEY: 'm'.repeat(40),
  GONGZHI_PUBLIC_BASE_URL: 'https://gongzhi.example.gov.cn',
  WECHATPAY_MCHID: '1230000109',
  WECHATPAY_MERCHANT_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_NOTIFY_URL: 'https://gongzhi.example.gov.cn/api/v1/payments/wechatpay/notify',
  WECHATPAY_PUBLIC_KEY: wechatPayKey,
  WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0112340000000000000000000000',
};
const production = (env: Record<string, string | undefined> = {}) => () => loadConfig({ GONGZHI_ENV: 'production', ...realSecrets, ...env });

describe('configuration', () => {
  it('when development starts with no secrets, then it uses the documented dev defaults', () => {
    const config = loadConfig({ GONGZHI_ENV: 'development' });
    expect(config.secrets.jwtSecret).toBe(DEV_SECRETS.GONGZHI_JWT_SECRET);
    expect(config.wechat.appId).toBe('wxdev0000gongzhi');
  });

  it('when PORT, MONGODB_URI and WECHAT_API_BASE_URL are set, then they override the file', () => {
    const config = loadConfig({ GONGZHI_ENV: 'development', PORT: '4567', MONGODB_URI: 'mongodb://h:1/x', WECHAT_API_BASE_URL: 'http://127.0.0.1:9' });
    expect([config.http.port, config.mongo.uri, config.wechat.apiBaseUrl]).toEqual([4567, 'mongodb://h:1/x', 'http://127.0.0.1:9']);
  });

  it('when production has real secrets and the WeChat host, then it starts', () => {
    expect(production()().wechat.apiBaseUrl).toBe(WECHAT_PRODUCTION_BASE_URL);
  });

  it('when production has the WeChat Pay material, then the merchant key arrives as a multi-line PEM', () => {
    const config = production()();
    expect(config.secrets.wechatPayMerchantPrivateKey).toBe(merchantKey);
    expect(config.wechatPay).toMatchObject({ verification: 'publicKey', mchid: '1230000109', appid: 'wx1234567890abcdef' });
  });

  it.each(['WECHATPAY_MCHID', 'WECHATPAY_MERCHANT_SERIAL_NO', 'WECHATPAY_NOTIFY_URL', 'WECHATPAY_PUBLIC_KEY', 'WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_API_V3_KEY'])(
    'when production misses %s, then it refuses',
    (name) => expect(production({ [name]: undefined })).toThrow(new RegExp(name)),
  );

  it('when production points WeChat Pay at a simulator, then it refuses to start', () => {
    expect(production({ WECHATPAY_API_BASE_URL: 'http://127.0.0.1:9302' })).toThrow(/simulator/);
  });

  it('when production points at a simulator, then it refuses to start', () => {
    expect(production({ WECHAT_API_BASE_URL: 'http://127.0.0.1:9301' })).toThrow(/simulator/);
  });

  it.each(Object.keys(DEV_SECRETS) as Array<keyof typeof DEV_SECRETS>)('when production uses the dev default %s, then it refuses', (name) => {
    const env = name === 'GONGZHI_FIELD_KEYS' ? { GONGZHI_FIELD_KEYS: DEV_SECRETS.GONGZHI_FIELD_KEYS, GONGZHI_FIELD_KEY_ID: 'dev1' } : { [name]: DEV_SECRETS[name] };
    expect(production(env)).toThrow(new RegExp(name));
  });

  it.each(['GONGZHI_JWT_SECRET', 'GONGZHI_FIELD_KEYS', 'GONGZHI_BLIND_INDEX_KEY', 'WECHAT_APP_SECRET', 'MONGODB_URI', 'WECHAT_APP_ID'])(
    'when production misses %s, then it refuses',
    (name) => {
      expect(production({ [name]: undefined })).toThrow(new RegExp(name));
    },
  );

  it('when the current key id is not in the key ring, then it refuses', () => {
    expect(production({ GONGZHI_FIELD_KEY_ID: 'k8' })).toThrow(/GONGZHI_FIELD_KEY_ID/);
  });

  it('when production runs behind its one proxy, then the client is the X-Forwarded-For entry that proxy appended', () => {
    expect(production()().http).toMatchObject({ trustProxy: true, maxIpsCount: 1 });
  });

  it('when a config file trusts the proxy but counts no proxy hops, then it is refused: the client would choose its own address', () => {
    const file = JSON.parse(readFileSync(path.join(__dirname, '../../../config/production.json'), 'utf8'));
    expect(FileConfig.safeParse(file).success).toBe(true);
    const parsed = FileConfig.safeParse({ ...file, http: { ...file.http, maxIpsCount: 0 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['http', 'maxIpsCount'] });
    expect(FileConfig.safeParse({ ...file, http: { ...file.http, trustProxy: false, maxIpsCount: 0 } }).success).toBe(true);
  });

  it('when the environment name is unknown, then the error says which ones exist', () => {
    expect(() => loadConfig({ GONGZHI_ENV: 'staging' })).toThrow(/development, test, production/);
  });
});
