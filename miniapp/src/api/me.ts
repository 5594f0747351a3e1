import { CURRENT_CONSENT_VERSION, type RealNameBody, type UserView } from '@gongzhi/shared';
import { api } from './index';

export function getMe(): Promise<UserView> {
  return api.request<UserView>('GET', '/me');
}

export function registerRealName(body: RealNameBody): Promise<UserView> {
  return api.request<UserView>('POST', '/me/real-name', { body });
}

/** Agrees to the current privacy notice after it changed (PIPL art. 14). */
export function renewConsent(): Promise<UserView> {
  return api.request<UserView>('POST', '/me/consent', { body: { consentVersion: CURRENT_CONSENT_VERSION } });
}

export function redeemInvitation(code: string): Promise<UserView> {
  return api.request<UserView>('POST', '/me/invitations/redeem', { body: { code } });
}

/** After deletion the tokens are revoked server-side; forget them here too. */
export async function deleteAccount(): Promise<void> {
  await api.request<void>('DELETE', '/me');
  api.session.clear();
}
