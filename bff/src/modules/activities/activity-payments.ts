import { Schema, type Connection, type mongo } from 'mongoose';
import { PAYMENT_HOLD_MINUTES, type ActivityPaymentView, type PaymentState } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { isDuplicateKeyError, modelFor } from '../../platform/database';
import { AppError } from '../../platform/errors';
import type { Logger } from 'pino';
import type { UserRecord } from '../identity/user.model';
import { PaymentGatewayError } from '../payments/payment-errors';
import type { PaymentGateway, RequestPaymentParams } from '../payments/payment-gateway';
import type { PaidTransaction, PaymentNotification, RefundResult } from '../payments/payment-notifications';
import type { ActivityRecord, RegistrationRecord } from './activities.service';

/**
 * The money of paid activities (issue 14): a seat held PAYMENT_HOLD_MINUTES for its payment, one
 * WeChat Pay order per registration, payment and refund results from notifications or, when those
 * never come, from queries; refunds requested once per reason. Amounts are integers in fen.
 *
 * - `activity_orders`: `_id` is the out_trade_no, `GZA` + the registration's id: a double tap, a retry
 *   or a second process makes the same order, never a second one. `state`: awaiting → paid, or
 *   awaiting → closed (queried unpaid, closed at WeChat Pay, the seat released to the line).
 * - `activity_refunds`: `_id` is the out_refund_no, the order's number + the reason: the unique `_id`
 *   makes "one refund per reason" a fact of the database, however often the job runs.
 * - the registration carries `payment` (what the pages show) and `holdUntil`.
 */
export type RefundReason = 'withdrawn' | 'attended' | 'activity_cancelled' | 'late';
const REFUND_LABELS: Record<RefundReason, string> = { withdrawn: '取消报名退款', attended: '押金退还', activity_cancelled: '活动取消退款', late: '名额已释放，退回款项' };

export interface ActivityOrder {
  _id: string;
  activityId: mongo.BSON.ObjectId;
  registrationId: mongo.BSON.ObjectId;
  userId: mongo.BSON.ObjectId;
  kind: 'fee' | 'deposit';
  amountFen: number;
  state: 'awaiting' | 'paid' | 'closed';
  holdUntil: Date;
  prepayId?: string;
  requestPayment?: RequestPaymentParams;
  transactionId?: string;
  paidAt?: Date;
  createdAt: Date;
}

export interface ActivityRefund {
  _id: string;
  orderId: string;
  activityId: mongo.BSON.ObjectId;
  registrationId: mongo.BSON.ObjectId;
  reason: RefundReason;
  refundFen: number;
  totalFen: number;
  /** pending: recorded, not yet accepted by WeChat Pay; processing: accepted; then its end */
  state: 'pending' | 'processing' | 'succeeded' | 'failed';
  refundId?: string;
  createdAt: Date;
  doneAt?: Date;
}

const loose = (collection: string) => new Schema({}, { strict: false, collection, versionKey: false, autoCreate: true });
const orders = loose('activity_orders');
// the hold job: awaiting orders by the end of their hold; an activity's orders when it is cancelled
orders.index({ state: 1, holdUntil: 1 }, { name: 'state_hold' });
orders.index({ activityId: 1, state: 1 }, { name: 'activity_state' });
const refunds = loose('activity_refunds');
refunds.index({ state: 1, createdAt: 1 }, { name: 'state_created' });
refunds.index({ registrationId: 1 }, { name: 'registration' });
const Orders = modelFor('ActivityOrder', orders);
const Refunds = modelFor('ActivityRefund', refunds);

export const orderIdOf = (registrationId: mongo.BSON.ObjectId) => `GZA${registrationId.toHexString()}`;
const HOLD_MS = PAYMENT_HOLD_MINUTES * 60_000;

