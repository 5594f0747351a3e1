import { z } from 'zod';
import { ObjectIdString } from './identity';

/**
 * The taps on which the mini-program asks WeChat for one-time subscriptions (订阅消息), each with the
 * templates it asks for (WeChat allows up to three per request). The ids themselves are configured in
 * the BFF and fetched from `GET /api/v1/notifications/subscribe-templates`.
 */
export const SUBSCRIBE_SCENES = ['complaint', 'volunteerSignup', 'volunteerRegistration', 'staffWork', 'polls', 'mutualAid', 'proposal', 'activity', 'enterprise', 'enterpriseDesk'] as const;
export type SubscribeScene = (typeof SUBSCRIBE_SCENES)[number];

export const SubscribeTemplatesView = z.object({
  complaint: z.array(z.string()),
  volunteerSignup: z.array(z.string()),
  volunteerRegistration: z.array(z.string()),
  staffWork: z.array(z.string()),
  polls: z.array(z.string()),
  mutualAid: z.array(z.string()),
  proposal: z.array(z.string()),
  activity: z.array(z.string()),
  enterprise: z.array(z.string()),
  enterpriseDesk: z.array(z.string()),
});
export type SubscribeTemplatesView = z.infer<typeof SubscribeTemplatesView>;

/** The template ids the person accepted in `requestSubscribeMessage` (WeChat answers `accept` for each). */
export const AcceptedSubscriptionsBody = z.strictObject({
  templateIds: z.array(z.string().min(1).max(128)).min(1).max(3),
});
export const AcceptedSubscriptionsView = z.object({
  /** per accepted template: one-time subscriptions now held (each message spends one) */
  remaining: z.record(z.string(), z.number()),
});

/** An entry of the message centre (消息中心): every notice lands here, delivered by WeChat or not. */
export const MessageView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** the mini-program page the notice opens, with its query */
  page: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type MessageView = z.infer<typeof MessageView>;

export const MessageListQuery = z.strictObject({
  cursor: ObjectIdString.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const MessagePage = z.object({ items: z.array(MessageView), nextCursor: z.string().nullable() });
export type MessagePage = z.infer<typeof MessagePage>;
export const UnreadCountView = z.object({ unread: z.number() });
export const MarkedReadView = z.object({ marked: z.number() });
