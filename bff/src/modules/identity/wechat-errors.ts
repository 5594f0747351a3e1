import type { ErrorCode } from '@gongzhi/shared';
import { AppError } from '../../platform/errors';
import { WechatApiError } from '../../wechat/miniprogram';

// 40029: invalid or expired code; 40163: code already used. Anything else is WeChat's trouble.
const CODE_REFUSED = new Set([40029, 40163]);

/** Calls WeChat with a one-time code from the mini-program and turns its errcodes into ours. */
export async function withWechatCode<T>(call: () => Promise<T>, whenCodeRefused: ErrorCode): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WechatApiError && CODE_REFUSED.has(err.errcode)) throw new AppError(whenCodeRefused, 400);
    throw new AppError('WECHAT_UNAVAILABLE', 503, undefined, { cause: err });
  }
}
