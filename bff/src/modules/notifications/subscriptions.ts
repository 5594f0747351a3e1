import { Schema, type Connection, type Types } from 'mongoose';
import { now as clockNow } from '../../platform/clock';
import { modelFor } from '../../platform/database';
import { retryUpsert } from '../../platform/unique-race';
import type { TemplateName } from './templates';

/**
 * One-time subscriptions (一次性订阅消息) a person holds, per template: each `accept` in
 * `wx.requestSubscribeMessage` lets us send that person one message with that template, and WeChat
 * refuses the next one with 43101. The mini-program reports what was accepted; the outbox spends one
 * per message and, with none left, leaves WeChat alone (the notice is still in the message centre).
 */
export interface SubscriptionRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  template: TemplateName;
  remaining: number;
  updatedAt: Date;
}

const subscriptionSchema = new Schema<SubscriptionRecord>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    template: { type: String, required: true },
    remaining: { type: Number, required: true, min: 0 },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'notification_subscriptions', versionKey: false },
);
subscriptionSchema.index({ userId: 1, template: 1 }, { unique: true });
// who may be told when something opens (the polls' reminders)
subscriptionSchema.index({ template: 1, remaining: 1 }, { name: 'template_remaining' });

export const Subscriptions = modelFor<SubscriptionRecord>('NotificationSubscription', subscriptionSchema);

/** Adds one subscription per accepted template; the number now held for each. */
export async function recordAccepted(conn: Connection, userId: Types.ObjectId, templates: TemplateName[]): Promise<Record<string, number>> {
  const remaining: Record<string, number> = {};
  for (const template of new Set(templates)) {
    const doc = await retryUpsert(() =>
      Subscriptions(conn).findOneAndUpdate(
        { userId, template },
        { $inc: { remaining: 1 }, $set: { updatedAt: clockNow() } },
        { upsert: true, returnDocument: 'after', projection: { remaining: 1 } },
      ).lean(),
    );
    remaining[template] = doc?.remaining ?? 0;
  }
  return remaining;
}

/** Spends one subscription to `template`: false when the person holds none (one conditional update). */
export async function spendSubscription(conn: Connection, userId: Types.ObjectId, template: TemplateName): Promise<boolean> {
  const res = await Subscriptions(conn).updateOne(
    { userId, template, remaining: { $gte: 1 } },
    { $inc: { remaining: -1 }, $set: { updatedAt: clockNow() } },
  );
  return res.modifiedCount === 1;
}

/** Gives back a subscription whose message WeChat did not take for a passing reason (it is tried again). */
export async function refundSubscription(conn: Connection, userId: Types.ObjectId, template: TemplateName): Promise<void> {
  await Subscriptions(conn).updateOne({ userId, template }, { $inc: { remaining: 1 }, $set: { updatedAt: clockNow() } });
}
