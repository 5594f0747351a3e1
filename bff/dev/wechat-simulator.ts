import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubscribeMessage } from '../src/wechat/miniprogram';
import { devOpenidFor, devUnionidFor, parseLoginCode, parsePhoneCode, PHONE_CODE_LIFETIME_MS } from './wechat-sim/codes';
import { readJsonObject, sendJson, wxError, type WechatAnswer } from './wechat-sim/http';
import { IMG_SEC_CHECK_MAX_BYTES, runMediaCheck, type MediaCheckLog, type MediaCheckPush } from './wechat-sim/media-check';
import { checkContent, imageIsRisky, parseRiskyWords } from './wechat-sim/sec-check';
import { createTokenStore } from './wechat-sim/tokens';

export { devOpenidFor } from './wechat-sim/codes';
export { DEFAULT_RISKY_WORDS, RISKY_IMAGE_MARKER } from './wechat-sim/sec-check';

export const DEV_APP_ID = 'wxdev0000gongzhi';
export const DEV_APP_SECRET = 'dev-app-secret';

export type ReceivedSubscribeMessage = SubscribeMessage & { receivedAt: string };

export interface WechatSimulatorStats {
  /** Requests to /cgi-bin/stable_token and /cgi-bin/token, successful or not. */
  tokenRequests: number;
  code2SessionRequests: number;
  phoneNumberRequests: number;
}

export interface WechatSimulator {
  url: string;
  close(): Promise<void>;
  sentMessages(): ReceivedSubscribeMessage[];
  stats(): WechatSimulatorStats;
  /** Every access token issued so far now answers 42001 (expired). */
  expireAccessTokens(): void;
  /** Every access token issued so far now answers 40001 (invalid, e.g. replaced elsewhere). */
  revokeAccessTokens(): void;
  /** One-time subscriptions the user holds for the template (accepted and not yet spent by a send). */
  subscriptionsOf(openid: string, templateId: string): number;
  /** media_check_async requests so far, with how each went (download, verdict, pushes). */
  mediaChecks(): MediaCheckLog[];
  /** Where media_check_async's verdicts are pushed (the mini-program's message-push URL and token). */
  setPush(push: MediaCheckPush): void;
}

export interface WechatSimulatorOptions {
  appId: string;
  appSecret: string;
  port?: number;
  host?: string;
  /** Content containing one of these is judged risky; `word=label` picks the label (default 20001). */
  riskyWords?: string[];
  /** the message-push URL and token media_check_async's verdicts go to (also settable later: setPush) */
  push?: MediaCheckPush;
  now?: () => number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

type Handler = (req: IncomingMessage, url: URL) => Promise<WechatAnswer> | WechatAnswer;
interface Route {
  method: 'GET' | 'POST';
  handle: Handler;
}

export async function startWechatSimulator(opts: WechatSimulatorOptions): Promise<WechatSimulator> {
  const host = opts.host ?? '127.0.0.1';
  // The simulator hands out openids and phone numbers for any code: never expose it beyond this machine.
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`the WeChat simulator listens on loopback only, not on ${host}`);
  const now = opts.now ?? Date.now;
  const riskyWords = parseRiskyWords(opts.riskyWords ?? []);
  const tokens = createTokenStore(now);
  const usedCodes = new Set<string>();
  const messages: ReceivedSubscribeMessage[] = [];
  // one-time subscriptions: `${openid} ${templateId}` → how many accepted and not yet spent
  const subscriptions = new Map<string, number>();
  const subscriptionKey = (openid: string, templateId: string) => `${openid} ${templateId}`;
  const requestCounts = new Map<string, number>();
  const countOf = (path: string) => requestCounts.get(path) ?? 0;
  const mediaChecks: MediaCheckLog[] = [];
  let push = opts.push;

  function checkCredentials(appid: unknown, secret: unknown): WechatAnswer | undefined {
    if (appid !== opts.appId) return wxError(40013, 'invalid appid');
    if (secret !== opts.appSecret) return wxError(40125, 'invalid appsecret');
    return undefined;
  }

  /** Wraps a handler that needs `?access_token=` and a JSON body. */
  function withToken(handle: (body: Record<string, unknown>) => WechatAnswer): Handler {
    return async (req, url) => {
      const check = tokens.check(url.searchParams.get('access_token'));
      if (!check.ok) return wxError(check.errcode, check.errmsg);
      const body = await readJsonObject(req);
      if (!body) return wxError(47001, 'data format error');
      return handle(body);
    };
  }

