import { z } from 'zod';
import { GeoPoint } from './complaints';
import { ObjectIdString } from './identity';

/**
 * 活动发布 (PRODUCT.md §6): a community party committee (社区党委) publishes an activity; residents
 * register within its capacity (a waitlist beyond it, promoted on cancellation, as for volunteer
 * shifts), are reminded, and check in with the organiser's rotating QR code.
 */

export const ACTIVITY_AUDIENCES = ['community', 'street', 'everyone'] as const;
export const ACTIVITY_AUDIENCE_LABELS: Record<(typeof ACTIVITY_AUDIENCES)[number], string> = { community: '本社区居民', street: '全街道居民', everyone: '所有人' };

export const ActivityPrice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free') }),
  /** a fee, kept; refunded when the resident cancels before the cut-off or the activity is cancelled */
  z.strictObject({ kind: z.literal('fee'), amountFen: z.number().int().min(1).max(1_000_000) }),
  /** a deposit, refunded after check-in */
  z.strictObject({ kind: z.literal('deposit'), amountFen: z.number().int().min(1).max(1_000_000) }),
]);
export type ActivityPrice = z.infer<typeof ActivityPrice>;

/**
 * The body is written as plain text with a little structure: paragraphs split by a blank line, lines
 * starting `## ` are headings, lines starting `- ` are list items. The BFF turns it into rich-text
 * nodes it builds itself, so no markup a person typed ever reaches the page (nothing executable survives).
 */
export const ActivityDraftBody = z
  .strictObject({
    title: z.string().trim().min(2).max(60),
    body: z.string().trim().min(2).max(5000),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    place: z.strictObject({ point: GeoPoint, address: z.string().trim().min(2).max(120) }),
    capacity: z.number().int().min(1).max(2000),
    registrationDeadline: z.iso.datetime(),
    /** a resident may cancel (and be refunded a fee) until then */
    cancelCutoff: z.iso.datetime(),
    audience: z.enum(ACTIVITY_AUDIENCES),
    minAge: z.number().int().min(0).max(120).optional(),
    maxAge: z.number().int().min(0).max(120).optional(),
    realNameRequired: z.boolean(),
    price: ActivityPrice,
    /** an upload of the author's own, shown above the activity */
    coverId: ObjectIdString.optional(),
  })
  .superRefine((a, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const t = (s: string) => Date.parse(s);
    if (t(a.endsAt) <= t(a.startsAt)) issue('endsAt', '结束时间应晚于开始时间');
    if (t(a.registrationDeadline) > t(a.startsAt)) issue('registrationDeadline', '报名截止应不晚于活动开始');
    if (t(a.cancelCutoff) > t(a.startsAt)) issue('cancelCutoff', '取消截止应不晚于活动开始');
    if (a.minAge !== undefined && a.maxAge !== undefined && a.minAge > a.maxAge) issue('maxAge', '最大年龄应不小于最小年龄');
    if (a.price.kind !== 'free' && !a.realNameRequired) issue('realNameRequired', '收费或押金活动须实名报名');
    if ((a.minAge !== undefined || a.maxAge !== undefined) && !a.realNameRequired) issue('realNameRequired', '限定年龄的活动须实名报名');
  });
export type ActivityDraftBody = z.input<typeof ActivityDraftBody>;
export type ActivityDraft = z.output<typeof ActivityDraftBody>;

/** What the page renders with <rich-text>: only these node names, only text leaves. */
export type RichNode = { name: 'h3' | 'p' | 'ul' | 'li'; children: Array<RichNode | { type: 'text'; text: string }> };

export const ACTIVITY_STATES = ['draft', 'published', 'cancelled'] as const;
/** `expired`: a paid activity's seat held for payment that was not paid in time (the seat went to the line) */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'expired'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消', attended: '已签到', expired: '未按时支付' };

