import { startTestServer, type TestServer } from '../../../test/http';
import { cstDate } from '@gongzhi/shared';
import { nowMs, resetClock } from '../../platform/clock';
import { FORGERIES } from '../../../dev/wechatpay-simulator';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { createActivityService } from './activities.service';
import { createPaymentGateway, paymentGatewayConfig } from '../payments/payment-gateway';
import { connectDatabase } from '../../platform/database';
import type { Connection } from 'mongoose';

/**
 * Paid activities against the WeChat Pay simulator, over HTTP: the simulator pays, notifies (also ten
 * times at once, forged, replayed), lets holds run out and refunds; the payments job is the worker's.
 */
let server: TestServer;
let world: VolunteerWorld;
let party: string;
let conn: Connection;
/** the worker's payments job, at a moment of our choosing (moving the clock would also expire the test's tokens) */
let job: (at?: Date) => Promise<unknown>;
beforeAll(async () => {
  server = await startTestServer('activity-payments');
  world = await setUpVolunteerWorld(server);
  party = (await server.login('party-lianhua')).accessToken;
  conn = await connectDatabase(server.mongoUri);
  const payments = createActivityService({ conn, config: server.config, cipher: undefined as never }, createPaymentGateway(paymentGatewayConfig(server.config), { conn })).payments;
  job = (at) => payments.runOnce(at);
});
afterEach(() => resetClock());
afterAll(async () => {
  await server.paySimulator.whenIdle();
  await conn.close();
  await server.close();
});

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function paidActivity(over: Record<string, unknown> = {}): Promise<string> {
  const start = nowMs() + 72 * HOUR;
  const created = await server.call('POST', '/api/v1/activities', {
    token: party,
    body: {
      title: '亲子手工课', body: '材料费每人 30 元。', startsAt: iso(start), endsAt: iso(start + 2 * HOUR),
      place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区党群服务中心' }, capacity: 1,
      registrationDeadline: iso(start - 2 * HOUR), cancelCutoff: iso(start - 24 * HOUR), audience: 'community', realNameRequired: true,
      price: { kind: 'fee', amountFen: 3000 }, ...over,
    },
  });
  if (created.status !== 201) throw new Error(`activity: ${created.status} ${JSON.stringify(created.body)}`);
  await server.call('POST', `/api/v1/activities/${created.body.id}/publish`, { token: party });
  return created.body.id as string;
}

const register = (token: string, id: string) => server.call('POST', `/api/v1/activities/${id}/registrations`, { token });
const payFor = (token: string, id: string) => server.call('POST', `/api/v1/activities/${id}/payment`, { token });
const detail = async (token: string, id: string) => (await server.call('GET', `/api/v1/activities/${id}`, { token })).body;
const orders = async () => server.rawDocuments('activity_orders');
const refunds = async (orderId: string) => (await server.rawDocuments('activity_refunds')).filter((r) => r.orderId === orderId);

async function registeredAndOrdered(name: string, id: string): Promise<{ token: string; outTradeNo: string }> {
  const token = await residentAged(server, world, name);
  expect((await register(token, id)).status).toBe(201);
  const paid = await payFor(token, id);
  expect(paid.status).toBe(200);
  return { token, outTradeNo: paid.body.outTradeNo as string };
}

