import type { MessagePage, MessageView, SubscribeTemplatesView } from '@gongzhi/shared';
import { api } from './index';

/** The template ids each submit tap asks WeChat for (configured in the BFF). */
export function getSubscribeTemplates(): Promise<SubscribeTemplatesView> {
  return api.request<SubscribeTemplatesView>('GET', '/notifications/subscribe-templates');
}

/** Tells the BFF which templates the person accepted: one message each may then be sent. */
export function reportAcceptedSubscriptions(templateIds: string[]): Promise<{ remaining: Record<string, number> }> {
  return api.request('POST', '/notifications/subscriptions', { body: { templateIds } });
}

export function listMessages(cursor?: string): Promise<MessagePage> {
  return api.request<MessagePage>('GET', '/messages', { query: { cursor, limit: 20 } });
}

export async function unreadMessageCount(): Promise<number> {
  return (await api.request<{ unread: number }>('GET', '/messages/unread-count')).unread;
}

export function markMessageRead(id: string): Promise<MessageView> {
  return api.request<MessageView>('POST', `/messages/${id}/read`);
}

export function markAllMessagesRead(): Promise<{ marked: number }> {
  return api.request('POST', '/messages/read-all');
}
