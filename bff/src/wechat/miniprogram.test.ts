import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devOpenidFor, startWechatSimulator, type WechatSimulator } from '../../dev/wechat-simulator';
import { createMiniProgramApi, WechatApiError, type MiniProgramApi } from './miniprogram';

const appId = 'wxtest0000client';
const appSecret = 'test-secret';
let clock = Date.parse('2026-03-01T08:00:00Z');
const now = () => clock;

let simulator: WechatSimulator;
let api: MiniProgramApi;

beforeAll(async () => {
  simulator = await startWechatSimulator({ appId, appSecret, riskyWords: ['赌博'], now });
  api = createMiniProgramApi({ baseUrl: simulator.url, appId, appSecret, now });
});
afterAll(() => simulator.close());

function freshApi(): MiniProgramApi {
  return createMiniProgramApi({ baseUrl: simulator.url, appId, appSecret, now });
}

async function wechatErrorOf(promise: Promise<unknown>): Promise<WechatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WechatApiError)) throw new Error(`expected a WechatApiError, got ${String(error)}`);
  return error;
}

describe('login (code2Session)', () => {
  it('when codes for the same name carry different nonces, then both give that name its one openid', async () => {
    const first = await api.code2Session('dev:alice:n1');
    const second = await api.code2Session('dev:alice:n2');
    expect(first.openid).toBe(devOpenidFor(appId, 'alice'));
    expect(second.openid).toBe(first.openid);
    expect(first.sessionKey).toEqual(expect.any(String));
    expect((await api.code2Session('dev:bob')).openid).not.toBe(first.openid);
  });

  it('when a code is used a second time, then WeChat answers 40163', async () => {
    await api.code2Session('dev:carol:once');
    expect((await wechatErrorOf(api.code2Session('dev:carol:once'))).errcode).toBe(40163);
  });

  it('when the code was not issued by WeChat, then it answers 40029', async () => {
    expect((await wechatErrorOf(api.code2Session('not-a-code'))).errcode).toBe(40029);
  });

  it('when the app secret is wrong, then the call fails with 40125', async () => {
    const wrong = createMiniProgramApi({ baseUrl: simulator.url, appId, appSecret: 'nope', now });
    expect((await wechatErrorOf(wrong.code2Session('dev:dave'))).errcode).toBe(40125);
  });
});

describe('phone number', () => {
  it('when a phone code is exchanged, then the number comes back with country code 86', async () => {
    await expect(api.getPhoneNumber('phone:13800138000:p1')).resolves.toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    });
  });

  it('when a phone code is used twice, then the second use answers 40163', async () => {
    await api.getPhoneNumber('phone:13800138001:p2');
    expect((await wechatErrorOf(api.getPhoneNumber('phone:13800138001:p2'))).errcode).toBe(40163);
  });

  it('when a phone code is older than five minutes, then it answers 40029; a younger one works', async () => {
    const stale = `phone:13800138002:p3:${clock - 5 * 60 * 1000 - 1}`;
    expect((await wechatErrorOf(api.getPhoneNumber(stale))).errcode).toBe(40029);
    await expect(api.getPhoneNumber(`phone:13800138002:p4:${clock - 60 * 1000}`)).resolves.toMatchObject({
      phoneNumber: '13800138002',
    });
  });
});

describe('access token', () => {
  it('when many calls start at once with no token, then exactly one token request is made', async () => {
    const client = freshApi();
    const before = simulator.stats().tokenRequests;
    const phones = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.getPhoneNumber(`phone:139000000${String(i).padStart(2, '0')}:c`)),
    );
    expect(phones.map((p) => p.phoneNumber)).toHaveLength(10);
    expect(simulator.stats().tokenRequests - before).toBe(1);
  });

  it('when the token nears its expiry, then the client fetches a new one before WeChat refuses it', async () => {
    const client = freshApi();
    const before = simulator.stats().tokenRequests;
    await client.getPhoneNumber('phone:13700000001:a');
    clock += (7200 - 5 * 60 - 1) * 1000;
    await client.getPhoneNumber('phone:13700000001:b');
    expect(simulator.stats().tokenRequests - before).toBe(1);
    clock += 2000;
    await client.getPhoneNumber('phone:13700000001:c');
    expect(simulator.stats().tokenRequests - before).toBe(2);
  });

  it('when WeChat says the cached token expired (42001), then one refresh and one retry succeed', async () => {
    const client = freshApi();
    await client.getPhoneNumber('phone:13600000001:a');
    const before = simulator.stats();
    simulator.expireAccessTokens();
    await expect(client.getPhoneNumber('phone:13600000001:b')).resolves.toMatchObject({ phoneNumber: '13600000001' });
    const after = simulator.stats();
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(after.phoneNumberRequests - before.phoneNumberRequests).toBe(2);
  });

  it('when WeChat says the cached token is invalid (40001), then concurrent callers share one refresh', async () => {
    const client = freshApi();
    await client.checkText({ openid: devOpenidFor(appId, 'alice'), content: '你好', scene: 2 });
    const before = simulator.stats().tokenRequests;
    simulator.revokeAccessTokens();
    const verdicts = await Promise.all(
      Array.from({ length: 5 }, () => client.checkText({ openid: devOpenidFor(appId, 'alice'), content: '你好', scene: 2 })),
    );
    expect(verdicts.every((v) => v.suggest === 'pass')).toBe(true);
    expect(simulator.stats().tokenRequests - before).toBe(1);
  });
});

