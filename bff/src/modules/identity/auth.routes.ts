import { AuthTokens, LoginResponse, LogoutBody, RefreshBody, WechatLoginBody } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import { limitRate } from '../../platform/rate-limit';
import type { AuthService } from './auth.service';

export function authRoutes({ config }: AppDeps, auth: AuthService): ApiRouter {
  const limited = [limitRate(config.auth.rateLimit)];
  return new ApiRouter('/api/v1/auth')
    .route(
      { method: 'post', path: '/wechat-login', summary: '微信登录', body: WechatLoginBody, response: LoginResponse, use: limited },
      (_ctx, { body }) => auth.loginWithWechat(body.code),
    )
    .route(
      { method: 'post', path: '/refresh', summary: '刷新登录凭证（轮换）', body: RefreshBody, response: AuthTokens, use: limited },
      (_ctx, { body }) => auth.refreshSession(body.refreshToken),
    )
    .route(
      { method: 'post', path: '/logout', summary: '退出登录', body: LogoutBody, status: 204, use: limited },
      (_ctx, { body }) => auth.logout(body.refreshToken),
    );
}
