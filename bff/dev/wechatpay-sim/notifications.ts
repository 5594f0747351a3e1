import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { encryptResource, randomNonce, signSha256Rsa } from './crypto';
import { beijingTime, type SimOrder, type SimRefund } from './ledger';

/** What a tester can do to a notification, to see that the merchant refuses it. */
export const FORGERIES = [
  'bad-signature',
  'wrong-key',
  'unknown-serial',
  'stale-timestamp',
  'replayed-nonce',
  'tampered-ciphertext',
  'tampered-tag',
  'wrong-amount',
  'wrong-appid',
  'wrong-mchid',
] as const;
export type Forgery = (typeof FORGERIES)[number];

export type PayEvent = 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';

export interface BuiltNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SentNotification {
  id: string;
  eventType: PayEvent;
  outTradeNo: string;
  outRefundNo?: string;
  forgery?: Forgery;
  url: string;
  nonce: string;
  sentAt: string;
  /** the merchant's answer; 0 when it could not be reached */
  status: number;
  answer: string;
}

export interface NotifierOptions {
  mchid: string;
  appid: string;
  apiV3Key: string;
  platformKey: KeyObject;
  /** Wechatpay-Serial of the current verification mode: a certificate serial or PUB_KEY_ID_… */
  serial: () => string;
  now: () => number;
}

export function transactionResource(o: SimOrder, opts: { mchid: string; appid: string }) {
  return {
    mchid: opts.mchid,
    appid: opts.appid,
    out_trade_no: o.outTradeNo,
    ...(o.transactionId ? { transaction_id: o.transactionId } : {}),
    trade_type: 'JSAPI',
    trade_state: o.state,
    trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', REFUND: '转入退款' }[o.state],
    ...(o.successAt ? { bank_type: 'OTHERS', success_time: beijingTime(o.successAt) } : {}),
    attach: '',
    payer: { openid: o.payerOpenid },
    amount: { total: o.totalFen, currency: 'CNY', ...(o.successAt ? { payer_total: o.totalFen, payer_currency: 'CNY' } : {}) },
  };
}

export function refundResource(r: SimRefund, mchid: string) {
  return {
    mchid,
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successAt ? { success_time: beijingTime(r.successAt) } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen },
  };
}

