import { invitationsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from './guards';
import type { createInvitationService } from './invitations.service';

export function adminRoutes(guards: Guards, invitations: ReturnType<typeof createInvitationService>): ApiRouter {
  return new ApiRouter(guards).mount(invitationsApi.create, (ctx, { body }) =>
    invitations.createInvitation(ctx.state.user!, body, ctx.state.requestId),
  );
}
