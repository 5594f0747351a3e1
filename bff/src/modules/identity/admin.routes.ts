import { CreateInvitationBody, InvitationView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from './guards';
import type { createInvitationService } from './invitations.service';

export function adminRoutes(guards: Guards, invitations: ReturnType<typeof createInvitationService>): ApiRouter {
  return new ApiRouter('/api/v1/admin').route(
    {
      method: 'post',
      path: '/invitations',
      summary: '签发工作人员邀请码（管理员）',
      body: CreateInvitationBody,
      response: InvitationView,
      status: 201,
      guard: guards.requireRole('admin'),
    },
    (ctx, { body }) => invitations.createInvitation(ctx.state.user!, body, ctx.state.requestId),
  );
}