/** Builds, forges, sends and remembers the notifications WeChat Pay posts to a merchant's notify_url. */
export function createNotifier(opts: NotifierOptions) {
  const sent: SentNotification[] = [];
  const held: Array<{ built: BuiltNotification; record: Omit<SentNotification, 'status' | 'answer' | 'sentAt'> }> = [];
  let holding = false;
  let lastNonce: string | undefined;
  let strangerKey: KeyObject | undefined;

  function build(event: PayEvent, order: SimOrder, refund: SimRefund | undefined, forgery?: Forgery, id: string = randomUUID()) {
    let plain: Record<string, unknown> =
      event === 'TRANSACTION.SUCCESS' ? transactionResource(order, opts) : refundResource(refund!, opts.mchid);
    if (forgery === 'wrong-amount') plain = { ...plain, amount: { ...(plain.amount as object), total: order.totalFen + 1, payer_total: order.totalFen + 1 } };
    if (forgery === 'wrong-appid') plain = { ...plain, appid: 'wx0000000000forged' };
    if (forgery === 'wrong-mchid') plain = { ...plain, mchid: '1999999999' };
    const originalType = event === 'TRANSACTION.SUCCESS' ? 'transaction' : 'refund';
    const resource = { original_type: originalType, ...encryptResource(JSON.stringify(plain), opts.apiV3Key, originalType) };
    if (forgery === 'tampered-ciphertext' || forgery === 'tampered-tag') {
      const bytes = Buffer.from(resource.ciphertext, 'base64');
      const at = forgery === 'tampered-tag' ? bytes.length - 1 : 0;
      bytes[at] = bytes[at]! ^ 0x01;
      resource.ciphertext = bytes.toString('base64');
    }
    const body = JSON.stringify({
      id,
      create_time: beijingTime(opts.now()),
      resource_type: 'encrypt-resource',
      event_type: event,
      summary: event === 'TRANSACTION.SUCCESS' ? '支付成功' : '退款成功',
      resource,
    });
    const timestamp = String(Math.floor(opts.now() / 1000) - (forgery === 'stale-timestamp' ? 600 : 0));
    const nonce = forgery === 'replayed-nonce' && lastNonce ? lastNonce : randomNonce();
    lastNonce = nonce;
    const key = forgery === 'wrong-key' ? (strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey) : opts.platformKey;
    let signature = signSha256Rsa(`${timestamp}\n${nonce}\n${body}\n`, key);
    if (forgery === 'bad-signature') signature = signSha256Rsa(`${timestamp}\n${nonce}\n${body} \n`, key);
    const built: BuiltNotification = {
      url: event === 'TRANSACTION.SUCCESS' ? order.notifyUrl : refund!.notifyUrl,
      body,
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
        'wechatpay-serial': forgery === 'unknown-serial' ? 'PUB_KEY_ID_0000UNKNOWN' : opts.serial(),
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
    };
    const record: Omit<SentNotification, 'status' | 'answer' | 'sentAt'> = { id, eventType: event, outTradeNo: order.outTradeNo, outRefundNo: refund?.outRefundNo, forgery, url: built.url, nonce };
    return { built, record };
  }

  async function deliver(item: ReturnType<typeof build>): Promise<SentNotification> {
    let status = 0;
    let answer = '';
    try {
      const res = await fetch(item.built.url, { method: 'POST', headers: item.built.headers, body: item.built.body, signal: AbortSignal.timeout(5000) });
      status = res.status;
      answer = await res.text();
    } catch (error) {
      answer = error instanceof Error ? error.message : String(error);
    }
    const record: SentNotification = { ...item.record, sentAt: new Date(opts.now()).toISOString(), status, answer };
    sent.push(record);
    return record;
  }

  return {
    /**
     * Sends one notification `times` times: the same bytes each time (a network-level duplicate or a
     * replay), or re-signed with a fresh nonce and timestamp (`resign`, as WeChat's own retries are).
     */
    async notify(
      event: PayEvent,
      order: SimOrder,
      refund: SimRefund | undefined,
      how: { forgery?: Forgery; times?: number; concurrent?: boolean; resign?: boolean; delayMs?: number } = {},
    ): Promise<SentNotification[]> {
      const times = Math.max(1, Math.min(how.times ?? 1, 100));
      const first = build(event, order, refund, how.forgery);
      // WeChat's own retries keep the notification id and sign again with a fresh nonce and timestamp.
      const items = Array.from({ length: times }, (_, i) => (i === 0 || !how.resign ? first : build(event, order, refund, how.forgery, first.record.id)));
      if (how.delayMs) await new Promise((r) => setTimeout(r, Math.min(how.delayMs!, 60_000)));
      if (holding) {
        held.push(...items);
        return [];
      }
      if (how.concurrent) return Promise.all(items.map(deliver));
      const out: SentNotification[] = [];
      for (const item of items) out.push(await deliver(item));
      return out;
    },
    /** From now on notifications wait until released (to deliver them late or out of order). */
    hold(): void {
      holding = true;
    },
    /** Sends what was held, in the order asked, and stops holding. */
    async release(order: 'fifo' | 'reverse' = 'fifo'): Promise<SentNotification[]> {
      holding = false;
      const items = held.splice(0, held.length);
      if (order === 'reverse') items.reverse();
      const out: SentNotification[] = [];
      for (const item of items) out.push(await deliver(item));
      return out;
    },
    heldCount: () => held.length,
    sent: () => sent.map((s) => ({ ...s })),
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
