import { createPublicKey, createVerify } from 'node:crypto';
import { DEV_WECHATPAY_MERCHANT_PRIVATE_KEY } from '../../platform/dev-wechatpay-key';
import { beijingDate } from './beijing-time';
import { PaymentGatewayError } from './payment-errors';
import { newOutTradeNo, startPaymentsKit, type PaymentsKit } from './payments-test-kit';

let kit: PaymentsKit;
beforeAll(async () => {
  kit = await startPaymentsKit('payments-gateway');
});
afterAll(() => kit.close());

const inAnHour = () => new Date(Date.now() + 3600_000);
const openid = 'o-payer-0001';

async function newOrder(amountFen = 1990) {
  const outTradeNo = newOutTradeNo();
  const created = await kit.gateway.createJsapiOrder({ outTradeNo, description: '共治-社区活动报名费', amountFen, payerOpenid: openid, expiresAt: inAnHour() });
  return { outTradeNo, ...created };
}

async function refusal(promise: Promise<unknown>): Promise<PaymentGatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentGatewayError);
  return error as PaymentGatewayError;
}

/** Waits for the simulator to have delivered `count` notifications in all. */
async function deliveries(count: number) {
  for (let i = 0; i < 200 && kit.server.paySimulator.sent().length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return kit.server.paySimulator.sent();
}

describe('orders', () => {
  it('when an order is created, then WeChat Pay holds it and the requestPayment signature verifies with the merchant key', async () => {
    const { outTradeNo, prepayId, requestPayment } = await newOrder(1990);
    expect(kit.server.paySimulator.order(outTradeNo)).toMatchObject({ prepayId, totalFen: 1990, payerOpenid: openid, state: 'NOTPAY' });
    expect(requestPayment).toMatchObject({ package: `prepay_id=${prepayId}`, signType: 'RSA' });
    const message = `${kit.server.config.wechat.appId}\n${requestPayment.timeStamp}\n${requestPayment.nonceStr}\n${requestPayment.package}\n`;
    const merchantPublicKey = createPublicKey(DEV_WECHATPAY_MERCHANT_PRIVATE_KEY);
    expect(createVerify('RSA-SHA256').update(message).verify(merchantPublicKey, requestPayment.paySign, 'base64')).toBe(true);
  });

  it('when the amount is not a whole number of fen, then no order is sent', async () => {
    const error = await refusal(kit.gateway.createJsapiOrder({ outTradeNo: newOutTradeNo(), description: 'x', amountFen: 19.9, payerOpenid: openid, expiresAt: inAnHour() }));
    expect(error.failure).toBe('malformed');
  });

  it('when the payer pays, then the query answers SUCCESS with the transaction id and amount in fen', async () => {
    const { outTradeNo } = await newOrder(500);
    expect(await kit.gateway.queryOrder(outTradeNo)).toMatchObject({ tradeState: 'NOTPAY', amountFen: 500 });
    await kit.server.paySimulator.pay(outTradeNo);
    const paid = await kit.gateway.queryOrder(outTradeNo);
    expect(paid).toMatchObject({ tradeState: 'SUCCESS', amountFen: 500, appid: kit.server.config.wechat.appId, mchid: kit.server.config.wechatPay.mchid });
    expect(paid.transactionId).toMatch(/^4200\d{24}$/);
  });

  it('when an unpaid order is closed, then it answers CLOSED and cannot be paid; a paid one cannot be closed', async () => {
    const { outTradeNo } = await newOrder();
    await kit.gateway.closeOrder(outTradeNo);
    expect((await kit.gateway.queryOrder(outTradeNo)).tradeState).toBe('CLOSED');
    await expect(kit.server.paySimulator.pay(outTradeNo)).rejects.toThrow('订单已关闭');

    const paid = await newOrder();
    await kit.server.paySimulator.pay(paid.outTradeNo, { notify: false });
    const error = await refusal(kit.gateway.closeOrder(paid.outTradeNo));
    expect(error).toMatchObject({ failure: 'refused', wechatPay: { status: 400, code: 'ORDERPAID' } });
  });

  it('when an order is unknown, then the query is refused with ORDER_NOT_EXIST', async () => {
    const error = await refusal(kit.gateway.queryOrder('NO-SUCH-ORDER-1'));
    expect(error.wechatPay).toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
  });

  it('when WeChat Pay fails the next call, then the error is thrown typed with its code', async () => {
    kit.server.paySimulator.failNext('/v3/pay/transactions/jsapi', { status: 500, code: 'SYSTEM_ERROR' });
    const error = await refusal(newOrder());
    expect(error).toMatchObject({ failure: 'refused', wechatPay: { status: 500, code: 'SYSTEM_ERROR' } });
  });

  it('when an answer is changed after WeChat Pay signed it, then the gateway refuses to read it', async () => {
    const { outTradeNo } = await newOrder(700);
    kit.server.paySimulator.tamperNextResponse('/v3/pay/transactions/out-trade-no/');
    expect((await refusal(kit.gateway.queryOrder(outTradeNo))).failure).toBe('signature');
    expect((await kit.gateway.queryOrder(outTradeNo)).amountFen).toBe(700);
  });
});

describe('refunds', () => {
  it('when a paid order is refunded once, then the refund succeeds, its notification is verified and a second refund beyond the total is refused', async () => {
    const { outTradeNo } = await newOrder(3000);
    await kit.server.paySimulator.pay(outTradeNo, { notify: false });
    const before = kit.server.paySimulator.sent().length;
    const outRefundNo = `R${outTradeNo}`.slice(0, 32);
    const refund = await kit.gateway.refund({ outTradeNo, outRefundNo, refundFen: 3000, totalFen: 3000, reason: '活动取消' });
    expect(refund.status).toBe('PROCESSING');
    expect(refund.refundId).toMatch(/^5030\d+/);

    // the same refund asked again (a retry after a timeout) is the same refund, not a second one
    expect((await kit.gateway.refund({ outTradeNo, outRefundNo, refundFen: 3000, totalFen: 3000, reason: '活动取消' })).refundId).toBe(refund.refundId);
    expect(await kit.gateway.queryRefund(outRefundNo)).toMatchObject({ status: 'SUCCESS', refundId: refund.refundId, refundFen: 3000, totalFen: 3000, outTradeNo });

    const sent = await deliveries(before + 1);
    expect(sent.filter((s) => s.outRefundNo === outRefundNo)).toEqual([expect.objectContaining({ eventType: 'REFUND.SUCCESS', status: 204 })]);
    expect(kit.handled.find((n) => n.eventType === 'REFUND.SUCCESS' && n.resource.outRefundNo === outRefundNo)?.resource).toMatchObject({ refundFen: 3000, refundStatus: 'SUCCESS' });

    const again = await refusal(kit.gateway.refund({ outTradeNo, outRefundNo: `${outRefundNo.slice(0, 30)}-2`, refundFen: 1, totalFen: 3000, reason: '重复' }));
    expect(again.wechatPay).toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
  });
});

describe('notifications', () => {
  it('when the payer pays, then TRANSACTION.SUCCESS arrives, verifies over the raw body and is handled once', async () => {
    const { outTradeNo } = await newOrder(1200);
    const [delivery] = await kit.server.paySimulator.pay(outTradeNo);
    expect(delivery).toMatchObject({ status: 204, eventType: 'TRANSACTION.SUCCESS' });
    const handled = kit.handled.filter((n) => n.eventType === 'TRANSACTION.SUCCESS' && n.resource.outTradeNo === outTradeNo);
    expect(handled).toHaveLength(1);
    expect(handled[0]!.resource).toMatchObject({ amountFen: 1200, payerOpenid: openid, tradeState: 'SUCCESS', appid: kit.server.config.wechat.appId });
  });

  it.each([
    ['bad-signature', 'signature'],
    ['wrong-key', 'signature'],
    ['unknown-serial', 'unknown-serial'],
    ['stale-timestamp', 'stale'],
    ['tampered-tag', 'decrypt'],
    ['tampered-ciphertext', 'decrypt'],
    ['wrong-appid', 'merchant'],
    ['wrong-mchid', 'merchant'],
  ] as const)('when a notification is forged (%s), then it is refused as %s and WeChat Pay is told FAIL', async (forgery, failure) => {
    const { outTradeNo } = await newOrder();
    await kit.server.paySimulator.pay(outTradeNo, { notify: false });
    const handledBefore = kit.handled.length;
    const outcomesBefore = kit.outcomes.length;
    const [delivery] = await kit.server.paySimulator.notify({ outTradeNo, forgery });
    expect(delivery!.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(delivery!.answer)).toMatchObject({ code: 'FAIL' });
    expect(kit.outcomes.slice(outcomesBefore)).toEqual([expect.objectContaining({ failure })]);
    expect(kit.handled.length).toBe(handledBefore);
  });

  it('when a notification comes again with a nonce already spent, then it is refused as replayed and not handled', async () => {
    const { outTradeNo } = await newOrder();
    await kit.server.paySimulator.pay(outTradeNo);
    const handledBefore = kit.handled.length;
    const outcomesBefore = kit.outcomes.length;
    const [delivery] = await kit.server.paySimulator.notify({ outTradeNo, forgery: 'replayed-nonce' });
    expect(kit.outcomes.slice(outcomesBefore)).toEqual([expect.objectContaining({ failure: 'replayed' })]);
    expect(delivery!.status).toBe(204);
    expect(kit.handled.length).toBe(handledBefore);
  });

  it('when the same notification arrives 10 times at once, then all ten verify but the nonce store accepts one', async () => {
    const { outTradeNo } = await newOrder(880);
    await kit.server.paySimulator.pay(outTradeNo, { notify: false });
    const handledBefore = kit.handled.length;
    const outcomesBefore = kit.outcomes.length;
    const copies = await kit.server.paySimulator.notify({ outTradeNo, times: 10, concurrent: true });
    expect(copies.map((c) => c.status)).toEqual(Array(10).fill(204));
    const outcomes = kit.outcomes.slice(outcomesBefore);
    expect(outcomes).toHaveLength(10);
    expect(outcomes.filter((o) => !(o instanceof PaymentGatewayError))).toHaveLength(1);
    expect(outcomes.filter((o) => o instanceof PaymentGatewayError && o.failure === 'replayed')).toHaveLength(9);
    expect(kit.handled.slice(handledBefore)).toHaveLength(1);
  });

  it('when WeChat Pay retries a notification re-signed with fresh nonces, then each copy is accepted (handlers are idempotent by transaction id)', async () => {
    const { outTradeNo } = await newOrder();
    await kit.server.paySimulator.pay(outTradeNo, { notify: false });
    const handledBefore = kit.handled.length;
    await kit.server.paySimulator.notify({ outTradeNo, times: 3, resign: true });
    const handled = kit.handled.slice(handledBefore);
    expect(handled).toHaveLength(3);
    expect(new Set(handled.map((n) => n.id)).size).toBe(1);
  });
});

describe('the notify_url answer', () => {
  it('when handling a verified notification fails, then WeChat Pay is answered 500 FAIL, and its re-signed retry is handled', async () => {
    const { outTradeNo } = await newOrder();
    await kit.server.paySimulator.pay(outTradeNo, { notify: false });
    const handledBefore = kit.handled.length;
    kit.failHandling.next = 1;
    const [failed, retried] = await kit.server.paySimulator.notify({ outTradeNo, times: 2, resign: true });
    expect(failed).toMatchObject({ status: 500 });
    expect(JSON.parse(failed!.answer)).toMatchObject({ code: 'FAIL' });
    expect(retried!.status).toBe(204);
    expect(kit.handled.slice(handledBefore).map((n) => n.resource.outTradeNo)).toEqual([outTradeNo]);
  });

  it('when a post carries no WeChat Pay signature headers, then it is answered 401 FAIL and nothing is handled', async () => {
    const { outTradeNo } = await newOrder();
    const handledBefore = kit.handled.length;
    const res = await fetch(kit.server.paySimulator.order(outTradeNo).notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'FAIL' });
    expect(kit.handled.length).toBe(handledBefore);
  });
});

