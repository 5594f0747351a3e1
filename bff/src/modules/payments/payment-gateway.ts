import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import WechatPay from 'wechatpay-node-v3';
import type { Config } from '../../platform/config';
import { nowMs } from '../../platform/clock';
import { beijingRfc3339 } from './beijing-time';
import { PaymentGatewayError } from './payment-errors';
import { createNotificationVerifier, type NotificationHeaders, type PaymentNotification } from './payment-notifications';
import { certificatePlatform, publicKeyPlatform, type PlatformKeys } from './platform-keys';
import { parseTradeBill, type TradeBillRow } from './trade-bill';
import { createWechatPayHttp, WECHATPAY_SDK_HOST } from './wechatpay-http';

export interface PaymentGatewayConfig {
  apiBaseUrl: string;
  appid: string;
  mchid: string;
  merchantSerialNo: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  notifyUrl: string;
  verification: 'certificate' | 'publicKey';
  publicKeyId: string;
  publicKey?: string;
}

export interface PaymentGatewayDeps {
  conn: Connection;
  /** defaults to the platform clock */
  now?: () => number;
}

/** What wx.requestPayment takes (the miniapp adds nothing; appId is implied by the mini-program). */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface OrderQueryResult {
  tradeState: TradeState;
  amountFen: number;
  transactionId?: string;
  appid: string;
  mchid: string;
  payerOpenid?: string;
  successTime?: string;
}

export interface RefundQueryResult {
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  refundId: string;
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  successTime?: string;
}

/** The gateway's settings from the app's config (wechatPay + its two secrets). */
export function paymentGatewayConfig(config: Config): PaymentGatewayConfig {
  return {
    ...config.wechatPay,
    merchantPrivateKey: config.secrets.wechatPayMerchantPrivateKey,
    apiV3Key: config.secrets.wechatPayApiV3Key,
  };
}

/**
 * Our WeChat Pay gateway: the SDK signs requests; everything it leaves out is done here (answer
 * signatures, notification checks, tag-checked decryption, public-key mode, thrown errors).
 */
