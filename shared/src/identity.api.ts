import { z } from 'zod';
import { defineRoute } from './contract';
import {
  AuthTokens, ConsentBody, CreateInvitationBody, InvitationView, LoginResponse, LogoutBody, RealNameBody, RedeemInvitationBody,
  RefreshBody, UserView, WechatLoginBody,
} from './identity';

/** Signing in and out; each call is rate-limited per client. */
export const authApi = {
  wechatLogin: defineRoute({ method: 'POST', path: '/auth/wechat-login', summary: '微信登录', access: 'public', body: WechatLoginBody, response: LoginResponse }),
  refresh: defineRoute({ method: 'POST', path: '/auth/refresh', summary: '刷新登录凭证（轮换）', access: 'public', body: RefreshBody, response: AuthTokens }),
  logout: defineRoute({ method: 'POST', path: '/auth/logout', summary: '退出登录', access: 'public', body: LogoutBody, status: 204 }),
};

/** The signed-in person's own account. */
export const meApi = {
  me: defineRoute({ method: 'GET', path: '/me', summary: '我的资料（脱敏）', access: 'user', response: UserView }),
  registerRealName: defineRoute({ method: 'POST', path: '/me/real-name', summary: '实名登记', access: 'user', body: RealNameBody, response: UserView }),
  renewConsent: defineRoute({ method: 'POST', path: '/me/consent', summary: '同意新版隐私政策', access: 'user', body: ConsentBody, response: UserView }),
  deleteAccount: defineRoute({ method: 'DELETE', path: '/me', summary: '注销账号', access: 'user', status: 204 }),
  redeemInvitation: defineRoute({
    method: 'POST', path: '/me/invitations/redeem', summary: '使用工作人员邀请码', access: 'user', body: RedeemInvitationBody, response: UserView,
  }),
};

export const invitationsApi = {
  create: defineRoute({
    method: 'POST', path: '/admin/invitations', summary: '签发工作人员邀请码（管理员）', access: ['admin'], body: CreateInvitationBody, response: InvitationView, status: 201,
  }),
};

export const PrivacyNoticeView = z.object({ version: z.string(), title: z.string(), body: z.string() });
export type PrivacyNoticeView = z.infer<typeof PrivacyNoticeView>;

/** The notice a resident consents to at real-name registration. */
export const privacyNoticeApi = {
  notice: defineRoute({ method: 'GET', path: '/privacy-notice', summary: '个人信息保护告知书', access: 'public', response: PrivacyNoticeView }),
};
