import { createAccessTokenSource } from './access-token';
import { callWechat, isObject } from './http';
import { isStaleAccessToken, WechatApiError } from './wechat-api-error';

export { WechatApiError } from './wechat-api-error';

export interface WechatSession {
  openid: string;
  unionid?: string;
  sessionKey: string;
}
export interface WechatPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}
export type TextScene = 1 | 2 | 3 | 4;
export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface MiniProgramApi {
  code2Session(code: string): Promise<WechatSession>;
  getPhoneNumber(code: string): Promise<WechatPhone>;
  sendSubscribeMessage(msg: SubscribeMessage): Promise<void>;
  checkText(input: { openid: string; content: string; scene: TextScene }): Promise<TextVerdict>;
  /** img_sec_check: 'risky' when WeChat refuses the image (87014), else 'pass'. At most 1 MB. */
  checkImage(input: { bytes: Buffer; contentType: string }): Promise<'pass' | 'risky'>;
  /**
   * media_check_async (version 2), for images over img_sec_check's 1 MB: WeChat downloads `mediaUrl`
   * and pushes the verdict to the message-push URL later (event wxa_media_check, by trace_id).
   */
  checkMediaAsync(input: { mediaUrl: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }>;
}

export interface MiniProgramApiOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  now?: () => number;
  /** Per request, including the access-token request. */
  timeoutMs?: number;
}

export function createMiniProgramApi(opts: MiniProgramApiOptions): MiniProgramApi {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const accessToken = createAccessTokenSource({ ...opts, now: opts.now ?? Date.now, timeoutMs });

  // Calls that carry an access token: on a stale token, refresh once and retry once.
  async function callWithToken<T>(path: string, body: unknown): Promise<T> {
    const token = await accessToken.get();
    try {
      return await callWechat<T>(opts.baseUrl, { path, query: { access_token: token }, body }, timeoutMs);
    } catch (error) {
      if (!isStaleAccessToken(error)) throw error;
      accessToken.reject(token);
      const fresh = await accessToken.get();
      return callWechat<T>(opts.baseUrl, { path, query: { access_token: fresh }, body }, timeoutMs);
    }
  }

  return {
    async code2Session(code) {
      const answer = await callWechat<{ openid?: unknown; unionid?: unknown; session_key?: unknown }>(
        opts.baseUrl,
        {
          path: '/sns/jscode2session',
          query: { appid: opts.appId, secret: opts.appSecret, js_code: code, grant_type: 'authorization_code' },
        },
        timeoutMs,
      );
      if (typeof answer.openid !== 'string' || typeof answer.session_key !== 'string') {
        throw new WechatApiError(-1, 'malformed jscode2session answer');
      }
      const session: WechatSession = { openid: answer.openid, sessionKey: answer.session_key };
      if (typeof answer.unionid === 'string') session.unionid = answer.unionid;
      return session;
    },

    async getPhoneNumber(code) {
      const answer = await callWithToken<{ phone_info?: unknown }>('/wxa/business/getuserphonenumber', { code });
      const info = answer.phone_info;
      if (
        !isObject(info) ||
        typeof info.phoneNumber !== 'string' ||
        typeof info.purePhoneNumber !== 'string' ||
        typeof info.countryCode !== 'string'
      ) {
        throw new WechatApiError(-1, 'malformed phone number answer');
      }
      // The watermark names the mini-program the number was granted to; never accept another's.
      if (!isObject(info.watermark) || info.watermark.appid !== opts.appId) {
        throw new WechatApiError(-1, 'phone number watermark names another app');
      }
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: info.countryCode };
    },

    async sendSubscribeMessage(msg) {
      await callWithToken('/cgi-bin/message/subscribe/send', {
        touser: msg.touser,
        template_id: msg.templateId,
        page: msg.page,
        data: msg.data,
        lang: 'zh_CN',
      });
    },

    async checkText(input) {
      const answer = await callWithToken<{ result?: unknown }>('/wxa/msg_sec_check', {
        version: 2,
        openid: input.openid,
        scene: input.scene,
        content: input.content,
      });
      const result = answer.result;
      if (
        !isObject(result) ||
        (result.suggest !== 'pass' && result.suggest !== 'review' && result.suggest !== 'risky') ||
        typeof result.label !== 'number'
      ) {
        throw new WechatApiError(-1, 'malformed content check answer');
      }
      return { suggest: result.suggest, label: result.label };
    },

    async checkMediaAsync(input) {
      const answer = await callWithToken<{ trace_id?: unknown }>('/wxa/media_check_async', {
        media_url: input.mediaUrl,
        media_type: 2,
        version: 2,
        scene: input.scene,
        openid: input.openid,
      });
      if (typeof answer.trace_id !== 'string' || answer.trace_id === '') throw new WechatApiError(-1, 'malformed media check answer');
      return { traceId: answer.trace_id };
    },

    async checkImage(input) {
      // multipart/form-data with the image as `media`; a stale token is refreshed once, as for the JSON calls
      const send = async (token: string) => {
        const form = new FormData();
        form.set('media', new Blob([new Uint8Array(input.bytes)], { type: input.contentType }), 'image');
        const url = new URL('/wxa/img_sec_check', opts.baseUrl);
        url.searchParams.set('access_token', token);
        let response: Response;
        try {
          response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
        } catch (error) {
          throw new WechatApiError(-1, `img_sec_check: ${(error as Error).message}`);
        }
        const payload = (await response.json().catch(() => undefined)) as { errcode?: unknown; errmsg?: unknown } | undefined;
        if (!payload || typeof payload.errcode !== 'number') throw new WechatApiError(-1, 'malformed image check answer');
        return payload as { errcode: number; errmsg?: string };
      };
      const token = await accessToken.get();
      let answer = await send(token);
      if (isStaleAccessToken(new WechatApiError(answer.errcode, String(answer.errmsg ?? '')))) {
        accessToken.reject(token);
        answer = await send(await accessToken.get());
      }
      if (answer.errcode === 87014) return 'risky';
      if (answer.errcode !== 0) throw new WechatApiError(answer.errcode, String(answer.errmsg ?? ''));
      return 'pass';
    },
  };
}
