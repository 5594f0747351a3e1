import { createDecipheriv, createVerify, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newOutTradeNo, startPaymentsKit, type PaymentsKit } from '../src/modules/payments/payments-test-kit';
import { beijingDate } from '../src/modules/payments/beijing-time';
import { TRADE_BILL_COLUMNS } from './wechatpay-simulator';
import { tradeBillCsv } from './wechatpay-sim/bill';

let kit: PaymentsKit;
beforeAll(async () => {
  kit = await startPaymentsKit('wechatpay-simulator');
});
afterAll(() => kit.close());

const sim = () => kit.server.paySimulator;
const openid = 'o-sim-payer';

async function newOrder(amountFen = 4200, expiresAt = new Date(Date.now() + 3600_000)) {
  const outTradeNo = newOutTradeNo('S');
  const { prepayId } = await kit.gateway.createJsapiOrder({ outTradeNo, description: '社区活动<报名>', amountFen, payerOpenid: openid, expiresAt });
  return { outTradeNo, prepayId };
}

function verifiesWithPlatformCertificate(headers: Headers, body: string): boolean {
  const key = new X509Certificate(sim().platform.certificatePem).publicKey;
  const message = `${headers.get('wechatpay-timestamp')}\n${headers.get('wechatpay-nonce')}\n${body}\n`;
  return createVerify('RSA-SHA256').update(message).verify(key, headers.get('wechatpay-signature') ?? '', 'base64');
}

describe('the merchant signature on requests', () => {
  it('when a request carries no signature, then WeChat Pay answers 401 SIGN_ERROR, itself signed', async () => {
    const res = await fetch(`${sim().url}/v3/pay/transactions/out-trade-no/ANY0001?mchid=${kit.server.config.wechatPay.mchid}`);
    const body = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ code: 'SIGN_ERROR' });
    expect(res.headers.get('wechatpay-serial')).toBe(sim().platform.certificateSerial);
    expect(verifiesWithPlatformCertificate(res.headers, body)).toBe(true);
  });

  it('when a request is signed with another key, then it is refused', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const impostor = kit.gatewayWith({ merchantPrivateKey: stranger });
    await expect(impostor.queryOrder('ANY0001')).rejects.toMatchObject({ failure: 'refused', wechatPay: { status: 401, code: 'SIGN_ERROR' } });
  });
});

