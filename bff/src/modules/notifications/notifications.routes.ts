import { notificationsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import type { Guards } from '../identity/guards';
import { createNotificationService } from './notifications.service';

export function notificationRoutes(deps: AppDeps, guards: Guards): ApiRouter {
  const service = createNotificationService(deps);
  return new ApiRouter(guards)
    .mount(notificationsApi.subscribeTemplates, async () => service.subscribeTemplates())
    .mount(notificationsApi.recordSubscriptions, (ctx, { body }) => service.recordAccepted(ctx.state.user!._id, body.templateIds))
    .mount(notificationsApi.messages, (ctx, { query }) => service.messages.list(ctx.state.user!._id, query))
    .mount(notificationsApi.unreadCount, (ctx) => service.messages.unreadCount(ctx.state.user!._id))
    .mount(notificationsApi.readAll, (ctx) => service.messages.markAllRead(ctx.state.user!._id))
    .mount(notificationsApi.read, (ctx, { params }) => service.messages.markRead(ctx.state.user!._id, params.id));
}
