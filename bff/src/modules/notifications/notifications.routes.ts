import {
  AcceptedSubscriptionsBody,
  AcceptedSubscriptionsView,
  MarkedReadView,
  MessageListQuery,
  MessagePage,
  MessageView,
  SubscribeTemplatesView,
  UnreadCountView,
} from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import type { Guards } from '../identity/guards';
import { createNotificationService } from './notifications.service';

export function notificationRoutes(deps: AppDeps, guards: Guards): ApiRouter {
  const service = createNotificationService(deps);
  const guard = guards.requireUser;
  return new ApiRouter('/api/v1')
    .route(
      { method: 'get', path: '/notifications/subscribe-templates', summary: '各操作需申请订阅的消息模板', response: SubscribeTemplatesView, guard },
      async () => service.subscribeTemplates(),
    )
    .route(
      {
        method: 'post',
        path: '/notifications/subscriptions',
        summary: '登记用户已同意的一次性订阅',
        body: AcceptedSubscriptionsBody,
        response: AcceptedSubscriptionsView,
        guard,
      },
      (ctx, { body }) => service.recordAccepted(ctx.state.user!._id, body.templateIds),
    )
    .route({ method: 'get', path: '/messages', summary: '消息中心：我的消息', query: MessageListQuery, response: MessagePage, guard }, (ctx, { query }) =>
      service.messages.list(ctx.state.user!._id, query),
    )
    .route({ method: 'get', path: '/messages/unread-count', summary: '消息中心：未读数', response: UnreadCountView, guard }, (ctx) =>
      service.messages.unreadCount(ctx.state.user!._id),
    )
    .route({ method: 'post', path: '/messages/read-all', summary: '消息中心：全部标为已读', response: MarkedReadView, guard }, (ctx) =>
      service.messages.markAllRead(ctx.state.user!._id),
    )
    .route({ method: 'post', path: '/messages/:id/read', summary: '消息中心：标为已读', response: MessageView, guard }, (ctx) =>
      service.messages.markRead(ctx.state.user!._id, (ctx.params as { id?: string }).id),
    );
}
