import { CURRENT_CONSENT_VERSION, meApi, type RealNameBody, type UserView } from '@gongzhi/shared';
import { api } from './index';

export function getMe(): Promise<UserView> {
  return api.call(meApi.me);
}

export function registerRealName(body: RealNameBody): Promise<UserView> {
  return api.call(meApi.registerRealName, { body });
}

/** Agrees to the current privacy notice after it changed (PIPL art. 14). */
export function renewConsent(): Promise<UserView> {
  return api.call(meApi.renewConsent, { body: { consentVersion: CURRENT_CONSENT_VERSION } });
}

export function redeemInvitation(code: string): Promise<UserView> {
  return api.call(meApi.redeemInvitation, { body: { code } });
}

/** After deletion the tokens are revoked server-side; forget them here too. */
export async function deleteAccount(): Promise<void> {
  await api.call(meApi.deleteAccount);
  api.session.clear();
}