describe('verification modes', () => {
  it('when the gateway uses the WeChat Pay public key and WeChat Pay signs with PUB_KEY_ID_, then answers and notifications verify; a certificate-mode gateway refuses them', async () => {
    const { paySimulator, config } = kit.server;
    expect(config.wechatPay.publicKeyId).toBe(paySimulator.platform.publicKeyId);
    const publicKeyGateway = kit.gatewayWith({ verification: 'publicKey' });
    const { outTradeNo } = await newOrder(660);
    paySimulator.setVerification('publicKey');
    try {
      expect(await publicKeyGateway.queryOrder(outTradeNo)).toMatchObject({ tradeState: 'NOTPAY', amountFen: 660 });
      expect((await refusal(kit.gatewayWith({}).queryOrder(outTradeNo))).failure).toBe('unknown-serial');
    } finally {
      paySimulator.setVerification('certificate');
    }
    expect((await refusal(publicKeyGateway.queryOrder(outTradeNo))).failure).toBe('unknown-serial');
    expect((await kit.gateway.queryOrder(outTradeNo)).amountFen).toBe(660);
  });
});

describe('trade bill', () => {
  it("when the day's bill is downloaded, then its hash matches and its rows carry payments and refunds in fen", async () => {
    const paid = await newOrder(1234);
    await kit.server.paySimulator.pay(paid.outTradeNo, { notify: false });
    const refunded = await newOrder(2000);
    await kit.server.paySimulator.pay(refunded.outTradeNo, { notify: false });
    const outRefundNo = `R${refunded.outTradeNo}`.slice(0, 32);
    await kit.gateway.refund({ outTradeNo: refunded.outTradeNo, outRefundNo, refundFen: 500, totalFen: 2000, reason: '部分退款' });

    const rows = await kit.gateway.tradeBill(beijingDate(Date.now()));
    expect(rows.find((r) => r.outTradeNo === paid.outTradeNo && r.tradeState === 'SUCCESS')).toMatchObject({
      orderFen: 1234,
      settlementFen: 1234,
      refundFen: 0,
      description: '共治-社区活动报名费',
      payerOpenid: openid,
      tradeType: 'JSAPI',
    });
    expect(rows.find((r) => r.tradeState === 'REFUND' && r.outRefundNo === outRefundNo)).toMatchObject({ outTradeNo: refunded.outTradeNo, refundFen: 500, refundStatus: 'SUCCESS' });
    expect(await kit.gateway.tradeBill('2001-01-01')).toEqual([]);
  });
});