/** What `wx.requestSubscribeMessage` tells WeChat when the user taps 允许 (the simulator's stand-in route). */
async function acceptSubscription(openid: string, templateId: string): Promise<void> {
  const res = await fetch(`${simulator.url}/dev/subscribe-message/accept`, { method: 'POST', body: JSON.stringify({ openid, tmplIds: [templateId] }) });
  expect(await res.json()).toMatchObject({ [templateId]: 'accept' });
}

describe('subscribe messages', () => {
  it('when a subscribe message is sent, then the simulator keeps it for tests and developers', async () => {
    const message = {
      touser: devOpenidFor(appId, 'alice'),
      templateId: 'tmpl-complaint-replied',
      page: 'pages/me/index',
      data: { thing1: { value: '路灯不亮' }, time2: { value: '2026-03-01 09:00' } },
    };
    await acceptSubscription(message.touser, message.templateId);
    await api.sendSubscribeMessage(message);
    expect(simulator.sentMessages().at(-1)).toEqual({ ...message, receivedAt: new Date(clock).toISOString() });
    const listed = (await (await fetch(`${simulator.url}/dev/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages.at(-1)).toMatchObject(message);
  });

  it('when the user holds no subscription to the template, then the client throws 43101', async () => {
    const message = { touser: devOpenidFor(appId, 'bob'), templateId: 'tmpl-complaint-replied', data: { thing1: { value: '路灯不亮' } } };
    const error = await wechatErrorOf(api.sendSubscribeMessage(message));
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error.errcode).toBe(43101);
  });

  it('when template data is not {key: {value: string}}, then WeChat refuses it with 47003', async () => {
    const bad = { touser: 'o1', templateId: 't', data: { thing1: { value: 3 } } } as never;
    expect((await wechatErrorOf(api.sendSubscribeMessage(bad))).errcode).toBe(47003);
  });
});

describe('content security (msg_sec_check v2)', () => {
  const openid = devOpenidFor(appId, 'alice');

  it('when the text contains a configured risky word, then it is judged risky with its label', async () => {
    await expect(api.checkText({ openid, content: '这里有人聚众赌博', scene: 2 })).resolves.toEqual({
      suggest: 'risky',
      label: 20001,
    });
  });

  it('when the text is ordinary, then it passes with label 100', async () => {
    await expect(api.checkText({ openid, content: '小区门口路灯坏了', scene: 2 })).resolves.toEqual({
      suggest: 'pass',
      label: 100,
    });
  });
});

describe('failures below WeChat', () => {
  it('when nothing listens at the base URL, then the call fails with errcode -1', async () => {
    const closed = await listenThenClose();
    const client = createMiniProgramApi({ baseUrl: closed, appId, appSecret });
    const error = await wechatErrorOf(client.code2Session('dev:alice'));
    expect(error.errcode).toBe(-1);
    expect(error.message).not.toContain(appSecret);
  });

  it('when WeChat does not answer in time, then the call fails with errcode -1 after the timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const client = createMiniProgramApi({ baseUrl: urlOf(silent), appId, appSecret, timeoutMs: 200 });
      const started = Date.now();
      const error = await wechatErrorOf(client.code2Session('dev:alice'));
      expect(error).toMatchObject({ errcode: -1, errmsg: 'no answer within 200 ms' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function listenThenClose(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = urlOf(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}
