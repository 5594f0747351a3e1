/**
 * Why a call to WeChat Pay, or a notification from it, was not trusted or did not succeed. The
 * activities module decides by `failure`; messages are for logs, never parsed.
 */
export type PaymentFailure =
  /** a WeChat Pay signature (on an answer or a notification) does not verify */
  | 'signature'
  /** Wechatpay-Serial names no platform certificate or public key we know */
  | 'unknown-serial'
  /** the notification's timestamp is outside ±300 s of our clock */
  | 'stale'
  /** this nonce was seen before: the same notification again, or a replay */
  | 'replayed'
  /** the encrypted resource does not decrypt under our APIv3 key (ciphertext or tag changed) */
  | 'decrypt'
  /** the resource names another appid or mchid than ours */
  | 'merchant'
  /** not the shape WeChat Pay sends */
  | 'malformed'
  /** WeChat Pay answered 4xx/5xx; `code` is its own (ORDER_NOT_EXIST, ORDERPAID, SYSTEM_ERROR …) */
  | 'refused'
  /** no answer (timeout, connection refused) */
  | 'network'
  /** the downloaded bill does not match the hash WeChat Pay gave for it */
  | 'bill-hash';

export class PaymentGatewayError extends Error {
  override name = 'PaymentGatewayError';

  constructor(
    public readonly failure: PaymentFailure,
    message: string,
    public readonly wechatPay?: { status: number; code?: string; message?: string },
  ) {
    super(message);
  }
}

export function isPaymentFailure(error: unknown, failure: PaymentFailure): boolean {
  return error instanceof PaymentGatewayError && error.failure === failure;
}
