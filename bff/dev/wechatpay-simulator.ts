/**
 * A WeChat Pay API v3 simulator for development and tests: real SHA256withRSA signatures both ways,
 * AEAD_AES_256_GCM resources, orders and refunds in memory, notifications posted to notify_url, and
 * `/dev/…` controls to pay, cancel, expire, repeat, hold, reorder and forge. Loopback only.
 */
import { createHash, createPublicKey, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../src/platform/config';
import { tradeBillCsv } from './wechatpay-sim/bill';
import { encryptResource, platformIdentity, parseAuthorization, randomNonce, signSha256Rsa, verifySha256Rsa, type PlatformIdentity } from './wechatpay-sim/crypto';
import { answerText, fault, parseJson, readBody, send, type PayAnswer } from './wechatpay-sim/http';
import { beijingTime, createLedger, PayFault, type SimOrder, type SimRefund } from './wechatpay-sim/ledger';
import { createNotifier, FORGERIES, refundResource, transactionResource, type Forgery, type PayEvent, type SentNotification } from './wechatpay-sim/notifications';
import { payPageHtml, returnWith, safeReturnUrl } from './wechatpay-sim/pay-page';

export { FORGERIES, type Forgery, type SentNotification } from './wechatpay-sim/notifications';
export { TRADE_BILL_COLUMNS } from './wechatpay-sim/bill';

/** The host WeChat Pay's own download URLs name; merchants sign the path, so the simulator keeps it. */
const WECHATPAY_HOST = 'https://api.mch.weixin.qq.com';
const REQUEST_CLOCK_SKEW_S = 300;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export type VerificationMode = 'certificate' | 'publicKey';

export interface WechatPaySimulatorOptions {
  mchid: string;
  appid: string;
  apiV3Key: string;
  /** PEM of the merchant's public key: every /v3 request must be signed by its private half */
  merchantPublicKey: string;
  merchantSerialNo: string;
  /** which serial the simulator signs under: its certificate's or its PUB_KEY_ID_… (default certificate) */
  verification?: VerificationMode;
  port?: number;
  host?: string;
  now?: () => number;
}

export interface NotifyRequest {
  outTradeNo: string;
  event?: PayEvent;
  outRefundNo?: string;
  forgery?: Forgery;
  times?: number;
  concurrent?: boolean;
  resign?: boolean;
  delayMs?: number;
}

export interface WechatPaySimulator {
  url: string;
  /** what a merchant configures to check the simulator's signatures */
  platform: Pick<PlatformIdentity, 'certificatePem' | 'certificateSerial' | 'publicKeyPem' | 'publicKeyId'>;
  setVerification(mode: VerificationMode): void;
  order(outTradeNo: string): SimOrder;
  /** The payer pays; TRANSACTION.SUCCESS goes to notify_url (unless `notify: false`). */
  pay(outTradeNo: string, opts?: { notify?: boolean }): Promise<SentNotification[]>;
  cancel(outTradeNo: string): void;
  expire(outTradeNo: string): void;
  notify(request: NotifyRequest): Promise<SentNotification[]>;
  holdNotifications(): void;
  releaseNotifications(order?: 'fifo' | 'reverse'): Promise<SentNotification[]>;
  sent(): SentNotification[];
  /** Resolves once the notifications the simulator sent on its own (refund results) were answered. */
  whenIdle(): Promise<void>;
  /** The next `times` calls whose path starts with `pathPrefix` answer this fault instead. */
  failNext(pathPrefix: string, answer?: { status?: number; code?: string; message?: string; times?: number }): void;
  /** The next answer under `pathPrefix` is changed after it was signed (a man in the middle). */
  tamperNextResponse(pathPrefix: string): void;
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** /v3 routes need the merchant's signature; /dev routes are the tester's */
  signed: boolean;
  handle(param: string, url: URL, body: string, req: IncomingMessage): Promise<PayAnswer> | PayAnswer;
}

export async function startWechatPaySimulator(opts: WechatPaySimulatorOptions): Promise<WechatPaySimulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the WeChat Pay simulator listens on loopback only, not on ${host}`);
  const now = opts.now ?? Date.now;
  const platform = platformIdentity();
  let mode: VerificationMode = opts.verification ?? 'certificate';
  const serial = () => (mode === 'certificate' ? platform.certificateSerial : platform.publicKeyId);
  const ledger = createLedger(now);
  const notifier = createNotifier({ mchid: opts.mchid, appid: opts.appid, apiV3Key: opts.apiV3Key, platformKey: platform.privateKey, serial, now });
  const failures: Array<{ prefix: string; answer: PayAnswer; times: number }> = [];
  const tampers: string[] = [];
  const bills = new Map<string, string>();
  /** notifications the simulator sends on its own (after a refund), so that tests can wait for them */
  const inFlight = new Set<Promise<unknown>>();

  function notify(request: NotifyRequest): Promise<SentNotification[]> {
    const order = ledger.order(request.outTradeNo);
    const event = request.event ?? (request.outRefundNo ? 'REFUND.SUCCESS' : 'TRANSACTION.SUCCESS');
    const refund = request.outRefundNo ? ledger.refundOf(request.outRefundNo) : undefined;
    if (event === 'REFUND.SUCCESS' && !refund) throw new PayFault(400, 'PARAM_ERROR', 'outRefundNo is needed for REFUND.SUCCESS');
    if (event === 'TRANSACTION.SUCCESS' && !order.transactionId) throw new PayFault(400, 'PARAM_ERROR', 'the order is not paid');
    return notifier.notify(event, order, refund, request);
  }

  async function pay(outTradeNo: string, how: { notify?: boolean } = {}): Promise<SentNotification[]> {
    ledger.pay(outTradeNo);
    return how.notify === false ? [] : notify({ outTradeNo });
  }

  const v3 = (method: Route['method'], pattern: RegExp, handle: Route['handle']): Route => ({ method, pattern, signed: true, handle });
  const dev = (method: Route['method'], pattern: RegExp, handle: Route['handle']): Route => ({ method, pattern, signed: false, handle });
  const json = (body: string) => {
    const parsed = parseJson(body);
    if (!parsed) throw new PayFault(400, 'PARAM_ERROR', '请求体不是 JSON 对象');
    return parsed;
  };

  const routes: Route[] = [
    v3('POST', /^\/v3\/pay\/transactions\/jsapi$/, (_m, _u, text) => {
      const b = json(text);
      const amount = b.amount as { total?: unknown; currency?: unknown } | undefined;
      const payer = b.payer as { openid?: unknown } | undefined;
      if (b.appid !== opts.appid) return fault(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
      if (b.mchid !== opts.mchid) return fault(400, 'MCH_NOT_EXISTS', '商户号不存在');
      if (typeof b.out_trade_no !== 'string' || !/^[\w*|-]{6,32}$/.test(b.out_trade_no)) return fault(400, 'PARAM_ERROR', '输入源“/body/out_trade_no”映射到字段“商户订单号”格式不正确');
      if (typeof b.description !== 'string' || b.description === '' || Buffer.byteLength(b.description) > 127) return fault(400, 'PARAM_ERROR', '商品描述格式不正确');
      if (typeof b.notify_url !== 'string' || !/^https?:\/\//.test(b.notify_url)) return fault(400, 'PARAM_ERROR', '通知地址格式不正确');
      if (!Number.isInteger(amount?.total) || (amount!.total as number) < 1) return fault(400, 'PARAM_ERROR', '订单金额必须为正整数（分）');
      if (amount!.currency !== undefined && amount!.currency !== 'CNY') return fault(400, 'PARAM_ERROR', '币种只能是 CNY');
      if (typeof payer?.openid !== 'string' || payer.openid === '') return fault(400, 'PARAM_ERROR', '缺少 payer.openid');
      if (b.time_expire !== undefined && (typeof b.time_expire !== 'string' || Number.isNaN(Date.parse(b.time_expire)))) return fault(400, 'PARAM_ERROR', 'time_expire 格式不正确');
      const order = ledger.createOrder({
        appid: b.appid,
        mchid: b.mchid,
        outTradeNo: b.out_trade_no,
        description: b.description,
        notifyUrl: b.notify_url,
        totalFen: amount!.total as number,
        payerOpenid: payer.openid,
        ...(typeof b.time_expire === 'string' ? { timeExpire: b.time_expire } : {}),
      });
      return { status: 200, body: { prepay_id: order.prepayId } };
    }),

    v3('GET', /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/, (no, url) => {
      if (url.searchParams.get('mchid') !== opts.mchid) return fault(400, 'PARAM_ERROR', 'mchid 不正确');
      return { status: 200, body: transactionResource(ledger.order(no), opts) };
    }),

    v3('POST', /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/, (no, _u, text) => {
      if (json(text).mchid !== opts.mchid) return fault(400, 'PARAM_ERROR', 'mchid 不正确');
      ledger.close(no);
      return { status: 204 };
    }),

    v3('POST', /^\/v3\/refund\/domestic\/refunds$/, (_m, _u, text) => {
      const b = json(text);
      const amount = b.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
      if (typeof b.out_trade_no !== 'string') return fault(400, 'PARAM_ERROR', '缺少 out_trade_no');
      if (typeof b.out_refund_no !== 'string' || !/^[\w*@|-]{1,64}$/.test(b.out_refund_no)) return fault(400, 'PARAM_ERROR', 'out_refund_no 格式不正确');
      if (!Number.isInteger(amount?.refund) || !Number.isInteger(amount?.total) || amount!.currency !== 'CNY') return fault(400, 'PARAM_ERROR', '退款金额格式不正确');
      const { refund, isNew } = ledger.refund({
        outTradeNo: b.out_trade_no,
        outRefundNo: b.out_refund_no,
        refundFen: amount!.refund as number,
        totalFen: amount!.total as number,
        reason: typeof b.reason === 'string' ? b.reason : '',
        notifyUrl: typeof b.notify_url === 'string' ? b.notify_url : undefined,
      });
      const answer = { status: 200, body: refundAnswer(refund) };
      if (isNew) {
        // The bank side finishes at once here; WeChat tells the merchant by notification, not in this answer.
        ledger.completeRefund(refund.outRefundNo);
        const sending = new Promise((r) => setImmediate(r)).then(() => notify({ outTradeNo: refund.outTradeNo, outRefundNo: refund.outRefundNo })).catch(() => {});
        inFlight.add(sending);
        void sending.finally(() => inFlight.delete(sending));
      }
      return answer;
    }),

    v3('GET', /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/, (no) => {
      const refund = ledger.refundOf(no);
      return { status: 200, body: refundAnswer(refund) };
    }),

    v3('GET', /^\/v3\/bill\/tradebill$/, (_m, url) => {
      const date = url.searchParams.get('bill_date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fault(400, 'PARAM_ERROR', 'bill_date 格式不正确');
      const type = url.searchParams.get('bill_type') ?? 'ALL';
      if (type !== 'ALL') return fault(400, 'PARAM_ERROR', '模拟器只提供 ALL 账单');
      const csv = tradeBillCsv(date, ledger.orders(), ledger.refunds(), opts);
      const token = randomBytes(16).toString('hex');
      bills.set(token, csv);
      return {
        status: 200,
        body: { hash_type: 'SHA1', hash_value: createHash('sha1').update(csv).digest('hex'), download_url: `${WECHATPAY_HOST}/v3/billdownload/file?token=${token}` },
      };
    }),

    // The bill file is not signed by WeChat Pay: the merchant checks it against hash_value instead.
    v3('GET', /^\/v3\/billdownload\/file$/, (_m, url) => {
      const csv = bills.get(url.searchParams.get('token') ?? '');
      if (csv === undefined) return fault(400, 'INVALID_REQUEST', '账单下载链接无效');
      return { status: 200, body: csv, contentType: 'text/plain; charset=utf-8' };
    }),

    v3('GET', /^\/v3\/certificates$/, () => {
      const cert = new X509Certificate(platform.certificatePem);
      return {
        status: 200,
        body: {
          data: [
            {
              serial_no: platform.certificateSerial,
              effective_time: beijingTime(Date.parse(cert.validFrom)),
              expire_time: beijingTime(Date.parse(cert.validTo)),
              encrypt_certificate: encryptResource(platform.certificatePem, opts.apiV3Key, 'certificate'),
            },
          ],
        },
      };
    }),

    dev('GET', /^\/dev\/platform$/, () => ({
      status: 200,
      body: { mode, certificateSerial: platform.certificateSerial, certificatePem: platform.certificatePem, publicKeyId: platform.publicKeyId, publicKeyPem: platform.publicKeyPem },
    })),
    dev('POST', /^\/dev\/verification$/, (_m, _u, text) => {
      const next = json(text).mode;
      if (next !== 'certificate' && next !== 'publicKey') return fault(400, 'PARAM_ERROR', 'mode: certificate | publicKey');
      mode = next;
      return { status: 200, body: { mode } };
    }),
    dev('GET', /^\/dev\/orders\/([^/]+)$/, (no) => ({ status: 200, body: { ...ledger.order(no) } })),
    dev('POST', /^\/dev\/orders\/([^/]+)\/pay$/, async (no, _u, text) => {
      const notifications = await pay(no, { notify: parseJson(text)?.notify !== false });
      return { status: 200, body: { order: { ...ledger.order(no) }, notifications } };
    }),
    dev('POST', /^\/dev\/orders\/([^/]+)\/cancel$/, (no) => ({ status: 200, body: { ...ledger.cancelByPayer(no) } })),
    dev('POST', /^\/dev\/orders\/([^/]+)\/expire$/, (no) => ({ status: 200, body: { ...ledger.expire(no) } })),
    dev('POST', /^\/dev\/notify$/, async (_m, _u, text) => {
      const b = json(text);
      if (b.forgery !== undefined && !(FORGERIES as readonly unknown[]).includes(b.forgery)) return fault(400, 'PARAM_ERROR', `forgery: ${FORGERIES.join(' | ')}`);
      return { status: 200, body: { notifications: await notify(b as unknown as NotifyRequest) } };
    }),
    dev('POST', /^\/dev\/notifications\/hold$/, () => {
      notifier.hold();
      return { status: 200, body: { holding: true } };
    }),
    dev('POST', /^\/dev\/notifications\/release$/, async (_m, _u, text) => ({
      status: 200,
      body: { notifications: await notifier.release(parseJson(text)?.order === 'reverse' ? 'reverse' : 'fifo') },
    })),
    dev('GET', /^\/dev\/notifications$/, () => ({ status: 200, body: { notifications: notifier.sent(), held: notifier.heldCount() } })),
    dev('POST', /^\/dev\/fail-next$/, (_m, _u, text) => {
      const b = json(text);
      if (typeof b.path !== 'string' || !b.path.startsWith('/v3/')) return fault(400, 'PARAM_ERROR', 'path: a /v3/… prefix');
      failNext(b.path, b as { status?: number; code?: string; message?: string; times?: number });
      return { status: 200, body: { ok: true } };
    }),
    dev('POST', /^\/dev\/tamper-next-response$/, (_m, _u, text) => {
      const b = json(text);
      if (typeof b.path !== 'string') return fault(400, 'PARAM_ERROR', 'path');
      tampers.push(b.path);
      return { status: 200, body: { ok: true } };
    }),
    dev('GET', /^\/dev\/pay$/, (_m, url) => {
      const order = ledger.orderByPrepayId(url.searchParams.get('prepay_id') ?? '');
      const back = safeReturnUrl(url.searchParams.get('return'));
      if (!order || !back) return { status: 400, body: '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>参数错误</title><p role="alert">预支付单号或返回地址无效。</p></html>', contentType: 'text/html; charset=utf-8' };
      return { status: 200, body: payPageHtml(order, back), contentType: 'text/html; charset=utf-8' };
    }),
    dev('POST', /^\/dev\/pay$/, async (_m, _u, text) => {
      const form = new URLSearchParams(text);
      const order = ledger.orderByPrepayId(form.get('prepay_id') ?? '');
      const back = safeReturnUrl(form.get('return'));
      if (!order || !back) return fault(400, 'PARAM_ERROR', 'prepay_id 或 return 无效');
      let result: 'paid' | 'cancelled' | 'failed' = 'cancelled';
      if (form.get('action') === 'pay') {
        result = await pay(order.outTradeNo).then(
          () => 'paid' as const,
          () => 'failed' as const,
        );
      } else {
        ledger.cancelByPayer(order.outTradeNo);
      }
      return { status: 303, headers: { location: returnWith(back, result, order.outTradeNo) } };
    }),
  ];

  /** The refund as the refund API answers it: `status` where the notification says `refund_status`. */
  function refundAnswer(refund: SimRefund): Record<string, unknown> {
    const { refund_status: status, mchid: _mchid, ...rest } = refundResource(refund, opts.mchid);
    return { ...rest, status, channel: 'ORIGINAL', funds_account: 'AVAILABLE', create_time: beijingTime(refund.createdAt) };
  }

  function failNext(prefix: string, answer: { status?: number; code?: string; message?: string; times?: number } = {}): void {
    failures.push({ prefix, answer: fault(answer.status ?? 500, answer.code ?? 'SYSTEM_ERROR', answer.message ?? '系统错误'), times: answer.times ?? 1 });
  }

  /** The merchant's Authorization header, checked as WeChat Pay checks it; a refusal, or undefined. */
  function refuseUnsigned(req: IncomingMessage, pathAndQuery: string, body: string): PayAnswer | undefined {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return fault(401, 'SIGN_ERROR', 'Authorization 缺失或不是 WECHATPAY2-SHA256-RSA2048');
    if (auth.mchid !== opts.mchid) return fault(401, 'SIGN_ERROR', 'mchid 与签名不符');
    if (auth.serial_no !== opts.merchantSerialNo) return fault(401, 'SIGN_ERROR', '商户证书序列号不正确');
    if (Math.abs(Math.floor(now() / 1000) - Number(auth.timestamp)) > REQUEST_CLOCK_SKEW_S) return fault(401, 'SIGN_ERROR', '签名时间戳过期');
    const message = `${req.method}\n${pathAndQuery}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
    if (!verifySha256Rsa(message, auth.signature ?? '', opts.merchantPublicKey)) return fault(401, 'SIGN_ERROR', '签名错误');
    return undefined;
  }

  async function answer(req: IncomingMessage, url: URL): Promise<PayAnswer> {
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return fault(404, 'NOT_FOUND', '接口不存在');
    const route = matching.find((r) => r.method === req.method);
    if (!route) return fault(405, 'METHOD_NOT_ALLOWED', '请求方法不正确');
    const body = await readBody(req);
    if (route.signed) {
      const refused = refuseUnsigned(req, url.pathname + url.search, body);
      if (refused) return refused;
      const failure = failures.find((f) => url.pathname.startsWith(f.prefix));
      if (failure) {
        if (--failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
        return failure.answer;
      }
    }
    try {
      return await route.handle(decodeURIComponent(route.pattern.exec(url.pathname)![1] ?? ''), url, body, req);
    } catch (error) {
      if (error instanceof PayFault) return fault(error.status, error.code, error.message);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    answer(req, url)
      .catch(() => fault(500, 'SYSTEM_ERROR', '系统错误'))
      .then((result) => {
        let text = answerText(result);
        const isV3 = url.pathname.startsWith('/v3/') && url.pathname !== '/v3/billdownload/file';
        if (isV3) {
          // Every /v3 answer, errors included, carries WeChat Pay's signature headers.
          const timestamp = String(Math.floor(now() / 1000));
          const nonce = randomNonce();
          result.headers = {
            ...result.headers,
            'request-id': randomUUID(),
            'wechatpay-timestamp': timestamp,
            'wechatpay-nonce': nonce,
            'wechatpay-serial': serial(),
            'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
            'wechatpay-signature': signSha256Rsa(`${timestamp}\n${nonce}\n${text}\n`, platform.privateKey),
          };
          const tamper = tampers.findIndex((prefix) => url.pathname.startsWith(prefix));
          if (tamper >= 0) {
            tampers.splice(tamper, 1);
            const changed = text.replace(/\d/, (d) => String((Number(d) + 1) % 10));
            text = changed === text ? `${text} ` : changed;
          }
        }
        send(res, result, text);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    platform: { certificatePem: platform.certificatePem, certificateSerial: platform.certificateSerial, publicKeyPem: platform.publicKeyPem, publicKeyId: platform.publicKeyId },
    setVerification: (next) => void (mode = next),
    order: (no) => ({ ...ledger.order(no) }),
    pay,
    cancel: (no) => void ledger.cancelByPayer(no),
    expire: (no) => void ledger.expire(no),
    notify,
    holdNotifications: notifier.hold,
    releaseNotifications: notifier.release,
    sent: notifier.sent,
    whenIdle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    failNext,
    tamperNextResponse: (prefix) => void tampers.push(prefix),
    close: () =>
      new Promise<void>((resolve, reject) => {
        inFlight.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A simulator that accepts the merchant of `config` (its mchid, appid, serial, key and APIv3 key). */
export function startWechatPaySimulatorFor(config: Config, opts: { port?: number; verification?: VerificationMode } = {}): Promise<WechatPaySimulator> {
  return startWechatPaySimulator({
    mchid: config.wechatPay.mchid,
    appid: config.wechatPay.appid,
    apiV3Key: config.secrets.wechatPayApiV3Key,
    merchantPublicKey: createPublicKey(config.secrets.wechatPayMerchantPrivateKey).export({ type: 'spki', format: 'pem' }).toString(),
    merchantSerialNo: config.wechatPay.merchantSerialNo,
    verification: opts.verification ?? config.wechatPay.verification,
    port: opts.port,
  });
}

/** What the BFF's environment needs to call this simulator and check its signatures in either mode. */
export function wechatPayEnv(simulator: WechatPaySimulator): Record<string, string> {
  return { WECHATPAY_API_BASE_URL: simulator.url, WECHATPAY_PUBLIC_KEY: simulator.platform.publicKeyPem, WECHATPAY_PUBLIC_KEY_ID: simulator.platform.publicKeyId };
}
