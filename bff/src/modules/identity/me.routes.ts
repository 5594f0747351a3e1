import { meApi } from '@gongzhi/shared';
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
  return new ApiRouter(guards)
    .mount(meApi.me, async (ctx) => toUserView(ctx.state.user!, cipher))
    .mount(meApi.registerRealName, (ctx, { body }) => services.realName.registerRealName(ctx.state.user!, body, ctx.state.requestId))
    .mount(meApi.renewConsent, (ctx, { body }) => services.realName.renewConsent(ctx.state.user!, body.consentVersion, ctx.state.requestId))
    .mount(meApi.deleteAccount, (ctx) => services.account.deleteAccount(ctx.state.user!, ctx.state.requestId))
    .mount(meApi.redeemInvitation, (ctx, { body }) => services.invitations.redeemInvitation(ctx.state.user!, body.code, ctx.state.requestId), {
      use: [limitRate(config.auth.rateLimit)],
    });
}
