import { Schema, Types, type Connection, type mongo } from 'mongoose';
import { cstDate, cstMinute, fromCst, PAYMENT_HOLD_MINUTES, type ActivityPaymentView, type PaymentState } from '@gongzhi/shared';
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

/** One difference between WeChat Pay's bill and our books, by order (or refund) number, amounts in fen. */
export interface ReconciliationDifference {
  kind:
    | 'payment_unknown_here' | 'payment_not_recorded_here' | 'payment_amount' | 'payment_not_in_bill'
    | 'refund_unknown_here' | 'refund_not_recorded_here' | 'refund_amount' | 'refund_not_in_bill';
  number: string;
  billFen: number | null;
  ourFen: number | null;
  activityId?: mongo.BSON.ObjectId;
}

export interface Reconciliation {
  /** the Beijing day, YYYY-MM-DD */
  _id: string;
  at: Date;
  billRows: number;
  paymentsHere: number;
  refundsHere: number;
  differences: ReconciliationDifference[];
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
const reconciliations = loose('payment_reconciliations');
const Orders = modelFor('ActivityOrder', orders);
const Reconciliations = modelFor('PaymentReconciliation', reconciliations);
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
  Reconciliations(conn);
  const store = {
    orders: () => conn.db!.collection<ActivityOrder>('activity_orders'),
    refunds: () => conn.db!.collection<ActivityRefund>('activity_refunds'),
    registrations: () => conn.db!.collection<RegistrationRecord>('activity_registrations'),
    activities: () => conn.db!.collection<ActivityRecord>('activities'),
    reconciliations: () => conn.db!.collection<Reconciliation>('payment_reconciliations'),
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

  /**
   * What WeChat Pay knows of an awaiting order: paid (settled as paid), else closed there and here (and
   * the seat released when asked). True when this call closed it.
   */
  async function settleAwaiting(order: ActivityOrder, at: Date, opts: { release: boolean }): Promise<boolean> {
    const known = await gateway.queryOrder(order._id).catch((err: unknown) => {
      if (err instanceof PaymentGatewayError && err.wechatPay?.code === 'ORDER_NOT_EXIST') return null; // never reached WeChat Pay
      throw err;
    });
    if (known?.tradeState === 'SUCCESS' && known.transactionId) {
      await settlePaid({ outTradeNo: order._id, transactionId: known.transactionId, amountFen: known.amountFen }, at);
      return false;
    }
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
    if (!closed) return false;
    await setPayment(order.registrationId, 'closed');
    if (opts.release) {
      const r = await store.registrations().findOne({ _id: order.registrationId });
      if (r?.status === 'confirmed') await releaseSeat(r, 'expired', at);
    }
    return true;
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
      if (await settleAwaiting(order, at, { release: true })) released++;
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
    await reconcileYesterdayOnce(at);
    if (released || asked) logger?.info({ released, refunds: asked }, 'activity payments settled');
    return { released, refunds: asked };
  }

  /** An activity cancelled: every payment of it goes back (awaiting ones are settled first). */
  async function activityCancelled(activityId: mongo.BSON.ObjectId, at: Date): Promise<void> {
    const all = await store.orders().find({ activityId, state: { $in: ['awaiting', 'paid'] } }, { hint: 'activity_state' }).toArray();
    for (const order of all) await registrationEnded({ _id: order.registrationId }, 'activity_cancelled', at);
  }

  /**
   * The day's reconciliation (a Beijing calendar day): WeChat Pay's trade bill against our paid orders
   * and finished refunds, every difference listed for staff, kept under the date (run again: replaced).
   */
  async function reconcile(date: string, at = now()): Promise<Reconciliation> {
    const bill = await gateway.tradeBill(date);
    const start = fromCst(date);
    const end = new Date(start.getTime() + 24 * 3600_000);
    const [paidHere, refundedHere] = await Promise.all([
      store.orders().find({ state: 'paid', paidAt: { $gte: start, $lt: end } }).toArray(),
      store.refunds().find({ state: 'succeeded', doneAt: { $gte: start, $lt: end } }).toArray(),
    ]);
    const billed = bill.filter((r) => r.tradeState === 'SUCCESS');
    const billedRefunds = bill.filter((r) => r.tradeState === 'REFUND');
    const ordersOf = billed.length ? await store.orders().find({ _id: { $in: billed.map((r) => r.outTradeNo) } }).toArray() : [];
    const refundsOf = billedRefunds.length ? await store.refunds().find({ _id: { $in: billedRefunds.map((r) => r.outRefundNo ?? '') } }).toArray() : [];
    const differences: ReconciliationDifference[] = [];
    const differ = (kind: ReconciliationDifference['kind'], no: string, billFen: number | null, ourFen: number | null, activityId?: mongo.BSON.ObjectId) =>
      differences.push({ kind, number: no, billFen, ourFen, ...(activityId ? { activityId } : {}) });
    for (const row of billed) {
      const ours = ordersOf.find((o) => o._id === row.outTradeNo);
      if (!ours) differ('payment_unknown_here', row.outTradeNo, row.orderFen, null);
      else if (ours.state !== 'paid') differ('payment_not_recorded_here', row.outTradeNo, row.orderFen, null, ours.activityId);
      else if (ours.amountFen !== row.orderFen) differ('payment_amount', row.outTradeNo, row.orderFen, ours.amountFen, ours.activityId);
    }
    for (const o of paidHere) if (!billed.some((r) => r.outTradeNo === o._id)) differ('payment_not_in_bill', o._id, null, o.amountFen, o.activityId);
    for (const row of billedRefunds) {
      const ours = refundsOf.find((r) => r._id === row.outRefundNo);
      if (!ours) differ('refund_unknown_here', row.outRefundNo ?? row.outTradeNo, row.refundFen, null);
      else if (ours.state !== 'succeeded') differ('refund_not_recorded_here', ours._id, row.refundFen, null, ours.activityId);
      else if (ours.refundFen !== row.refundFen) differ('refund_amount', ours._id, row.refundFen, ours.refundFen, ours.activityId);
    }
    for (const r of refundedHere) if (!billedRefunds.some((row) => row.outRefundNo === r._id)) differ('refund_not_in_bill', r._id, null, r.refundFen, r.activityId);
    const result: Reconciliation = { _id: date, at, billRows: bill.length, paymentsHere: paidHere.length, refundsHere: refundedHere.length, differences };
    await store.reconciliations().replaceOne({ _id: date }, result, { upsert: true });
    if (differences.length) logger?.warn({ date, differences: differences.length }, 'payment reconciliation found differences');
    return result;
  }

  /** Yesterday's reconciliation once its bill exists (WeChat Pay makes it after 10:00 Beijing time), if not done yet. */
  async function reconcileYesterdayOnce(at: Date): Promise<void> {
    if (Number(cstMinute(at).slice(11, 13)) < 10) return;
    const yesterday = cstDate(at.getTime() - 24 * 3600_000);
    if (await store.reconciliations().findOne({ _id: yesterday }, { projection: { _id: 1 } })) return;
    await reconcile(yesterday, at);
  }

  /** A reconciliation as staff read it: the street admin every difference, a party committee those of its community's activities. */
  async function reconciliationFor(user: UserRecord, date: string): Promise<Reconciliation | null> {
    const found = await store.reconciliations().findOne({ _id: date });
    if (!found) return null;
    const admin = (user.roles ?? []).some((b) => b.role === 'admin');
    if (admin) return found;
    const communities = (user.roles ?? []).flatMap((b) => (b.role === 'party_committee' && b.communityId ? [String(b.communityId)] : []));
    const ids = [...new Set(found.differences.flatMap((d) => (d.activityId ? [d.activityId.toHexString()] : [])))];
    const theirs = ids.length ? await store.activities().find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { projection: { communityId: 1 } }).toArray() : [];
    const mine = new Set(theirs.filter((a) => communities.includes(String(a.communityId))).map((a) => a._id.toHexString()));
    return { ...found, differences: found.differences.filter((d) => d.activityId && mine.has(d.activityId.toHexString())) };
  }

  return { gateway, reconcile, reconcileYesterdayOnce, reconciliationFor, orderFor, settlePaid, onNotification, registrationEnded, activityCancelled, runOnce };
}

export type ActivityPayments = ReturnType<typeof createActivityPayments>;