describe('platform certificates', () => {
  it('when the certificate list is read, then it holds the platform certificate encrypted under the APIv3 key', async () => {
    // signed like any request, by the gateway's own SDK instance, through a fresh gateway whose first verification downloads the list
    const { outTradeNo } = await newOrder();
    expect((await kit.gatewayWith({}).queryOrder(outTradeNo)).tradeState).toBe('NOTPAY');
    const served = await fetch(`${sim().url}/dev/platform`).then((r) => r.json());
    expect(served).toMatchObject({ certificateSerial: sim().platform.certificateSerial, publicKeyId: expect.stringMatching(/^PUB_KEY_ID_/) });
    expect(new X509Certificate(served.certificatePem).serialNumber.toUpperCase()).toBe(sim().platform.certificateSerial);
  });

  it('when a notification is sent, then it is signed by the platform certificate and its resource opens with AES-256-GCM under the APIv3 key', async () => {
    const captured: Array<{ headers: Headers; body: string }> = [];
    const capture = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        captured.push({ headers: new Headers(req.headers as Record<string, string>), body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    capture.listen(0, '127.0.0.1');
    await once(capture, 'listening');
    try {
      const outTradeNo = newOutTradeNo('C');
      const notifyUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/notify`;
      await kit.gatewayWith({ notifyUrl }).createJsapiOrder({ outTradeNo, description: '捕获', amountFen: 321, payerOpenid: openid, expiresAt: new Date(Date.now() + 60_000) });
      await sim().pay(outTradeNo);
      expect(captured).toHaveLength(1);
      const { headers, body } = captured[0]!;
      expect(headers.get('wechatpay-serial')).toBe(sim().platform.certificateSerial);
      expect(verifiesWithPlatformCertificate(headers, body)).toBe(true);
      const envelope = JSON.parse(body);
      expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' } });
      const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(kit.server.config.secrets.wechatPayApiV3Key), Buffer.from(envelope.resource.nonce));
      decipher.setAuthTag(bytes.subarray(-16));
      decipher.setAAD(Buffer.from('transaction'));
      const plain = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString('utf8'));
      expect(plain).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 321, currency: 'CNY' }, payer: { openid } });
      expect(plain.success_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    } finally {
      capture.close();
    }
  });
});

describe('the payer', () => {
  it('when the H5 pay page is opened, then it shows the amount and two labelled buttons in Chinese', async () => {
    const { prepayId } = await newOrder(4200);
    const res = await fetch(`${sim().url}/dev/pay?prepay_id=${prepayId}&return=${encodeURIComponent('http://127.0.0.1:10086/#/pages/me/index')}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('¥42.00');
    expect(html).toContain('aria-label="支付金额 42.00 元"');
    expect(html).toMatch(/<button[^>]*value="pay"[^>]*>确认支付<\/button>/);
    expect(html).toMatch(/<button[^>]*value="cancel"[^>]*>取消支付<\/button>/);
    expect(html).toContain('社区活动&#60;报名&#62;');
  });

  it('when the tester presses 确认支付, then the order is paid, notified, and the browser is sent back with result=paid', async () => {
    const { outTradeNo, prepayId } = await newOrder(4200);
    const form = new URLSearchParams({ prepay_id: prepayId, return: 'http://127.0.0.1:10086/#/pay-result', action: 'pay' });
    const res = await fetch(`${sim().url}/dev/pay`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('result')).toBe('paid');
    expect(back.searchParams.get('out_trade_no')).toBe(outTradeNo);
    expect(sim().order(outTradeNo).state).toBe('SUCCESS');
    expect(sim().sent().filter((s) => s.outTradeNo === outTradeNo)).toEqual([expect.objectContaining({ eventType: 'TRANSACTION.SUCCESS', status: 204 })]);
  });

  it('when the tester presses 取消支付, then the order stays unpaid and the browser is sent back with result=cancelled', async () => {
    const { outTradeNo, prepayId } = await newOrder();
    const form = new URLSearchParams({ prepay_id: prepayId, return: 'http://127.0.0.1:10086/', action: 'cancel' });
    const res = await fetch(`${sim().url}/dev/pay`, { method: 'POST', body: form, redirect: 'manual' });
    expect(new URL(res.headers.get('location')!).searchParams.get('result')).toBe('cancelled');
    expect(sim().order(outTradeNo)).toMatchObject({ state: 'NOTPAY', payerCancelled: true });
  });

  it('when the return address is not http(s), then the page refuses it', async () => {
    const { prepayId } = await newOrder();
    const res = await fetch(`${sim().url}/dev/pay?prepay_id=${prepayId}&return=${encodeURIComponent('javascript:alert(1)')}`);
    expect(res.status).toBe(400);
  });

  it('when an order expires (control or time_expire passed), then WeChat Pay answers CLOSED and it cannot be paid', async () => {
    const { outTradeNo } = await newOrder();
    await fetch(`${sim().url}/dev/orders/${outTradeNo}/expire`, { method: 'POST' });
    expect((await kit.gateway.queryOrder(outTradeNo)).tradeState).toBe('CLOSED');
    const paid = await fetch(`${sim().url}/dev/orders/${outTradeNo}/pay`, { method: 'POST' });
    expect(paid.status).toBe(400);

    const lapsed = await newOrder(100, new Date(Date.now() - 1000));
    expect((await kit.gateway.queryOrder(lapsed.outTradeNo)).tradeState).toBe('CLOSED');
  });
});

describe('notification controls', () => {
  it('when notifications are held and released in reverse, then they arrive in that order', async () => {
    const first = await newOrder();
    const second = await newOrder();
    await fetch(`${sim().url}/dev/notifications/hold`, { method: 'POST' });
    await sim().pay(first.outTradeNo);
    await sim().pay(second.outTradeNo);
    expect(sim().sent().some((s) => s.outTradeNo === first.outTradeNo)).toBe(false);
    const released = await fetch(`${sim().url}/dev/notifications/release`, { method: 'POST', body: JSON.stringify({ order: 'reverse' }) }).then((r) => r.json());
    expect(released.notifications.map((n: { outTradeNo: string }) => n.outTradeNo)).toEqual([second.outTradeNo, first.outTradeNo]);
    const listed = await fetch(`${sim().url}/dev/notifications`).then((r) => r.json());
    expect(listed.held).toBe(0);
    expect(listed.notifications.filter((n: { outTradeNo: string }) => n.outTradeNo === first.outTradeNo)).toHaveLength(1);
  });

  it('when a notification is delayed, then it is sent no sooner than asked', async () => {
    const { outTradeNo } = await newOrder();
    await sim().pay(outTradeNo, { notify: false });
    const started = Date.now();
    const [late] = await sim().notify({ outTradeNo, delayMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(late!.status).toBe(204);
  });

  it('when a forgery is asked over HTTP, then the notification goes out forged and the merchant answers FAIL', async () => {
    const { outTradeNo } = await newOrder();
    await sim().pay(outTradeNo, { notify: false });
    const res = await fetch(`${sim().url}/dev/notify`, { method: 'POST', body: JSON.stringify({ outTradeNo, forgery: 'wrong-amount' }) }).then((r) => r.json());
    // a wrong amount is signed and encrypted properly: only comparing with the order (queryOrder) reveals it
    expect(res.notifications[0]).toMatchObject({ forgery: 'wrong-amount', status: 204 });
    const bad = await fetch(`${sim().url}/dev/notify`, { method: 'POST', body: JSON.stringify({ outTradeNo, forgery: 'bad-signature' }) }).then((r) => r.json());
    expect(bad.notifications[0].status).toBe(401);
    expect(JSON.parse(bad.notifications[0].answer)).toMatchObject({ code: 'FAIL' });
    const unknown = await fetch(`${sim().url}/dev/notify`, { method: 'POST', body: JSON.stringify({ outTradeNo, forgery: 'nonsense' }) });
    expect(unknown.status).toBe(400);
  });

  it('when the next call is made to fail over HTTP, then that call alone answers the fault', async () => {
    await fetch(`${sim().url}/dev/fail-next`, { method: 'POST', body: JSON.stringify({ path: '/v3/pay/transactions/out-trade-no/', status: 503, code: 'SYSTEM_ERROR' }) });
    const { outTradeNo } = await newOrder();
    await expect(kit.gateway.queryOrder(outTradeNo)).rejects.toMatchObject({ wechatPay: { status: 503, code: 'SYSTEM_ERROR' } });
    expect((await kit.gateway.queryOrder(outTradeNo)).tradeState).toBe('NOTPAY');
  });
});

describe('trade bill', () => {
  it("when the bill is fetched, then it is WeChat's layout: the header, backquoted rows and the summary", async () => {
    const { outTradeNo } = await newOrder(990);
    await sim().pay(outTradeNo, { notify: false });
    const csv = tradeBillCsv(beijingDate(Date.now()), [sim().order(outTradeNo)], [], { appid: 'wxapp', mchid: '1900000109' });
    const lines = csv.split('\r\n');
    expect(lines[0]!.split(',')).toEqual([...TRADE_BILL_COLUMNS]);
    expect(lines[1]!.split(',').every((cell) => cell.startsWith('`'))).toBe(true);
    expect(lines[1]).toContain(`\`${outTradeNo},`);
    expect(lines[1]).toContain('`9.90,');
    expect(lines[2]).toBe('总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
    expect(lines[3]).toBe('`1,`9.90,`0.00,`0.00,`0.00000,`9.90,`0.00');
    const rows = await kit.gateway.tradeBill(beijingDate(Date.now()));
    expect(rows.find((r) => r.outTradeNo === outTradeNo)).toMatchObject({ orderFen: 990, settlementFen: 990, tradeState: 'SUCCESS' });
  });
});
