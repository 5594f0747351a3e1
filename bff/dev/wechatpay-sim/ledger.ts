import { randomBytes } from 'node:crypto';
import { beijingRfc3339 } from '../../src/modules/payments/beijing-time';

export { beijingRfc3339 as beijingTime };

/** WeChat Pay's trade states that a JSAPI order of ours can reach. */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface SimOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  notifyUrl: string;
  totalFen: number;
  payerOpenid: string;
  timeExpire?: string;
  prepayId: string;
  createdAt: number;
  state: TradeState;
  transactionId?: string;
  successAt?: number;
  /** the payer pressed cancel in the payment sheet: WeChat keeps the order NOTPAY */
  payerCancelled: boolean;
}

export interface SimRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string;
  status: 'PROCESSING' | 'SUCCESS';
  createdAt: number;
  successAt?: number;
}

/** A refused call, as WeChat Pay v3 answers it: an HTTP status and `{ code, message }`. */
export class PayFault extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Orders and refunds in memory, with WeChat Pay's rules for moving between states. */
export function createLedger(now: () => number) {
  const orders = new Map<string, SimOrder>();
  const byPrepayId = new Map<string, SimOrder>();
  const refunds = new Map<string, SimRefund>();

  function order(outTradeNo: string): SimOrder {
    const found = orders.get(outTradeNo);
    if (!found) throw new PayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
    return found;
  }

  /** An order past its time_expire and unpaid is closed, as WeChat closes it. */
  function settleExpiry(o: SimOrder): void {
    if (o.state === 'NOTPAY' && o.timeExpire && Date.parse(o.timeExpire) <= now()) o.state = 'CLOSED';
  }

  return {
    createOrder(input: Omit<SimOrder, 'prepayId' | 'createdAt' | 'state' | 'payerCancelled'>): SimOrder {
      const existing = orders.get(input.outTradeNo);
      if (existing) {
        // WeChat answers the same prepay_id to an identical retry, and refuses a reused number otherwise.
        const same = existing.totalFen === input.totalFen && existing.payerOpenid === input.payerOpenid && existing.description === input.description;
        if (!same || existing.state !== 'NOTPAY') throw new PayFault(400, 'INVALID_REQUEST', '201 商户订单号重复');
        return existing;
      }
      const created: SimOrder = { ...input, prepayId: `wx${randomBytes(16).toString('hex')}`, createdAt: now(), state: 'NOTPAY', payerCancelled: false };
      orders.set(created.outTradeNo, created);
      byPrepayId.set(created.prepayId, created);
      return created;
    },

    order(outTradeNo: string): SimOrder {
      const o = order(outTradeNo);
      settleExpiry(o);
      return o;
    },

    orderByPrepayId(prepayId: string): SimOrder | undefined {
      const o = byPrepayId.get(prepayId);
      if (o) settleExpiry(o);
      return o;
    },

    pay(outTradeNo: string): SimOrder {
      const o = order(outTradeNo);
      settleExpiry(o);
      if (o.state === 'CLOSED') throw new PayFault(400, 'ORDER_CLOSED', '订单已关闭');
      if (o.state !== 'NOTPAY') throw new PayFault(400, 'ORDERPAID', '订单已支付');
      o.state = 'SUCCESS';
      o.successAt = now();
      o.transactionId = `4200${randomBytes(12).toString('hex').replace(/\D/g, '').padEnd(24, '7').slice(0, 24)}`;
      return o;
    },

    cancelByPayer(outTradeNo: string): SimOrder {
      const o = order(outTradeNo);
      o.payerCancelled = true;
      return o;
    },

    expire(outTradeNo: string): SimOrder {
      const o = order(outTradeNo);
      if (o.state !== 'NOTPAY') throw new PayFault(400, 'ORDERPAID', '订单已支付');
      o.timeExpire = new Date(now() - 1000).toISOString();
      o.state = 'CLOSED';
      return o;
    },

    close(outTradeNo: string): void {
      const o = order(outTradeNo);
      settleExpiry(o);
      if (o.state === 'SUCCESS' || o.state === 'REFUND') throw new PayFault(400, 'ORDERPAID', '订单已支付，不能关闭');
      o.state = 'CLOSED';
    },

    refund(input: { outTradeNo: string; outRefundNo: string; refundFen: number; totalFen: number; reason: string; notifyUrl?: string }): { refund: SimRefund; isNew: boolean } {
      const existing = refunds.get(input.outRefundNo);
      if (existing) {
        if (existing.outTradeNo !== input.outTradeNo || existing.refundFen !== input.refundFen) {
          throw new PayFault(400, 'INVALID_REQUEST', '商户退款单号重复');
        }
        return { refund: existing, isNew: false };
      }
      const o = order(input.outTradeNo);
      if (o.state !== 'SUCCESS' && o.state !== 'REFUND') throw new PayFault(400, 'INVALID_REQUEST', '订单未支付，不能退款');
      if (input.totalFen !== o.totalFen) throw new PayFault(400, 'PARAM_ERROR', '订单金额与原订单不一致');
      const refunded = [...refunds.values()].filter((r) => r.outTradeNo === o.outTradeNo).reduce((sum, r) => sum + r.refundFen, 0);
      if (input.refundFen < 1 || refunded + input.refundFen > o.totalFen) throw new PayFault(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
      const refund: SimRefund = {
        outRefundNo: input.outRefundNo,
        refundId: `5030${randomBytes(10).toString('hex').replace(/\D/g, '').padEnd(25, '3').slice(0, 25)}`,
        outTradeNo: o.outTradeNo,
        transactionId: o.transactionId!,
        refundFen: input.refundFen,
        totalFen: o.totalFen,
        reason: input.reason,
        notifyUrl: input.notifyUrl || o.notifyUrl,
        status: 'PROCESSING',
        createdAt: now(),
      };
      refunds.set(refund.outRefundNo, refund);
      o.state = 'REFUND';
      return { refund, isNew: true };
    },

    /** The bank side finishes a refund (the simulator does it right after accepting it). */
    completeRefund(outRefundNo: string): SimRefund {
      const r = refunds.get(outRefundNo)!;
      r.status = 'SUCCESS';
      r.successAt = now();
      return r;
    },

    refundOf(outRefundNo: string): SimRefund {
      const r = refunds.get(outRefundNo);
      if (!r) throw new PayFault(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return r;
    },

    orders: () => [...orders.values()],
    refunds: () => [...refunds.values()],
  };
}

export type Ledger = ReturnType<typeof createLedger>;
