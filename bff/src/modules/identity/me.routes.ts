import { ConsentBody, RealNameBody, RedeemInvitationBody, UserView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import { limitRate } from '../../platform/rate-limit';
import type { createAccountService } from './account.service';
import type { Guards } from './guards';
import type { createInvitationService } from './invitations.service';
import type { createRealNameService } from './real-name.service';
import { toUserView } from './user-view';

interface MeServices {
  realName: ReturnType<typeof createRealNameService>;
  account: ReturnType<typeof createAccountService>;
  invitations: ReturnType<typeof createInvitationService>;
}

export function meRoutes({ config, cipher }: AppDeps, guards: Guards, services: MeServices): ApiRouter {
  const guard = guards.requireUser;
  return new ApiRouter('/api/v1')
    .route({ method: 'get', path: '/me', summary: '我的资料（脱敏）', response: UserView, guard }, async (ctx) =>
      toUserView(ctx.state.user!, cipher),
    )
    .route(
      { method: 'post', path: '/me/real-name', summary: '实名登记', body: RealNameBody, response: UserView, guard },
      (ctx, { body }) => services.realName.registerRealName(ctx.state.user!, body, ctx.state.requestId),
    )
    .route(
      { method: 'post', path: '/me/consent', summary: '同意新版隐私政策', body: ConsentBody, response: UserView, guard },
      (ctx, { body }) => services.realName.renewConsent(ctx.state.user!, body.consentVersion, ctx.state.requestId),
    )
    .route({ method: 'delete', path: '/me', summary: '注销账号', status: 204, guard }, (ctx) =>
      services.account.deleteAccount(ctx.state.user!, ctx.state.requestId),
    )
    .route(
      {
        method: 'post',
        path: '/me/invitations/redeem',
        summary: '使用工作人员邀请码',
        body: RedeemInvitationBody,
        response: UserView,
        guard,
        use: [limitRate(config.auth.rateLimit)],
      },
      (ctx, { body }) => services.invitations.redeemInvitation(ctx.state.user!, body.code, ctx.state.requestId),
    );
}
