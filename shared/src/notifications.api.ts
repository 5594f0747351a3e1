import { defineRoute } from './contract';
import { IdParams } from './route-params';
import {
  AcceptedSubscriptionsBody, AcceptedSubscriptionsView, MarkedReadView, MessageListQuery, MessagePage, MessageView, SubscribeTemplatesView,
  UnreadCountView,
} from './notifications';

/** WeChat one-time subscriptions and the in-app message centre (消息中心). */
export const notificationsApi = {
  subscribeTemplates: defineRoute({
    method: 'GET', path: '/notifications/subscribe-templates', summary: '各操作需申请订阅的消息模板', access: 'user', response: SubscribeTemplatesView,
  }),
  recordSubscriptions: defineRoute({
    method: 'POST', path: '/notifications/subscriptions', summary: '登记用户已同意的一次性订阅', access: 'user',
    body: AcceptedSubscriptionsBody, response: AcceptedSubscriptionsView,
  }),
  messages: defineRoute({ method: 'GET', path: '/messages', summary: '消息中心：我的消息', access: 'user', query: MessageListQuery, response: MessagePage }),
  unreadCount: defineRoute({ method: 'GET', path: '/messages/unread-count', summary: '消息中心：未读数', access: 'user', response: UnreadCountView }),
  readAll: defineRoute({ method: 'POST', path: '/messages/read-all', summary: '消息中心：全部标为已读', access: 'user', response: MarkedReadView }),
  read: defineRoute({
    method: 'POST', path: '/messages/:id/read', summary: '消息中心：标为已读', access: 'user', params: IdParams, notFound: 'MESSAGE_NOT_FOUND', response: MessageView,
  }),
};
