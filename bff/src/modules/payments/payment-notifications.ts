import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../../platform/unique-race';
import { NotificationNonces } from './notification-nonces.model';
import { PaymentGatewayError } from './payment-errors';
import { signedHeaders, verifyWechatPaySignature, type PlatformKeys } from './platform-keys';
import { decryptResource, type EncryptedResource } from './resource-crypto';

/** WeChat Pay's rule: a notification whose timestamp is further than this from our clock is refused. */
export const NOTIFICATION_WINDOW_S = 300;

/** A payment that succeeded, from TRANSACTION.SUCCESS (amounts in fen). */
export interface PaidTransaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  transactionId: string;
  tradeState: string;
  amountFen: number;
  payerTotalFen: number;
  payerOpenid: string;
  successTime: string;
}

/** A refund that ended, from REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED. */
export interface RefundResult {
  mchid: string;
  outTradeNo: string;
  transactionId: string;
  outRefundNo: string;
  refundId: string;
  refundStatus: string;
  refundFen: number;
  totalFen: number;
  successTime?: string;
}

export type PaymentNotification =
  | { id: string; createTime: string; eventType: 'TRANSACTION.SUCCESS'; resource: PaidTransaction }
  | { id: string; createTime: string; eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; resource: RefundResult };

export type NotificationHeaders = Record<string, string | string[] | undefined> | Headers;

interface Envelope {
  id?: unknown;
  create_time?: unknown;
  event_type?: unknown;
  resource?: EncryptedResource & { original_type?: string };
}

/**
 * Verifies a notification over the exact bytes received, in the order that costs least first:
 * timestamp window, signature, decryption (tag checked), our appid and mchid, and last the nonce,
 * spent in the database so that a copy is refused in any process (`failure: 'replayed'`).
 */
export function createNotificationVerifier(opts: { conn: Connection; keys: () => PlatformKeys; apiV3Key: string; appid: string; mchid: string; now: () => number }) {
  return async function verifyNotification(headers: NotificationHeaders, rawBody: string): Promise<PaymentNotification> {
    const signed = signedHeaders(headers);
    const timestamp = Number(signed.timestamp);
    if (!Number.isInteger(timestamp) || Math.abs(Math.floor(opts.now() / 1000) - timestamp) > NOTIFICATION_WINDOW_S) {
      throw new PaymentGatewayError('stale', `notification timestamp ${signed.timestamp} is outside ±${NOTIFICATION_WINDOW_S} s`);
    }
    await verifyWechatPaySignature(opts.keys(), signed, rawBody);

    const envelope = parseEnvelope(rawBody);
    const plain = parseObject(decryptResource(envelope.resource!, opts.apiV3Key));
    const notification = readNotification(envelope, plain);
    const resource = notification.resource;
    if (resource.mchid !== opts.mchid || ('appid' in resource && resource.appid !== opts.appid)) {
      throw new PaymentGatewayError('merchant', `notification ${notification.id} is for another merchant or app`);
    }

    try {
      await NotificationNonces(opts.conn).create({ _id: signed.nonce, expiresAt: new Date((timestamp + NOTIFICATION_WINDOW_S + 60) * 1000) });
    } catch (error) {
      if (isDuplicateKey(error)) throw new PaymentGatewayError('replayed', `nonce of notification ${notification.id} was seen before`);
      throw error;
    }
    return notification;
  };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new PaymentGatewayError('malformed', 'not a JSON object');
}

function parseEnvelope(rawBody: string): Envelope {
  const envelope = parseObject(rawBody) as Envelope;
  const r = envelope.resource;
  if (typeof envelope.id !== 'string' || typeof envelope.event_type !== 'string' || typeof r !== 'object' || r === null || typeof r.ciphertext !== 'string' || typeof r.nonce !== 'string') {
    throw new PaymentGatewayError('malformed', 'not a WeChat Pay notification');
  }
  return envelope;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const fen = (v: unknown) => (Number.isInteger(v) ? (v as number) : NaN);

function readNotification(envelope: Envelope, r: Record<string, unknown>): PaymentNotification {
  const id = envelope.id as string;
  const createTime = text(envelope.create_time);
  const amount = (r.amount ?? {}) as Record<string, unknown>;
  const event = envelope.event_type;
  if (event === 'TRANSACTION.SUCCESS') {
    const resource: PaidTransaction = {
      appid: text(r.appid),
      mchid: text(r.mchid),
      outTradeNo: text(r.out_trade_no),
      transactionId: text(r.transaction_id),
      tradeState: text(r.trade_state),
      amountFen: fen(amount.total),
      payerTotalFen: fen(amount.payer_total),
      payerOpenid: text((r.payer as { openid?: unknown } | undefined)?.openid),
      successTime: text(r.success_time),
    };
    if (!resource.outTradeNo || !resource.transactionId || Number.isNaN(resource.amountFen)) throw new PaymentGatewayError('malformed', 'transaction without number or amount');
    return { id, createTime, eventType: event, resource };
  }
  if (event === 'REFUND.SUCCESS' || event === 'REFUND.ABNORMAL' || event === 'REFUND.CLOSED') {
    const resource: RefundResult = {
      mchid: text(r.mchid),
      outTradeNo: text(r.out_trade_no),
      transactionId: text(r.transaction_id),
      outRefundNo: text(r.out_refund_no),
      refundId: text(r.refund_id),
      refundStatus: text(r.refund_status),
      refundFen: fen(amount.refund),
      totalFen: fen(amount.total),
      ...(typeof r.success_time === 'string' ? { successTime: r.success_time } : {}),
    };
    if (!resource.outRefundNo || Number.isNaN(resource.refundFen)) throw new PaymentGatewayError('malformed', 'refund without number or amount');
    return { id, createTime, eventType: event, resource };
  }
  throw new PaymentGatewayError('malformed', `unknown event_type ${String(event)}`);
}
