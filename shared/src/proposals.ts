import { z } from 'zod';
import { ComplaintLocation } from './complaints';
import { ObjectIdString } from './identity';
import { CursorQuery, pageOf } from './reference';

/**
 * Resident proposals (居民提议, issue 12): a real-name resident proposes an idea for their community;
 * other residents of the community support it (附议) once each; enough supports within the window
 * oblige the community to answer within 15 working days: adopted (then progress reports), not adopted
 * (with the reason) or merged into another proposal.
 */
export const PROPOSAL_RULES = {
  maxPhotos: 6,
  /** supports that oblige an answer, unless the community set its own (proposal settings) */
  defaultThreshold: 50,
  /** days a proposal collects supports; missing the threshold by then, it closes as expired */
  supportWindowDays: 30,
  /** the community answers within this many working days of the threshold being reached */
  answerWorkingDays: 15,
} as const;

export const PROPOSAL_STATES = ['open', 'awaiting_answer', 'adopted', 'not_adopted', 'merged', 'expired', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = {
  open: '征集附议中',
  awaiting_answer: '待社区答复',
  adopted: '已采纳',
  not_adopted: '未采纳',
  merged: '已合并',
  expired: '附议未达标',
  withdrawn: '已撤回',
};

/**
 * The moves of a proposal, who takes them and from which state: the BFF's action table
 * (bff/src/modules/proposals/proposal-actions.ts) adds the preconditions; the mini-program shows the
 * buttons the detail's `viewer.actions` lists. `author`: the resident who proposed; `resident`: another
 * real-name resident of the community; `staff`: its community staff or the street admin.
 */
export const PROPOSAL_ACTIONS = ['support', 'withdraw', 'adopt', 'notAdopt', 'merge', 'reportProgress', 'reachThreshold', 'expire'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

const Title = z.string().trim().min(4, '标题至少4个字').max(40, '标题最多40个字');

export const CreateProposalBody = z.strictObject({
  title: Title,
  text: z.string().trim().min(10, '内容至少10个字').max(2000, '内容最多2000个字'),
  photoIds: z.array(ObjectIdString).max(PROPOSAL_RULES.maxPhotos).default([]),
  /** where the idea is about, like a complaint's location (optional) */
  place: ComplaintLocation.optional(),
});
export type CreateProposalBody = z.input<typeof CreateProposalBody>;

export const PROPOSAL_ORDERS = ['newest', 'supported'] as const;
export const ProposalListQuery = CursorQuery.extend({ order: z.enum(PROPOSAL_ORDERS).default('newest') });
export const PROPOSAL_QUEUES = ['awaiting', 'adopted'] as const;
/** Staff: the proposals awaiting an answer (nearest deadline first), or adopted ones to report progress on (newest first). */
export const ProposalQueueQuery = CursorQuery.extend({ queue: z.enum(PROPOSAL_QUEUES).default('awaiting') });

const AnswerText = z.string().trim().min(2).max(1000);
/** The community's answer: adopted (what will be done), not adopted (the reason, required) or merged into another proposal of the community. */
export const AnswerProposalBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('adopted'), text: AnswerText }),
  z.strictObject({ decision: z.literal('not_adopted'), reason: AnswerText }),
  z.strictObject({ decision: z.literal('merged'), into: ObjectIdString, text: AnswerText.optional() }),
]);
export type AnswerProposalBody = z.infer<typeof AnswerProposalBody>;

export const ProgressBody = z.strictObject({ text: z.string().trim().min(2).max(1000) });
export type ProgressBody = z.infer<typeof ProgressBody>;

export const ProposalSettingsBody = z.strictObject({ threshold: z.number().int().min(1).max(100_000) });
export type ProposalSettingsBody = z.infer<typeof ProposalSettingsBody>;
export const ProposalSettingsView = z.object({ communityId: z.string(), threshold: z.number(), supportWindowDays: z.number(), answerWorkingDays: z.number() });
export type ProposalSettingsView = z.infer<typeof ProposalSettingsView>;
export const CommunityParams = z.object({ communityId: z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确') });

export const ProposalAnswerView = z.object({
  decision: z.enum(['adopted', 'not_adopted', 'merged']),
  text: z.string(),
  /** merged: the proposal it joined */
  into: z.string().optional(),
  at: z.string(),
});

export const ProposalSummaryView = z.object({
  id: z.string(),
  /** the community it was put to */
  communityId: z.string(),
  title: z.string(),
  state: z.enum(PROPOSAL_STATES),
  supports: z.number(),
  threshold: z.number(),
  /** never the real name: 居民, or 我 for the author's own */
  author: z.string(),
  createdAt: z.string(),
  supportDeadline: z.string(),
  answerDeadline: z.string().optional(),
  /** awaiting an answer past its deadline */
  overdue: z.boolean(),
});
export type ProposalSummaryView = z.infer<typeof ProposalSummaryView>;

export const ProposalView = ProposalSummaryView.extend({
  text: z.string(),
  photoIds: z.array(z.string()),
  place: ComplaintLocation.optional(),
  answer: ProposalAnswerView.optional(),
  progress: z.array(z.object({ text: z.string(), at: z.string() })),
  viewer: z.object({
    own: z.boolean(),
    supported: z.boolean(),
    /** the moves this person may take now (the buttons) */
    actions: z.array(z.enum(PROPOSAL_ACTIONS)),
    /** why they may not support it, when they may not */
    supportRefusal: z.string().optional(),
  }),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const ProposalPage = pageOf(ProposalSummaryView);
export type ProposalPage = z.infer<typeof ProposalPage>;
