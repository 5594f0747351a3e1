import Taro from '@tarojs/taro';

/**
 * The only place that knows which WeChat-only capabilities exist. On weapp these are the real
 * `wx.login` and phone-number button; in the H5 build a page-level stand-in produces codes the
 * WeChat simulator accepts (`dev:<name>:<nonce>`, `phone:<digits>:<nonce>:<issuedAtMs>`), so the
 * whole flow runs in a browser while the BFF stays unaware of it.
 */
export const isWeapp = process.env.TARO_ENV === 'weapp';
export const usesWechatStandIn = !isWeapp && GONGZHI_WECHAT_STANDIN;

/** Login names the simulator maps to a stable openid; a colon would break the code format. */
export const STAND_IN_LOGIN_NAME = /^[A-Za-z0-9_.-]{1,32}$/;

/** `Taro.login` on weapp; on H5 a fresh simulator code per login, since each code works once. */
export async function obtainLoginCode(standInName?: string): Promise<string> {
  if (isWeapp) {
    const { code } = await Taro.login();
    return code;
  }
  if (!standInName || !STAND_IN_LOGIN_NAME.test(standInName)) {
    throw new Error('stand-in login needs a login name');
  }
  return `dev:${standInName}:${nonce()}`;
}

/** The phone-number button's event carries `detail.code`; absent when the user refuses. */
export function phoneCodeFromButtonEvent(event: { detail?: { code?: string } }): string | undefined {
  const code = event.detail?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** H5 stand-in for the phone-number button: made at submit time so it is fresh and unused. */
export function standInPhoneCode(phone: string): string {
  return `phone:${phone}:${nonce()}:${Date.now()}`;
}

function nonce(): string {
  const bytes = new Uint8Array(8);
  if (typeof globalThis.crypto?.getRandomValues === 'function') {
    globalThis.crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