describe('paying for an activity', () => {
  it('when a resident registers, then the seat is held 15 minutes for an order of the exact amount, the same order however often asked, and WeChat Pay signs the payment', async () => {
    const id = await paidActivity();
    const token = await residentAged(server, world, 'pay-hold');
    expect((await register(token, id)).status).toBe(201);
    const view = await detail(token, id);
    expect(view.viewer.payment).toMatchObject({ state: 'awaiting', amountFen: 3000, refundedFen: 0 });
    expect(Date.parse(view.viewer.payment.holdUntil) - nowMs()).toBeGreaterThan(14 * 60_000);
    const twice = await Promise.all([payFor(token, id), payFor(token, id), payFor(token, id)]);
    expect(twice.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(twice.map((r) => r.body.outTradeNo)).size).toBe(1);
    expect(new Set(twice.map((r) => r.body.requestPayment.package)).size).toBe(1);
    expect(twice[0]!.body.requestPayment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(server.paySimulator.order(twice[0]!.body.outTradeNo).totalFen).toBe(3000);
    // someone else's payment: nothing to pay
    expect((await payFor(await residentAged(server, world, 'pay-hold-other'), id)).status).toBe(409);
  });

  it('when the notification comes ten times at once, then the registration is paid once', async () => {
    const id = await paidActivity();
    const { token, outTradeNo } = await registeredAndOrdered('pay-ten', id);
    await server.paySimulator.pay(outTradeNo, { notify: false });
    const sent = await server.paySimulator.notify({ outTradeNo, times: 10, concurrent: true });
    expect(sent.filter((n) => n.status === 204).length).toBe(10);
    expect((await detail(token, id)).viewer.payment.state).toBe('paid');
    const order = (await orders()).find((o) => o._id === outTradeNo)!;
    expect(order).toMatchObject({ state: 'paid', amountFen: 3000 });
    expect(await refunds(outTradeNo)).toHaveLength(0);
  });

  it('when a notification is forged, stale, replayed, tampered or for another amount or app, then it is refused and nothing changes', async () => {
    const id = await paidActivity();
    const { token, outTradeNo } = await registeredAndOrdered('pay-forged', id);
    await server.paySimulator.pay(outTradeNo, { notify: false });
    for (const forgery of FORGERIES.filter((f) => f !== 'replayed-nonce')) {
      const [sent] = await server.paySimulator.notify({ outTradeNo, forgery });
      expect([forgery, sent!.status >= 400]).toEqual([forgery, true]);
    }
    expect((await detail(token, id)).viewer.payment.state).toBe('awaiting');
    expect((await orders()).find((o) => o._id === outTradeNo)!.state).toBe('awaiting');
    // the genuine one counts; a replay of its nonce is answered as a copy and handled no further
    expect((await server.paySimulator.notify({ outTradeNo }))[0]!.status).toBe(204);
    const paidAt = (await orders()).find((o) => o._id === outTradeNo)!.paidAt;
    expect((await server.paySimulator.notify({ outTradeNo, forgery: 'replayed-nonce' }))[0]!.status).toBe(204);
    expect((await orders()).find((o) => o._id === outTradeNo)!.paidAt).toEqual(paidAt);
    expect((await detail(token, id)).viewer.payment.state).toBe('paid');
  });

  it('when a hold runs out unpaid, then the job queries the order, closes it, and the seat goes to the first in line, whose own hold starts', async () => {
    const id = await paidActivity();
    const first = await registeredAndOrdered('pay-expire-1', id);
    const second = await residentAged(server, world, 'pay-expire-2');
    expect((await register(second, id)).status).toBe(201);
    expect((await detail(second, id)).registration).toBe('waitlisted');
    await job(); // nothing ran out yet
    const held = await detail(first.token, id);
    expect([held.registration, held.viewer.payment?.state]).toEqual(['confirmed', 'awaiting']);
    await job(new Date(nowMs() + 16 * 60_000));
    expect(server.paySimulator.order(first.outTradeNo).state).toBe('CLOSED');
    const lapsed = await detail(first.token, id);
    expect([lapsed.registration, lapsed.viewer.payment.state]).toEqual(['expired', 'closed']);
    const promoted = await detail(second, id);
    expect([promoted.registration, promoted.viewer.payment.state]).toEqual(['confirmed', 'awaiting']);
    expect((await payFor(first.token, id)).status).toBe(409);
    expect((await payFor(second, id)).status).toBe(200);
  });

  it('when a payment was made but never notified, then the job settles it from the query', async () => {
    const id = await paidActivity();
    const { token, outTradeNo } = await registeredAndOrdered('pay-silent', id);
    await server.paySimulator.pay(outTradeNo, { notify: false });
    await job(new Date(nowMs() + 16 * 60_000));
    expect((await detail(token, id)).viewer.payment.state).toBe('paid');
  });

  it('when a paid resident cancels before the cut-off, then the fee is refunded once, even when the job runs twice, and the refund notice marks it refunded', async () => {
    const id = await paidActivity();
    const { token, outTradeNo } = await registeredAndOrdered('pay-refund', id);
    await server.paySimulator.pay(outTradeNo);
    expect((await detail(token, id)).viewer.payment.state).toBe('paid');
    expect((await server.call('POST', `/api/v1/activities/${id}/registrations/cancel`, { token })).status).toBe(200);
    await Promise.all([job(), job()]);
    await job();
    await server.paySimulator.whenIdle();
    const done = await refunds(outTradeNo);
    expect(done.map((r) => [r.reason, r.refundFen])).toEqual([['withdrawn', 3000]]);
    // one refund at WeChat Pay: one refund result sent
    expect(server.paySimulator.sent().filter((n) => n.eventType === 'REFUND.SUCCESS' && n.outTradeNo === outTradeNo)).toHaveLength(1);
    const view = await detail(token, id);
    expect([view.registration, view.viewer.payment.state, view.viewer.payment.refundedFen]).toEqual(['cancelled', 'refunded', 3000]);
  });

  it('when the organiser cancels a paid activity, then everyone who paid is refunded and an unpaid order is closed', async () => {
    const id = await paidActivity({ capacity: 2 });
    const paid = await registeredAndOrdered('pay-cancelled-1', id);
    const unpaid = await registeredAndOrdered('pay-cancelled-2', id);
    await server.paySimulator.pay(paid.outTradeNo);
    expect((await server.call('POST', `/api/v1/activities/${id}/cancel`, { token: party, body: { reason: '场地临时维修' } })).status).toBe(200);
    await server.paySimulator.whenIdle();
    expect((await refunds(paid.outTradeNo)).map((r) => r.reason)).toEqual(['activity_cancelled']);
    expect(await refunds(unpaid.outTradeNo)).toHaveLength(0);
    expect(server.paySimulator.order(unpaid.outTradeNo).state).toBe('CLOSED');
    expect((await detail(paid.token, id)).viewer.payment.state).toBe('refunded');
  });

  it('when a payment lands after its seat was released, then it is refunded automatically', async () => {
    const id = await paidActivity();
    const { token, outTradeNo } = await registeredAndOrdered('pay-late', id);
    server.paySimulator.holdNotifications();
    await server.paySimulator.pay(outTradeNo);
    // the job's query finds no order (WeChat Pay's answer before an order reached it): the hold is released unpaid
    server.paySimulator.failNext('/v3/pay/transactions/out-trade-no', { status: 404, code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    await job(new Date(nowMs() + 16 * 60_000));
    expect((await detail(token, id)).registration).toBe('expired');
    await server.paySimulator.releaseNotifications();
    await server.paySimulator.whenIdle();
    expect((await refunds(outTradeNo)).map((r) => r.reason)).toEqual(['late']);
    expect((await detail(token, id)).viewer.payment.state).toBe('refunded');
  });
});

describe('reconciling with WeChat Pay\'s trade bill', () => {
  it('when a payment was never recorded here and an order was marked paid that WeChat Pay never took, then the day\'s reconciliation lists both, and the organiser reads them', async () => {
    const id = await paidActivity({ capacity: 3 });
    const unrecorded = await registeredAndOrdered('pay-bill-1', id);
    const phantom = await registeredAndOrdered('pay-bill-2', id);
    const fine = await registeredAndOrdered('pay-bill-3', id);
    await server.paySimulator.pay(fine.outTradeNo);
    await server.paySimulator.pay(unrecorded.outTradeNo, { notify: false }); // paid at WeChat Pay, not here (yet)
    await conn.db!.collection<{ _id: string }>('activity_orders').updateOne({ _id: phantom.outTradeNo }, { $set: { state: 'paid', paidAt: new Date(), transactionId: 'x' } });
    const today = cstDate(nowMs());
    const payments = createActivityService({ conn, config: server.config, cipher: undefined as never }, createPaymentGateway(paymentGatewayConfig(server.config), { conn })).payments;
    const found = await payments.reconcile(today);
    const planted = found.differences.filter((d) => [unrecorded.outTradeNo, phantom.outTradeNo, fine.outTradeNo].includes(d.number)).map((d) => [d.kind, d.number]);
    expect(planted.sort()).toEqual([['payment_not_in_bill', phantom.outTradeNo], ['payment_not_recorded_here', unrecorded.outTradeNo]].sort());
    const read = await server.call('GET', `/api/v1/payments/reconciliation?date=${today}`, { token: party });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ date: today, done: true });
    expect(read.body.differences.map((d: { number: string }) => d.number)).toEqual(expect.arrayContaining([phantom.outTradeNo, unrecorded.outTradeNo]));
    // residents may not read it; a malformed date is refused
    expect((await server.call('GET', `/api/v1/payments/reconciliation?date=${today}`, { token: fine.token })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/payments/reconciliation?date=2026-1-1', { token: party })).status).toBe(400);
  });
});