export function createPaymentGateway(config: PaymentGatewayConfig, deps: PaymentGatewayDeps) {
  const now = deps.now ?? nowMs;
  // The HTTP service checks answers with the platform keys, and certificate mode fetches them through it.
  const http = createWechatPayHttp({ baseUrl: config.apiBaseUrl, keys: () => keys });
  const sdk = new WechatPay({
    appid: config.appid,
    mchid: config.mchid,
    serial_no: config.merchantSerialNo,
    // The SDK insists on a "public key" but only reads it to find a serial, which we give it.
    publicKey: Buffer.from(config.merchantSerialNo),
    privateKey: Buffer.from(config.merchantPrivateKey),
    key: config.apiV3Key,
  });
  sdk.createHttp(http);

  const keys: PlatformKeys =
    config.verification === 'publicKey'
      ? publicKeyPlatform(config.publicKeyId, config.publicKey ?? '')
      : certificatePlatform(
          async () => {
            // Signed by the SDK like any request, but read raw: the list's own certificate verifies it.
            const nonce = randomBytes(16).toString('hex');
            const timestamp = String(Math.floor(Date.now() / 1000));
            const signature = sdk.getSignature('GET', nonce, timestamp, '/v3/certificates');
            const answer = await http.raw('GET', `${WECHATPAY_SDK_HOST}/v3/certificates`, { authorization: sdk.getAuthorization(nonce, timestamp, signature) });
            if (answer.status !== 200) {
              const refusal = (/^\{/.test(answer.text) ? JSON.parse(answer.text) : {}) as { code?: string; message?: string };
              throw new PaymentGatewayError('refused', `WeChat Pay refused GET /v3/certificates: ${answer.status} ${refusal.code ?? ''}`, { status: answer.status, ...refusal });
            }
            return { headers: answer.headers, body: answer.text };
          },
          config.apiV3Key,
          now,
        );

  const verifyNotification = createNotificationVerifier({ conn: deps.conn, keys: () => keys, apiV3Key: config.apiV3Key, appid: config.appid, mchid: config.mchid, now });

  return {
    async createJsapiOrder(order: { outTradeNo: string; description: string; amountFen: number; payerOpenid: string; expiresAt: Date }): Promise<{ prepayId: string; requestPayment: RequestPaymentParams }> {
      if (!Number.isInteger(order.amountFen) || order.amountFen < 1) throw new PaymentGatewayError('malformed', 'amountFen must be a positive integer');
      const result = await sdk.transactions_jsapi({
        description: order.description,
        out_trade_no: order.outTradeNo,
        // RFC 3339 with an offset; Beijing time reads best in WeChat Pay's console
        time_expire: beijingRfc3339(order.expiresAt.getTime()),
        notify_url: config.notifyUrl,
        amount: { total: order.amountFen, currency: 'CNY' },
        payer: { openid: order.payerOpenid },
      });
      const data = result.data as { package?: string; timeStamp: string; nonceStr: string; paySign: string } | undefined;
      if (!data?.package?.startsWith('prepay_id=')) throw new PaymentGatewayError('malformed', 'WeChat Pay answered no prepay_id');
      return {
        prepayId: data.package.slice('prepay_id='.length),
        requestPayment: { timeStamp: data.timeStamp, nonceStr: data.nonceStr, package: data.package, signType: 'RSA', paySign: data.paySign },
      };
    },

    async queryOrder(outTradeNo: string): Promise<OrderQueryResult> {
      const { data } = await sdk.query({ out_trade_no: outTradeNo });
      const d = data as { trade_state: TradeState; amount: { total: number }; transaction_id?: string; appid: string; mchid: string; payer?: { openid?: string }; success_time?: string };
      if (d.appid !== config.appid || d.mchid !== config.mchid) throw new PaymentGatewayError('merchant', `order ${outTradeNo} answered for another merchant or app`);
      return {
        tradeState: d.trade_state,
        amountFen: d.amount.total,
        appid: d.appid,
        mchid: d.mchid,
        ...(d.transaction_id ? { transactionId: d.transaction_id } : {}),
        ...(d.payer?.openid ? { payerOpenid: d.payer.openid } : {}),
        ...(d.success_time ? { successTime: d.success_time } : {}),
      };
    },

    async closeOrder(outTradeNo: string): Promise<void> {
      await sdk.close(outTradeNo);
    },

    async refund(input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason: string }): Promise<{ status: RefundQueryResult['status']; refundId: string }> {
      if (!Number.isInteger(input.refundFen) || !Number.isInteger(input.totalFen) || input.refundFen < 1) throw new PaymentGatewayError('malformed', 'refund amounts must be positive integers in fen');
      const { data } = await sdk.refunds({
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        reason: input.reason,
        notify_url: config.notifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      });
      const d = data as { status: RefundQueryResult['status']; refund_id: string };
      return { status: d.status, refundId: d.refund_id };
    },

    async queryRefund(outRefundNo: string): Promise<RefundQueryResult> {
      const { data } = await sdk.find_refunds(outRefundNo);
      const d = data as unknown as { status: RefundQueryResult['status']; refund_id: string; out_trade_no: string; out_refund_no: string; amount: { refund: number; total: number }; success_time?: string };
      return {
        status: d.status,
        refundId: d.refund_id,
        outTradeNo: d.out_trade_no,
        outRefundNo: d.out_refund_no,
        refundFen: d.amount.refund,
        totalFen: d.amount.total,
        ...(d.success_time ? { successTime: d.success_time } : {}),
      };
    },

    verifyNotification: (headers: NotificationHeaders, rawBody: string): Promise<PaymentNotification> => verifyNotification(headers, rawBody),

    /** The trade bill of one Beijing day; empty when WeChat Pay has none for it. */
    async tradeBill(date: string): Promise<TradeBillRow[]> {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new PaymentGatewayError('malformed', 'date must be YYYY-MM-DD');
      let bill: { download_url: string; hash_type: string; hash_value: string };
      try {
        bill = (await sdk.tradebill({ bill_date: date, bill_type: 'ALL' })).data as typeof bill;
      } catch (error) {
        if (error instanceof PaymentGatewayError && error.wechatPay?.code === 'NO_STATEMENT_EXIST') return [];
        throw error;
      }
      const { data } = await sdk.downloadBill(bill.download_url);
      const csv = typeof data === 'string' ? data : '';
      const hash = createHash(bill.hash_type === 'SHA1' ? 'sha1' : 'sha256').update(csv).digest('hex');
      if (hash !== bill.hash_value.toLowerCase()) throw new PaymentGatewayError('bill-hash', `bill of ${date} does not match its ${bill.hash_type} hash`);
      return parseTradeBill(csv);
    },
  };
}

export type PaymentGateway = ReturnType<typeof createPaymentGateway>;
