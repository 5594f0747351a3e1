import { callWechat } from './http';
import { WechatApiError } from './wechat-api-error';

export interface AccessTokenSource {
  /** A valid token, from the cache or from one refresh shared by every caller waiting for it. */
  get(): Promise<string>;
  /** WeChat rejected `token`: drop it unless a concurrent caller already replaced it. */
  reject(token: string): void;
}

// Refresh well before WeChat's expiry so a token never dies between our check and WeChat's.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export function createAccessTokenSource(opts: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  now: () => number;
  timeoutMs: number;
}): AccessTokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    // stable_token without force_refresh: WeChat hands every process the same token, and forced
    // refreshes are rationed per day, so a rejected token is replaced by asking again normally.
    const answer = await callWechat<{ access_token: string; expires_in: number }>(
      opts.baseUrl,
      {
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret, force_refresh: false },
      },
      opts.timeoutMs,
    );
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new WechatApiError(-1, 'malformed access token answer');
    }
    const lifetimeMs = answer.expires_in * 1000;
    // A token that already has less than the margin left is still used for half its life, not refetched per call.
    cached = { token: answer.access_token, refreshAt: opts.now() + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2) };
    return answer.access_token;
  }

  return {
    get() {
      if (cached && opts.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    reject(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
