/**
 * A failed call to a WeChat server API. `errcode` is WeChat's own code; network failures, timeouts
 * and malformed answers use -1, which WeChat itself uses for "system busy".
 */
export class WechatApiError extends Error {
  override name = 'WechatApiError';

  constructor(
    public errcode: number,
    public errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
  }
}

/** WeChat's answers when the access token is stale: another process refreshed it, or it expired. */
export function isStaleAccessToken(error: unknown): boolean {
  return error instanceof WechatApiError && (error.errcode === 40001 || error.errcode === 42001);
}