/** A seat of a paid activity starts waiting for its payment (on registering, or when promoted from the line). */
export async function holdSeatForPayment(conn: Connection, registrationId: mongo.BSON.ObjectId, at: Date): Promise<Date> {
  const holdUntil = new Date(at.getTime() + HOLD_MS);
  await conn.db!.collection('activity_registrations').updateOne({ _id: registrationId }, { $set: { payment: 'awaiting', holdUntil } });
  return holdUntil;
}

export interface ActivityPaymentsDeps {
  conn: Connection;
  gateway: PaymentGateway;
  logger?: Logger;
  /** gives a released seat to the line (the activity's seating) */
  releaseSeat: (r: RegistrationRecord, status: 'expired' | 'cancelled', at: Date) => Promise<boolean>;
}

export function createActivityPayments({ conn, gateway, logger, releaseSeat }: ActivityPaymentsDeps) {
  Orders(conn);
  Refunds(conn);
  const store = {
    orders: () => conn.db!.collection<ActivityOrder>('activity_orders'),
    refunds: () => conn.db!.collection<ActivityRefund>('activity_refunds'),
    registrations: () => conn.db!.collection<RegistrationRecord>('activity_registrations'),
    activities: () => conn.db!.collection<ActivityRecord>('activities'),
  };

  const setPayment = (registrationId: mongo.BSON.ObjectId, payment: PaymentState, extra: Record<string, unknown> = {}) =>
    store.registrations().updateOne({ _id: registrationId }, { $set: { payment, ...extra } });

  /**
   * The order of a seat held for payment and the signed wx.requestPayment parameters: made once (the
   * order number is the registration's), asked of WeChat Pay again with the same number when the
   * first answer was lost (it answers the same prepay_id to an identical request).
   */
  async function orderFor(user: UserRecord, a: ActivityRecord, r: RegistrationRecord, at: Date): Promise<ActivityPaymentView> {
    if (a.price.kind === 'free') throw new AppError('VALIDATION_FAILED', 400, [{ path: 'price', message: '免费活动无需支付' }]);
    if (r.status !== 'confirmed' || r.payment !== 'awaiting' || !r.holdUntil) throw new AppError('ACTIVITY_PAYMENT_NOT_DUE', 409);
    if (r.holdUntil <= at) throw new AppError('ACTIVITY_PAYMENT_EXPIRED', 409);
    const _id = orderIdOf(r._id);
    const fresh: ActivityOrder = {
      _id, activityId: a._id, registrationId: r._id, userId: user._id, kind: a.price.kind, amountFen: a.price.amountFen, state: 'awaiting', holdUntil: r.holdUntil, createdAt: at,
    };
    await store.orders().updateOne({ _id }, { $setOnInsert: fresh }, { upsert: true }).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err; // a racing request made it
    });
    const order = (await store.orders().findOne({ _id }))!;
    if (order.state !== 'awaiting') throw new AppError('ACTIVITY_PAYMENT_NOT_DUE', 409);
    if (!order.requestPayment) {
      const made = await gateway.createJsapiOrder({ outTradeNo: _id, description: `活动报名：${a.title}`.slice(0, 40), amountFen: order.amountFen, payerOpenid: user.openid, expiresAt: order.holdUntil });
      await store.orders().updateOne({ _id }, { $set: { prepayId: made.prepayId, requestPayment: made.requestPayment } });
      order.requestPayment = made.requestPayment;
    }
    return { outTradeNo: _id, amountFen: order.amountFen, holdUntil: order.holdUntil.toISOString(), requestPayment: order.requestPayment };
  }

  /**
   * WeChat Pay says (a notification, or our query) that the order was paid. Its amount must be the
   * order's; the order turns paid once, whatever the number of copies or processes. Money that came for
   * a seat no longer held (released, cancelled meanwhile) goes back: a refund for the reason `late`.
   */
  async function settlePaid(tx: Pick<PaidTransaction, 'outTradeNo' | 'transactionId' | 'amountFen'>, at: Date): Promise<void> {
    const order = await store.orders().findOne({ _id: tx.outTradeNo });
    if (!order) throw new AppError('PAYMENT_ORDER_UNKNOWN', 400);
    if (tx.amountFen !== order.amountFen) throw new AppError('PAYMENT_AMOUNT_MISMATCH', 400);
    const paid = await store.orders().findOneAndUpdate(
      { _id: order._id, state: { $in: ['awaiting', 'closed'] } },
      { $set: { state: 'paid', transactionId: tx.transactionId, paidAt: at } },
      { returnDocument: 'before' },
    );
    if (!paid) return; // settled already
    const r = await store.registrations().findOne({ _id: order.registrationId });
    const holding = paid.state === 'awaiting' && (r?.status === 'confirmed' || r?.status === 'attended');
    if (holding) {
      await setPayment(order.registrationId, 'paid');
      return;
    }
    logger?.warn({ outTradeNo: order._id }, 'payment for a seat no longer held: refunding');
    await requestRefund({ ...paid, state: 'paid' }, 'late', at);
  }

  /** Records a refund due (once per order and reason: the unique out_refund_no), then asks WeChat Pay for it. */
  async function requestRefund(order: ActivityOrder, reason: RefundReason, at: Date): Promise<void> {
    const refund: ActivityRefund = {
      _id: `${order._id}-${reason}`, orderId: order._id, activityId: order.activityId, registrationId: order.registrationId, reason,
      refundFen: order.amountFen, totalFen: order.amountFen, state: 'pending', createdAt: at,
    };
    try {
      await store.refunds().insertOne(refund);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return; // due already: the job asks for it
    }
    await setPayment(order.registrationId, 'refunding');
    await askForRefund(refund).catch((err: unknown) => logger?.warn({ err, outRefundNo: refund._id }, 'refund not requested yet; the payments job retries'));
  }

  /** WeChat Pay is asked (again: the same out_refund_no is one refund there too). */
  async function askForRefund(refund: ActivityRefund): Promise<void> {
    const answer = await gateway.refund({ outTradeNo: refund.orderId, outRefundNo: refund._id, refundFen: refund.refundFen, totalFen: refund.totalFen, reason: REFUND_LABELS[refund.reason] });
    const state = answer.status === 'SUCCESS' ? 'succeeded' : answer.status === 'PROCESSING' ? 'processing' : 'failed';
    await endRefund(refund._id, state, answer.refundId);
  }

  async function endRefund(outRefundNo: string, state: ActivityRefund['state'], refundId: string): Promise<void> {
    const done = await store.refunds().findOneAndUpdate(
      { _id: outRefundNo, state: { $in: state === 'processing' ? ['pending'] : ['pending', 'processing'] } },
      { $set: { state, refundId, ...(state === 'succeeded' || state === 'failed' ? { doneAt: now() } : {}) } },
      { returnDocument: 'after' },
    );
    if (done && state === 'succeeded') await setPayment(done.registrationId, 'refunded', { refundedFen: done.refundFen });
    if (done && state === 'failed') logger?.error({ outRefundNo }, 'refund failed at WeChat Pay: staff must follow up');
  }

  /** A verified notification (payments/wechatpay-notify.ts checked signature, time, nonce, tag, appid, mchid). */
  async function onNotification(n: PaymentNotification): Promise<void> {
    if (n.eventType === 'TRANSACTION.SUCCESS') return settlePaid(n.resource, now());
    const result: RefundResult = n.resource;
    await endRefund(result.outRefundNo, result.refundStatus === 'SUCCESS' ? 'succeeded' : 'failed', result.refundId);
  }

  /**
   * Money that must go back when a registration ends: cancelled before the cut-off (a fee or a deposit),
   * checked in (a deposit), the activity cancelled (everyone). An order still awaiting payment is
   * settled first: queried (paid after all: then refunded), else closed at WeChat Pay.
   */
  async function registrationEnded(r: Pick<RegistrationRecord, '_id'>, reason: RefundReason, at: Date): Promise<void> {
    const order = await store.orders().findOne({ _id: orderIdOf(r._id) });
    if (!order) return;
    if (order.state === 'awaiting') await settleAwaiting(order, at, { release: false });
    const now_ = await store.orders().findOne({ _id: order._id });
    if (now_?.state === 'paid') await requestRefund(now_, reason, at);
    else await setPayment(r._id, 'closed');
  }

  /** What WeChat Pay knows of an awaiting order: paid (settled as paid), else closed there and here (and the seat released when asked). */
  async function settleAwaiting(order: ActivityOrder, at: Date, opts: { release: boolean }): Promise<void> {
    const known = await gateway.queryOrder(order._id).catch((err: unknown) => {
      if (err instanceof PaymentGatewayError && err.wechatPay?.code === 'ORDER_NOT_EXIST') return null; // never reached WeChat Pay
      throw err;
    });
    if (known?.tradeState === 'SUCCESS' && known.transactionId) return settlePaid({ outTradeNo: order._id, transactionId: known.transactionId, amountFen: known.amountFen }, at);
    if (known && known.tradeState !== 'CLOSED') {
      try {
        await gateway.closeOrder(order._id);
      } catch (err) {
        // paid between the query and the close: settle it as paid
        if (err instanceof PaymentGatewayError && err.wechatPay?.code === 'ORDERPAID') return settleAwaiting(order, at, opts);
        throw err;
      }
    }
    const closed = await store.orders().findOneAndUpdate({ _id: order._id, state: 'awaiting' }, { $set: { state: 'closed' } });
    if (!closed) return;
    await setPayment(order.registrationId, 'closed');
    if (!opts.release) return;
    const r = await store.registrations().findOne({ _id: order.registrationId });
    if (r?.status === 'confirmed') await releaseSeat(r, 'expired', at);
  }

  /**
   * The payments job: holds that ran out without a payment are queried, then closed, and their seats
   * go to the line; orders paid without a notification are settled by the same query; refunds recorded
   * but not yet accepted are asked for again, and those in progress are queried.
   */
  async function runOnce(at = now()): Promise<{ released: number; refunds: number }> {
    let released = 0;
    const lapsed = await store.orders().find({ state: 'awaiting', holdUntil: { $lte: at } }, { hint: 'state_hold' }).limit(200).toArray();
    for (const order of lapsed) {
      await settleAwaiting(order, at, { release: true });
      if ((await store.orders().findOne({ _id: order._id }))?.state === 'closed') released++;
    }
    let asked = 0;
    const open = await store.refunds().find({ state: { $in: ['pending', 'processing'] } }, { hint: 'state_created' }).limit(200).toArray();
    for (const refund of open) {
      if (refund.state === 'pending') await askForRefund(refund);
      else {
        const known = await gateway.queryRefund(refund._id);
        if (known.status !== 'PROCESSING') await endRefund(refund._id, known.status === 'SUCCESS' ? 'succeeded' : 'failed', known.refundId);
      }
      asked++;
    }
    if (released || asked) logger?.info({ released, refunds: asked }, 'activity payments settled');
    return { released, refunds: asked };
  }

  /** An activity cancelled: every payment of it goes back (awaiting ones are settled first). */
  async function activityCancelled(activityId: mongo.BSON.ObjectId, at: Date): Promise<void> {
    const all = await store.orders().find({ activityId, state: { $in: ['awaiting', 'paid'] } }, { hint: 'activity_state' }).toArray();
    for (const order of all) await registrationEnded({ _id: order.registrationId }, 'activity_cancelled', at);
  }

  return { gateway, orderFor, settlePaid, onNotification, registrationEnded, activityCancelled, runOnce };
}

export type ActivityPayments = ReturnType<typeof createActivityPayments>;
