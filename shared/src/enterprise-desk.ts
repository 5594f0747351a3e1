import { z } from 'zod';
import { ObjectIdString } from './identity';
import { ITEM_KINDS } from './enterprises';

/**
 * 企业服务台 (issue 15): an enterprise asks a question, requests help, or says it intends to apply for
 * an item (意向申报); the street's enterprise service officers answer within a deadline in working days;
 * the enterprise follows up, closes the case and rates the answer. Favourites mark items to come back to.
 */
export const DESK_RULES = { replyWorkingDays: 3, maxPhotos: 6 } as const;

export const CASE_KINDS = ['question', 'help', 'intent'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { question: '咨询', help: '求助', intent: '意向申报' };

/** open: waiting for the officers; answered: they replied (the enterprise may follow up); closed: the enterprise is done. */
export const CASE_STATES = ['open', 'answered', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = { open: '待答复', answered: '已答复', closed: '已结束' };

export const CASE_ACTIONS = ['reply', 'follow_up', 'close', 'rate'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Record<CaseAction | 'open', string> = { open: '提交', reply: '答复', follow_up: '追问', close: '结束', rate: '评价' };

export const CaseBody = z.strictObject({
  kind: z.enum(['question', 'help']),
  /** about one item (optional) */
  itemId: ObjectIdString.optional(),
  subject: z.string().trim().min(2, '标题2至40字').max(40, '标题2至40字'),
  text: z.string().trim().min(5, '内容5至1000字').max(1000, '内容5至1000字'),
  photoIds: z.array(ObjectIdString).max(DESK_RULES.maxPhotos).default([]),
});
export type CaseBody = z.input<typeof CaseBody>;

export const IntentBody = z.strictObject({ text: z.string().trim().max(500).default('') });

export const CaseNoteBody = z.strictObject({
  text: z.string().trim().min(2, '内容2至1000字').max(1000, '内容2至1000字'),
  photoIds: z.array(ObjectIdString).max(DESK_RULES.maxPhotos).default([]),
});
export type CaseNoteBody = z.input<typeof CaseNoteBody>;

export const CaseRatingBody = z.strictObject({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(200).default('') });

export const CaseEventView = z.object({
  action: z.enum(['open', ...CASE_ACTIONS]),
  by: z.enum(['enterprise', 'officer']),
  /** who, as the other side reads it: 企业服务部 or the enterprise's masked member name */
  label: z.string(),
  text: z.string(),
  photoIds: z.array(z.string()),
  at: z.string(),
});

export const CaseSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  subject: z.string(),
  state: z.enum(CASE_STATES),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  item: z.object({ id: z.string(), title: z.string() }).optional(),
  /** when the officers' reply is due (working days from the question or the latest follow-up) */
  replyDueAt: z.string().optional(),
  overdue: z.boolean(),
  rating: z.object({ stars: z.number(), comment: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseView = CaseSummary.extend({
  events: z.array(CaseEventView),
  viewer: z.object({ side: z.enum(['enterprise', 'officer']), actions: z.array(z.enum(CASE_ACTIONS)) }),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseQueueQuery = z.strictObject({ state: z.enum(CASE_STATES).optional(), overdue: z.enum(['true', 'false']).optional() });

export const FavouriteParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/), itemId: z.string().regex(/^[0-9a-f]{24}$/) });

export const EnterpriseDashboard = z.object({
  enterprises: z.object({ pending: z.number(), verified: z.number(), rejected: z.number() }),
  cases: z.object({ open: z.number(), answered: z.number(), closed: z.number(), overdue: z.number(), meanStars: z.number().nullable() }),
  items: z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(ITEM_KINDS), matched: z.number(), favourites: z.number(), intents: z.number() })),
});
export type EnterpriseDashboard = z.infer<typeof EnterpriseDashboard>;
