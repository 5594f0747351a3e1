import { devOpenidFor, startWechatSimulator, type WechatSimulator } from './wechat-simulator';

type WechatAnswer = Record<string, unknown> & { errcode?: number };

// The simulator must answer exactly as WeChat does, or the client tests prove nothing.
const appId = 'wxtest0000sim';
const appSecret = 'sim-secret';
let clock = Date.parse('2026-03-01T08:00:00Z');
let simulator: WechatSimulator;

beforeAll(async () => {
  simulator = await startWechatSimulator({ appId, appSecret, riskyWords: ['代开发票', '赌博=20006'], now: () => clock });
});
afterAll(() => simulator.close());

async function get(path: string, query: Record<string, string> = {}) {
  const response = await fetch(`${simulator.url}${path}?${new URLSearchParams(query)}`);
  return { status: response.status, body: (await response.json()) as WechatAnswer };
}
async function post(path: string, body: unknown, query: Record<string, string> = {}) {
  const response = await fetch(`${simulator.url}${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as WechatAnswer };
}
const login = (code: string, overrides: Record<string, string> = {}) =>
  get('/sns/jscode2session', { appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code', ...overrides });
async function stableToken(forceRefresh = false) {
  const { body } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: appId,
    secret: appSecret,
    force_refresh: forceRefresh,
  });
  return body as { access_token: string; expires_in: number };
}

describe('jscode2session', () => {
  it('when the code is good, then the answer has openid and session_key and no errcode', async () => {
    const { status, body } = await login('dev:alice:x1');
    expect(status).toBe(200);
    expect(body).toEqual({ openid: devOpenidFor(appId, 'alice'), unionid: expect.any(String), session_key: expect.any(String) });
    expect(body.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
  });

  it('when the same name logs in to another app, then its openid differs', () => {
    expect(devOpenidFor('wxother', 'alice')).not.toBe(devOpenidFor(appId, 'alice'));
  });

  it.each<{ what: string; overrides: Record<string, string>; errcode: number }>([
    { what: 'a wrong appid', overrides: { appid: 'wxwrong' }, errcode: 40013 },
    { what: 'a wrong secret', overrides: { secret: 'wrong' }, errcode: 40125 },
    { what: 'a wrong grant_type', overrides: { grant_type: 'client_credential' }, errcode: 40002 },
  ])('when the request has $what, then HTTP 200 carries errcode $errcode', async ({ overrides, errcode }) => {
    const { status, body } = await login('dev:bob:y1', overrides);
    expect(status).toBe(200);
    expect(body).toEqual({ errcode, errmsg: expect.any(String) });
  });

  it.each(['', 'dev:', 'dev:bob:', 'dev:a:b:c', 'wx:bob', 'phone:13800138000'])(
    'when the code is %j, then it is invalid (40029)',
    async (code) => {
      expect((await login(code)).body.errcode).toBe(40029);
    },
  );

  it('when a code is refused for a wrong secret, then it is not used up', async () => {
    await login('dev:erin:z1', { secret: 'wrong' });
    expect((await login('dev:erin:z1')).body.openid).toBe(devOpenidFor(appId, 'erin'));
    expect((await login('dev:erin:z1')).body.errcode).toBe(40163);
  });
});

describe('access tokens', () => {
  it('when a stable token is asked for twice, then the same token comes back, valid for 7200 s', async () => {
    const first = await stableToken();
    expect(first.expires_in).toBe(7200);
    expect(await stableToken()).toEqual(first);
  });

  it('when the stable token is in its last five minutes, then a new one is issued and the old one still works', async () => {
    const old = await stableToken(true);
    clock += (7200 - 299) * 1000;
    const renewed = await stableToken();
    expect(renewed.access_token).not.toBe(old.access_token);
    expect(renewed.expires_in).toBe(7200);
    const check = await post('/wxa/msg_sec_check', { version: 2, openid: 'o1', scene: 1, content: 'hi' }, { access_token: old.access_token });
    expect(check.body.errcode).toBe(0);
  });

  it('when a refresh is forced, then the previous stable token is invalid (40001)', async () => {
    const old = await stableToken();
    await stableToken(true);
    const { body } = await post('/wxa/business/getuserphonenumber', { code: 'phone:13800138000' }, { access_token: old.access_token });
    expect(body.errcode).toBe(40001);
  });

  it('when /cgi-bin/token is asked with the right credentials, then it issues a token; with a wrong secret, 40125', async () => {
    const { body } = await get('/cgi-bin/token', { grant_type: 'client_credential', appid: appId, secret: appSecret });
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    const refused = await get('/cgi-bin/token', { grant_type: 'client_credential', appid: appId, secret: 'x' });
    expect(refused.body.errcode).toBe(40125);
  });

  it('when the token is missing, expired or unknown, then the API answers 41001, 42001 or 40001', async () => {
    const call = (query: Record<string, string>) => post('/wxa/business/getuserphonenumber', { code: 'phone:13800138009' }, query);
    expect((await call({})).body.errcode).toBe(41001);
    expect((await call({ access_token: 'made-up' })).body.errcode).toBe(40001);
    const { access_token } = await stableToken();
    simulator.expireAccessTokens();
    expect((await call({ access_token })).body.errcode).toBe(42001);
  });

  it('when the stable token request has a wrong appid, then it answers 40013 and counts the request', async () => {
    const before = simulator.stats().tokenRequests;
    const { body } = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wxno', secret: appSecret });
    expect(body.errcode).toBe(40013);
    expect(simulator.stats().tokenRequests).toBe(before + 1);
  });
});

describe('phone numbers, subscribe messages and content checks', () => {
  let token: string;
  beforeEach(async () => {
    token = (await stableToken()).access_token;
  });

  it('when a phone code is exchanged, then phone_info carries a watermark with the appid and time', async () => {
    const { body } = await post('/wxa/business/getuserphonenumber', { code: 'phone:13912345678:w' }, { access_token: token });
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13912345678',
        purePhoneNumber: '13912345678',
        countryCode: '86',
        watermark: { timestamp: Math.floor(clock / 1000), appid: appId },
      },
    });
  });

  it.each(['phone:1391234567', 'phone:139123456789', 'phone:abc', 'phone:13912345678:n:soon', 'dev:alice'])(
    'when the phone code is %j, then it is invalid (40029)',
    async (code) => {
      expect((await post('/wxa/business/getuserphonenumber', { code }, { access_token: token })).body.errcode).toBe(40029);
    },
  );

  it('when a subscribe message lacks touser or template_id, then WeChat refuses it and keeps nothing', async () => {
    const kept = simulator.sentMessages().length;
    const send = (body: unknown) => post('/cgi-bin/message/subscribe/send', body, { access_token: token });
    expect((await send({ template_id: 't', data: { a: { value: 'b' } } })).body.errcode).toBe(40003);
    expect((await send({ touser: 'o1', data: { a: { value: 'b' } } })).body.errcode).toBe(40037);
    expect((await send({ touser: 'o1', template_id: 't' })).body.errcode).toBe(47003);
    expect(simulator.sentMessages()).toHaveLength(kept);
  });

  it('when a user accepted a template once, then one message goes through and the next is refused with 43101', async () => {
    const openid = devOpenidFor(appId, 'carol');
    const message = { touser: openid, template_id: 'tmpl-progress', page: 'pages/index/index', data: { thing1: { value: '路灯' } } };
    const send = () => post('/cgi-bin/message/subscribe/send', message, { access_token: token });
    const kept = simulator.sentMessages().length;
    expect((await send()).body).toEqual({ errcode: 43101, errmsg: expect.any(String) });

    const accepted = await post('/dev/subscribe-message/accept', { login: 'carol', tmplIds: ['tmpl-progress', 'tmpl-other'] });
    expect(accepted.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'accept', 'tmpl-other': 'accept' });
    expect(simulator.subscriptionsOf(openid, 'tmpl-progress')).toBe(1);

    expect((await send()).body).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(simulator.subscriptionsOf(openid, 'tmpl-progress')).toBe(0);
    expect((await send()).body.errcode).toBe(43101);
    expect(simulator.sentMessages()).toHaveLength(kept + 1);
    // the other template's subscription is still there, and nobody else's counts for carol
    expect(simulator.subscriptionsOf(openid, 'tmpl-other')).toBe(1);
    expect(simulator.subscriptionsOf(devOpenidFor(appId, 'dave'), 'tmpl-other')).toBe(0);
  });

  it.each([{}, { openid: 'o1' }, { openid: 'o1', tmplIds: [] }, { openid: 'o1', tmplIds: ['a', 'b', 'c', 'd'] }, { tmplIds: ['a'] }])(
    'when the stand-in accept names no user or not 1–3 templates (%j), then it is refused',
    async (body) => {
      expect((await post('/dev/subscribe-message/accept', body)).body.errcode).toEqual(expect.any(Number));
    },
  );

  it('when content contains a configured word, then v2 answers risky with detail and a trace id', async () => {
    const { body } = await post(
      '/wxa/msg_sec_check',
      { version: 2, openid: 'o1', scene: 2, content: '可以代开发票' },
      { access_token: token },
    );
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'risky', label: 20001 }, trace_id: expect.any(String) });
    expect(body.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '代开发票' })]));
  });

  it('when a configured word names its label, then that label is reported', async () => {
    const { body } = await post('/wxa/msg_sec_check', { version: 2, openid: 'o1', scene: 3, content: '赌博' }, { access_token: token });
    expect(body.result).toEqual({ suggest: 'risky', label: 20006 });
  });

  it('when the check is not version 2 or the scene is unknown, then it is refused', async () => {
    const check = (body: unknown) => post('/wxa/msg_sec_check', body, { access_token: token });
    expect((await check({ openid: 'o1', scene: 1, content: 'x' })).body.errcode).toBe(47001);
    expect((await check({ version: 2, openid: 'o1', scene: 9, content: 'x' })).body.errcode).toBe(47003);
    expect((await check('not json')).body.errcode).toBe(47001);
  });
});

describe('the server itself', () => {
  it('when the path is unknown, then it answers 404 with a WeChat-shaped body', async () => {
    const { status, body } = await get('/cgi-bin/nothing');
    expect(status).toBe(404);
    expect(body).toEqual({ errcode: 40066, errmsg: 'invalid url' });
  });

  it('when a POST-only API is called with GET, then it answers 43002', async () => {
    expect((await get('/cgi-bin/stable_token')).body.errcode).toBe(43002);
  });

  it('when asked to listen beyond loopback, then it refuses to start', async () => {
    await expect(startWechatSimulator({ appId, appSecret, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('when started without a port, then it listens on a free loopback port', () => {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
