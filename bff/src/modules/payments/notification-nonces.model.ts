import { Schema } from 'mongoose';
import { modelFor } from '../../platform/database';

/**
 * Nonces of WeChat Pay notifications already accepted: the unique `_id` decides, so of ten copies
 * arriving at once exactly one is accepted, whichever process gets it. A nonce needs keeping only
 * while its timestamp is inside the ±300 s window; the TTL index drops it after that.
 */
export interface NotificationNonceRecord {
  _id: string;
  expiresAt: Date;
}

const nonceSchema = new Schema<NotificationNonceRecord>(
  { _id: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  { collection: 'wechatpay_notification_nonces', versionKey: false },
);
nonceSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const NotificationNonces = modelFor<NotificationNonceRecord>('WechatPayNotificationNonce', nonceSchema);
