import { authApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import { limitRate } from '../../platform/rate-limit';
import type { AuthService } from './auth.service';

export function authRoutes({ config }: AppDeps, auth: AuthService): ApiRouter {
  const limited = { use: [limitRate(config.auth.rateLimit)] };
  return new ApiRouter()
    .mount(authApi.wechatLogin, (_ctx, { body }) => auth.loginWithWechat(body.code), limited)
    .mount(authApi.refresh, (_ctx, { body }) => auth.refreshSession(body.refreshToken), limited)
    .mount(authApi.logout, (_ctx, { body }) => auth.logout(body.refreshToken), limited);
}