  const routes: Record<string, Route> = {
    '/sns/jscode2session': {
      method: 'GET',
      handle(_req, url) {
        const q = url.searchParams;
        const refused = checkCredentials(q.get('appid'), q.get('secret'));
        if (refused) return refused;
        if (q.get('grant_type') !== 'authorization_code') return wxError(40002, 'invalid grant_type');
        const code = q.get('js_code') ?? '';
        const name = parseLoginCode(code);
        if (name === undefined) return wxError(40029, 'invalid code');
        if (usedCodes.has(code)) return wxError(40163, 'code been used');
        usedCodes.add(code);
        return {
          openid: devOpenidFor(opts.appId, name),
          unionid: devUnionidFor(name),
          session_key: randomBytes(16).toString('base64'),
        };
      },
    },

    '/cgi-bin/stable_token': {
      method: 'POST',
      async handle(req) {
        const body = await readJsonObject(req);
        if (!body) return wxError(47001, 'data format error');
        if (body.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
        return checkCredentials(body.appid, body.secret) ?? tokens.stableToken(body.force_refresh === true);
      },
    },

    '/cgi-bin/token': {
      method: 'GET',
      handle(_req, url) {
        const q = url.searchParams;
        if (q.get('grant_type') !== 'client_credential') return wxError(40002, 'invalid grant_type');
        return checkCredentials(q.get('appid'), q.get('secret')) ?? tokens.plainToken();
      },
    },

    '/wxa/business/getuserphonenumber': {
      method: 'POST',
      handle: withToken((body) => {
        const code = typeof body.code === 'string' ? body.code : '';
        const parsed = parsePhoneCode(code);
        if (!parsed) return wxError(40029, 'invalid code');
        if (usedCodes.has(code)) return wxError(40163, 'code been used');
        if (parsed.issuedAtMs !== undefined && now() - parsed.issuedAtMs > PHONE_CODE_LIFETIME_MS) {
          return wxError(40029, 'invalid code');
        }
        usedCodes.add(code);
        return {
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: parsed.phone,
            purePhoneNumber: parsed.phone,
            countryCode: '86',
            watermark: { timestamp: Math.floor(now() / 1000), appid: opts.appId },
          },
        };
      }),
    },

    '/cgi-bin/message/subscribe/send': {
      method: 'POST',
      handle: withToken((body) => {
        if (typeof body.touser !== 'string' || body.touser === '') return wxError(40003, 'invalid openid');
        if (typeof body.template_id !== 'string' || body.template_id === '') {
          return wxError(40037, 'invalid template_id');
        }
        if (body.page !== undefined && typeof body.page !== 'string') return wxError(41030, 'invalid page');
        const data = readTemplateData(body.data);
        if (typeof data === 'string') return wxError(47003, `argument invalid! ${data}`);
        // a one-time subscription allows one message: without one, WeChat refuses the send
        const key = subscriptionKey(body.touser, body.template_id);
        const held = subscriptions.get(key) ?? 0;
        if (held < 1) return wxError(43101, 'user refuse to accept the msg');
        subscriptions.set(key, held - 1);
        messages.push({
          touser: body.touser,
          templateId: body.template_id,
          ...(body.page === undefined ? {} : { page: body.page }),
          data,
          receivedAt: new Date(now()).toISOString(),
        });
        return { errcode: 0, errmsg: 'ok', msgid: messages.length };
      }),
    },

    '/wxa/msg_sec_check': {
      method: 'POST',
      handle: withToken((body) => {
        if (body.version !== 2) return wxError(47001, 'data format error: version must be 2');
        if (typeof body.openid !== 'string' || body.openid === '') return wxError(40003, 'invalid openid');
        if (![1, 2, 3, 4].includes(body.scene as number)) return wxError(47003, 'argument invalid! scene');
        if (typeof body.content !== 'string') return wxError(47003, 'argument invalid! content');
        return checkContent(body.content, riskyWords);
      }),
    },

    // media_check_async (version 2): answers a trace_id at once; the image is downloaded, judged and the
    // verdict pushed to the message-push URL afterwards (wechat-sim/media-check.ts).
    '/wxa/media_check_async': {
      method: 'POST',
      handle: withToken((body) => {
        if (body.version !== 2) return wxError(47001, 'data format error: version must be 2');
        if (body.media_type !== 2 && body.media_type !== 1) return wxError(47003, 'argument invalid! media_type');
        if (typeof body.openid !== 'string' || body.openid === '') return wxError(40003, 'invalid openid');
        if (![1, 2, 3, 4].includes(body.scene as number)) return wxError(47003, 'argument invalid! scene');
        let mediaUrl: URL;
        try {
          mediaUrl = new URL(String(body.media_url));
        } catch {
          return wxError(47003, 'argument invalid! media_url');
        }
        if (mediaUrl.protocol !== 'https:' && mediaUrl.protocol !== 'http:') return wxError(47003, 'argument invalid! media_url');
        const log: MediaCheckLog = { traceId: randomBytes(12).toString('hex'), mediaUrl: mediaUrl.toString(), pushes: [] };
        mediaChecks.push(log);
        runMediaCheck(log, push, opts.appId, body.openid, now);
        return { errcode: 0, errmsg: 'ok', trace_id: log.traceId };
      }),
    },

    // img_sec_check: the image as multipart/form-data field `media`. WeChat takes at most 1 MB here (larger
    // images go through media_check_async) and refuses bigger ones as an invalid size.
    '/wxa/img_sec_check': {
      method: 'POST',
      async handle(req, url) {
        const check = tokens.check(url.searchParams.get('access_token'));
        if (!check.ok) return wxError(check.errcode, check.errmsg);
        const chunks: Buffer[] = [];
        for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
        const raw = Buffer.concat(chunks);
        let media: unknown;
        try {
          const form = await new Request('http://simulator/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: raw }).formData();
          media = form.get('media');
        } catch {
          return wxError(47001, 'data format error');
        }
        if (!(media instanceof Blob)) return wxError(41005, 'media data missing');
        if (media.size > IMG_SEC_CHECK_MAX_BYTES) return wxError(40006, 'invalid media size');
        return imageIsRisky(new Uint8Array(await media.arrayBuffer())) ? wxError(87014, 'risky content') : { errcode: 0, errmsg: 'ok' };
      },
    },

    // Not WeChat: plays the part of the WeChat client. On a phone, `wx.requestSubscribeMessage` tells
    // WeChat directly which templates the user accepted; here the test (or a developer's tool) tells
    // the simulator the same: `{ openid, tmplIds }`, or `{ login, tmplIds }` with the login name of a
    // `dev:<name>:…` code. Answers like the client API: `{ errMsg, [templateId]: 'accept' }`.
    '/dev/subscribe-message/accept': {
      method: 'POST',
      async handle(req) {
        const body = await readJsonObject(req);
        if (!body) return wxError(47001, 'data format error');
        const openid = typeof body.openid === 'string' && body.openid ? body.openid : typeof body.login === 'string' && body.login ? devOpenidFor(opts.appId, body.login) : undefined;
        if (!openid) return wxError(40003, 'invalid openid');
        const ids = body.tmplIds;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 3 || !ids.every((id) => typeof id === 'string' && id !== '')) {
          return wxError(20001, 'tmplIds must be 1 to 3 template ids');
        }
        const answer: WechatAnswer = { errMsg: 'requestSubscribeMessage:ok' };
        for (const id of new Set(ids as string[])) {
          const key = subscriptionKey(openid, id);
          subscriptions.set(key, (subscriptions.get(key) ?? 0) + 1);
          answer[id] = 'accept';
        }
        return answer;
      },
    },

    // Not WeChat: lets a developer see the subscribe messages the BFF sent.
    '/dev/messages': { method: 'GET', handle: () => ({ messages }) },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!route) {
      sendJson(res, 404, wxError(40066, 'invalid url'));
      return;
    }
    requestCounts.set(url.pathname, countOf(url.pathname) + 1);
    if (req.method !== route.method) {
      sendJson(res, 200, route.method === 'POST' ? wxError(43002, 'require POST method') : wxError(43001, 'require GET method'));
      return;
    }
    Promise.resolve(route.handle(req, url)).then(
      (answer) => sendJson(res, 200, answer),
      () => sendJson(res, 200, wxError(-1, 'system error')),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections();
      }),
    sentMessages: () => messages.map((message) => structuredClone(message)),
    stats: () => ({
      tokenRequests: countOf('/cgi-bin/stable_token') + countOf('/cgi-bin/token'),
      code2SessionRequests: countOf('/sns/jscode2session'),
      phoneNumberRequests: countOf('/wxa/business/getuserphonenumber'),
    }),
    expireAccessTokens: tokens.expireAll,
    revokeAccessTokens: tokens.revokeAll,
    subscriptionsOf: (openid, templateId) => subscriptions.get(subscriptionKey(openid, templateId)) ?? 0,
    mediaChecks: () => mediaChecks.map((log) => structuredClone(log)),
    setPush: (next) => {
      push = next;
    },
  };
}

/** The template data as WeChat wants it, `{ key: { value: string } }`, or a description of the fault. */
function readTemplateData(data: unknown): SubscribeMessage['data'] | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data';
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return 'data';
  const result: SubscribeMessage['data'] = {};
  for (const [key, entry] of entries) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return `data.${key}.value invalid`;
    result[key] = { value };
  }
  return result;
}