/** How long a seat of a paid activity is held for its payment. */
export const PAYMENT_HOLD_MINUTES = 15;
/** A paid registration's money: awaiting payment (the seat held), paid, being refunded, refunded, or closed unpaid. */
export const PAYMENT_STATES = ['awaiting', 'paid', 'refunding', 'refunded', 'closed'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = { awaiting: '待支付', paid: '已支付', refunding: '退款中', refunded: '已退款', closed: '未支付，已关闭' };

/** What wx.requestPayment takes, signed by the BFF (the order's prepay_id in `package`). */
export const RequestPaymentView = z.object({ timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal('RSA'), paySign: z.string() });
export const ActivityPaymentView = z.object({
  outTradeNo: z.string(),
  amountFen: z.number(),
  /** the seat is held until then */
  holdUntil: z.string(),
  requestPayment: RequestPaymentView,
});
export type ActivityPaymentView = z.infer<typeof ActivityPaymentView>;

export const ActivitySummary = z.object({
  id: z.string(),
  title: z.string(),
  communityName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  address: z.string(),
  audience: z.enum(ACTIVITY_AUDIENCES),
  price: ActivityPrice,
  state: z.enum(ACTIVITY_STATES),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  /** mine, when I have registered */
  registration: z.enum(REGISTRATION_STATUSES).optional(),
  /** my payment, for a paid activity I registered for */
  payment: z.enum(PAYMENT_STATES).optional(),
  coverId: z.string().optional(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const ActivityView = ActivitySummary.extend({
  body: z.string(),
  nodes: z.array(z.any()),
  point: GeoPoint,
  registrationDeadline: z.string(),
  cancelCutoff: z.string(),
  minAge: z.number().optional(),
  maxAge: z.number().optional(),
  realNameRequired: z.boolean(),
  cancelReason: z.string().optional(),
  viewer: z.object({
    manages: z.boolean(),
    canRegister: z.boolean(),
    reason: z.string().optional(),
    canCancel: z.boolean(),
    waitlistPosition: z.number().nullable(),
    /** my payment for a paid activity: its state, the amount, and until when the seat waits for it */
    payment: z.object({ state: z.enum(PAYMENT_STATES), amountFen: z.number(), holdUntil: z.string().optional(), refundedFen: z.number() }).optional(),
  }),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivityListQuery = z.strictObject({ price: z.enum(['all', 'free', 'paid']).default('all') });
export const CancelActivityBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const CheckInBody = z.strictObject({ token: z.string().min(10).max(400) });

export const RosterView = z.object({
  items: z.array(z.object({ nickname: z.string(), maskedName: z.string(), status: z.enum(REGISTRATION_STATUSES), registeredAt: z.string(), checkedInAt: z.string().optional(), payment: z.enum(PAYMENT_STATES).optional() })),
});
export const ActivityQrView = z.object({ token: z.string(), expiresAt: z.string() });
export const ActivityIdList = z.object({ items: z.array(ActivitySummary) });

/** What a day's reconciliation with WeChat Pay's trade bill found, as staff read it (amounts in fen). */
export const RECONCILIATION_KINDS = [
  'payment_unknown_here', 'payment_not_recorded_here', 'payment_amount', 'payment_not_in_bill',
  'refund_unknown_here', 'refund_not_recorded_here', 'refund_amount', 'refund_not_in_bill',
] as const;
export const RECONCILIATION_KIND_LABELS: Record<(typeof RECONCILIATION_KINDS)[number], string> = {
  payment_unknown_here: '微信支付有收款，本平台无此订单',
  payment_not_recorded_here: '微信支付已收款，本平台未记为已支付',
  payment_amount: '收款金额不一致',
  payment_not_in_bill: '本平台记为已支付，账单中没有',
  refund_unknown_here: '微信支付有退款，本平台无此退款单',
  refund_not_recorded_here: '微信支付已退款，本平台未记为已退款',
  refund_amount: '退款金额不一致',
  refund_not_in_bill: '本平台记为已退款，账单中没有',
};
export const ReconciliationQuery = z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD') });
export const ReconciliationView = z.object({
  date: z.string(),
  /** false: not reconciled yet (the bill of a day exists after 10:00 the next day) */
  done: z.boolean(),
  at: z.string().optional(),
  billRows: z.number(),
  paymentsHere: z.number(),
  refundsHere: z.number(),
  differences: z.array(z.object({ kind: z.enum(RECONCILIATION_KINDS), number: z.string(), billFen: z.number().nullable(), ourFen: z.number().nullable(), activityId: z.string().optional() })),
});
export type ReconciliationView = z.infer<typeof ReconciliationView>;
