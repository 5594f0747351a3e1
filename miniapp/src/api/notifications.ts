import { notificationsApi, type RouteOutput } from '@gongzhi/shared';
import { api } from './index';

/** The template ids each submit tap asks WeChat for (configured in the BFF). */
export function getSubscribeTemplates(): Promise<RouteOutput<typeof notificationsApi.subscribeTemplates>> {
  return api.call(notificationsApi.subscribeTemplates);
}

/** Tells the BFF which templates the person accepted: one message each may then be sent. */
export function reportAcceptedSubscriptions(templateIds: string[]): Promise<RouteOutput<typeof notificationsApi.recordSubscriptions>> {
  return api.call(notificationsApi.recordSubscriptions, { body: { templateIds } });
}

export function listMessages(cursor?: string): Promise<RouteOutput<typeof notificationsApi.messages>> {
  return api.call(notificationsApi.messages, { query: { cursor, limit: 20 } });
}

export async function unreadMessageCount(): Promise<number> {
  return (await api.call(notificationsApi.unreadCount)).unread;
}

export function markMessageRead(id: string): Promise<RouteOutput<typeof notificationsApi.read>> {
  return api.call(notificationsApi.read, { params: { id } });
}

export function markAllMessagesRead(): Promise<RouteOutput<typeof notificationsApi.readAll>> {
  return api.call(notificationsApi.readAll);
}
