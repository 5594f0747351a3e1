import { z } from 'zod';
import { ObjectIdString } from './identity';
import { GeoPoint } from './complaints';

/**
 * 社区互助 (PRODUCT.md §5): a resident asks for help or offers it; a neighbour takes it on; they talk
 * without exposing phone numbers; the helper's hours go to the time bank (时间银行). Everyone but the
 * accepted helper sees the place only roughly (~100 m, and the area its author names).
 */

export const AID_KINDS = ['ask', 'offer'] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_LABELS: Record<AidKind, string> = { ask: '求助', offer: '帮忙' };

/** open: taking responses; accepted: a helper is on it; done: the helper says it is done; confirmed: the author agrees (or 3 days passed). */
export const AID_STATES = ['open', 'accepted', 'done', 'confirmed', 'closed', 'expired', 'hidden', 'removed'] as const;
export type AidState = (typeof AID_STATES)[number];
export const AID_STATE_LABELS: Record<AidState, string> = {
  open: '等待响应',
  accepted: '已有人帮忙',
  done: '待确认完成',
  confirmed: '已完成',
  closed: '已关闭',
  expired: '已过期',
  hidden: '因举报暂时隐藏',
  removed: '已被移除',
};

/** How many photos a post and a message take. */
export const AID_RULES = { maxPostPhotos: 6, maxMessagePhotos: 3 } as const;

export const CategoryCode = z.string().regex(/^[a-z_]{2,24}$/, '类别编号只能是小写字母和下划线');

export const AidCategoryView = z.object({ code: z.string(), name: z.string(), openToMinors: z.boolean(), active: z.boolean() });
export type AidCategoryView = z.infer<typeof AidCategoryView>;

export const AidCategoryBody = z.strictObject({ name: z.string().trim().min(2).max(12), openToMinors: z.boolean(), active: z.boolean() });
export type AidCategoryBody = z.infer<typeof AidCategoryBody>;

/** Hours in half-hour steps, as the time bank counts them. */
export const HalfHours = z.number().positive('时长应大于0').max(24).refine((h) => Number.isInteger(h * 2), '时长以半小时为单位');

export const AidPostBody = z
  .strictObject({
    kind: z.enum(AID_KINDS),
    category: CategoryCode,
    text: z.string().trim().min(5).max(500),
    photoIds: z.array(ObjectIdString).max(AID_RULES.maxPostPhotos).default([]),
    /** when it is needed (ask) or available (offer): from, until */
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    place: z.strictObject({
      point: GeoPoint,
      /** the exact address: only the accepted helper sees it */
      address: z.string().trim().min(2).max(120),
      /** what everyone sees: the building or the estate (e.g. 莲花小区3栋附近) */
      area: z.string().trim().min(2).max(30),
    }),
  })
  .superRefine((post, ctx) => {
    const from = Date.parse(post.startsAt);
    const until = Date.parse(post.endsAt);
    if (until <= from) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间应晚于开始时间' });
    if (until - from > 30 * 24 * 3600_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '时间段最长30天' });
  });
export type AidPostBody = z.input<typeof AidPostBody>;
export type AidPostDraft = z.output<typeof AidPostBody>;

export const AID_FEED_SORTS = ['newest', 'nearest'] as const;

