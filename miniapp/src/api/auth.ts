import { authApi, type LoginResponse } from '@gongzhi/shared';
import { api } from './index';

export async function loginWithWechat(code: string): Promise<LoginResponse> {
  const result = await api.call(authApi.wechatLogin, { body: { code } }, { auth: false });
  api.session.write({ accessToken: result.accessToken, refreshToken: result.refreshToken });
  return result;
}

/** Ends the session here even when the BFF cannot be reached: the user asked to leave. */
export async function logout(): Promise<void> {
  const tokens = api.session.read();
  if (!tokens) return;
  try {
    await api.call(authApi.logout, { body: { refreshToken: tokens.refreshToken } }, { auth: 'once' });
  } catch {
    // the refresh token expires on its own; nothing the user can do about it
  } finally {
    api.session.clear();
  }
}

export function hasSession(): boolean {
  return api.session.read() !== undefined;
}