export const AidFeedQuery = z.strictObject({
  kind: z.enum(AID_KINDS).optional(),
  category: CategoryCode.optional(),
  sort: z.enum(AID_FEED_SORTS).default('newest'),
  /** for nearest: where I am */
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const AidMineQuery = z.strictObject({ role: z.enum(['author', 'helper']).default('author') });

/** A person as others in mutual aid see them: a nickname, the community, ratings; never a real name. */
export const AidPersonCard = z.object({
  id: z.string(),
  nickname: z.string(),
  communityName: z.string(),
  ratings: z.object({ count: z.number(), mean: z.number().nullable(), tags: z.record(z.string(), z.number()) }),
});
export type AidPersonCard = z.infer<typeof AidPersonCard>;

export const AID_ACTIONS = ['edit', 'close', 'respond', 'accept', 'message', 'share_phone', 'withhold_phone', 'complete', 'confirm', 'rate', 'report'] as const;
export type AidAction = (typeof AID_ACTIONS)[number];

export const AidPostSummary = z.object({
  id: z.string(),
  kind: z.enum(AID_KINDS),
  category: z.string(),
  categoryName: z.string(),
  text: z.string(),
  state: z.enum(AID_STATES),
  startsAt: z.string(),
  endsAt: z.string(),
  /** the rough place everyone sees */
  area: z.string(),
  /** the rough point (~100 m) */
  roughPoint: GeoPoint,
  communityId: z.string(),
  /** metres from where I am (nearest sort), rounded to 100 m */
  distance: z.number().optional(),
  responses: z.number(),
  author: AidPersonCard,
  createdAt: z.string(),
});
export type AidPostSummary = z.infer<typeof AidPostSummary>;

export const AidResponseView = z.object({ responder: AidPersonCard, note: z.string(), at: z.string(), accepted: z.boolean() });

export const AidPostView = AidPostSummary.extend({
  photoIds: z.array(z.string()),
  /** the exact place: the author and the accepted helper only */
  place: z.object({ point: GeoPoint, address: z.string() }).optional(),
  helper: AidPersonCard.optional(),
  /** the author sees every response; a responder sees their own */
  responseList: z.array(AidResponseView),
  /** hours the helper reported, and those the author confirmed */
  hours: z.object({ claimed: z.number().optional(), confirmed: z.number().optional() }),
  /**
   * The two sides' phone numbers, for the two of them only: each chooses to share theirs in the
   * conversation, and the other's number shows once both have.
   */
  phones: z.object({ mine: z.boolean(), theirs: z.boolean(), theirPhone: z.string().optional() }).optional(),
  /** why it was hidden or removed, for its author */
  moderation: z.object({ reason: z.string() }).optional(),
  viewer: z.object({
    role: z.enum(['author', 'helper', 'responder', 'neighbour', 'staff']),
    actions: z.array(z.enum(AID_ACTIONS)),
    rated: z.boolean(),
  }),
});
export type AidPostView = z.infer<typeof AidPostView>;

export const AidRespondBody = z.strictObject({ note: z.string().trim().max(200).default('') });
export const AidAcceptBody = z.strictObject({ responderId: ObjectIdString });
export const AidMessageBody = z
  .strictObject({ text: z.string().trim().max(500).default(''), photoIds: z.array(ObjectIdString).max(AID_RULES.maxMessagePhotos).default([]) })
  .refine((m) => m.text !== '' || m.photoIds.length > 0, { message: '请输入内容或选择图片', path: ['text'] });
export type AidMessageBody = z.input<typeof AidMessageBody>;
export const AidCompleteBody = z.strictObject({ hours: HalfHours });
export const AidConfirmBody = z.strictObject({ hours: HalfHours });

export const AID_RATING_TAGS = ['守时', '热心', '耐心', '专业', '沟通顺畅', '值得信赖'] as const;
export const AidRatingBody = z.strictObject({ stars: z.number().int().min(1).max(5), tags: z.array(z.enum(AID_RATING_TAGS)).max(6).default([]) });
export type AidRatingBody = z.input<typeof AidRatingBody>;

export const AidMessageView = z.object({
  id: z.string(),
  mine: z.boolean(),
  sender: z.string(),
  text: z.string(),
  photoIds: z.array(z.string()),
  at: z.string(),
  hidden: z.boolean(),
});
export type AidMessageView = z.infer<typeof AidMessageView>;

export const AID_REPORT_TARGETS = ['post', 'message', 'person'] as const;
export const AidReportBody = z.strictObject({
  target: z.enum(AID_REPORT_TARGETS),
  id: ObjectIdString,
  /** a message's post, for finding it */
  postId: ObjectIdString.optional(),
  reason: z.string().trim().min(2).max(200),
});
export type AidReportBody = z.input<typeof AidReportBody>;

export const AidModerationItem = z.object({
  target: z.enum(['post', 'message']),
  id: z.string(),
  postId: z.string(),
  text: z.string(),
  reports: z.array(z.object({ reason: z.string(), at: z.string() })),
  author: AidPersonCard,
});
export const AidModerationBody = z.strictObject({ decision: z.enum(['restore', 'remove']), reason: z.string().trim().min(2).max(200) });

export const AidSuspensionBody = z.strictObject({ userId: ObjectIdString, reason: z.string().trim().min(2).max(200), until: z.iso.datetime() });
export type AidSuspensionBody = z.input<typeof AidSuspensionBody>;
export const AidSuspensionView = z.object({ person: AidPersonCard, until: z.string(), reason: z.string() });
export const AidReportedPerson = z.object({
  person: AidPersonCard,
  reports: z.array(z.object({ reason: z.string(), at: z.string() })),
  suspension: z.object({ until: z.string(), reason: z.string() }).optional(),
});

/** A nickname of the resident's own choosing for their mutual-aid card (never their real name). */
export const AidNicknameBody = z.strictObject({
  nickname: z.string().trim().min(2, '昵称2至12个字').max(12, '昵称2至12个字').regex(/^[\p{L}\p{N}_·-]+$/u, '昵称只能包含文字、数字、下划线、间隔号和连字符'),
});
export type AidNicknameBody = z.input<typeof AidNicknameBody>;

export const AidBlockBody = z.strictObject({ userId: ObjectIdString });

export const TimeBankView = z.object({
  balance: z.number(),
  entries: z.array(z.object({ postId: z.string(), hours: z.number(), delta: z.number(), kind: z.enum(['confirmation', 'correction']), at: z.string(), text: z.string() })),
});
export type TimeBankView = z.infer<typeof TimeBankView>;

export const TimeBankTotals = z.object({ items: z.array(z.object({ communityId: z.string(), communityName: z.string(), hours: z.number(), helpers: z.number() })) });

export const AidUnansweredItem = AidPostSummary.extend({ handedOver: z.object({ note: z.string(), at: z.string() }).optional() });
export const AidHandoverBody = z.strictObject({ note: z.string().trim().min(2).max(200) });
