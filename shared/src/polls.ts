import { z } from 'zod';
import { ObjectIdString } from './identity';

/**
 * Opinion polls (民意征集, PRODUCT.md §4): community staff ask their community, the street admin the
 * street; every real-name resident of the audience answers once; a secret ballot cannot be tied to its
 * voter even by someone reading the database; results are running tallies anyone can recompute from
 * the published anonymous ballots.
 */

/** Short ids the poll's author gives its questions and options (stable across edits of a draft). */
const ShortId = z.string().regex(/^[a-z0-9_-]{1,16}$/, '编号只能是小写字母、数字、下划线或短横线');

export const PollOption = z.strictObject({ id: ShortId, label: z.string().trim().min(1).max(60) });
export type PollOption = z.infer<typeof PollOption>;

const questionBase = { id: ShortId, title: z.string().trim().min(1).max(200) };

export const PollQuestion = z.discriminatedUnion('kind', [
  z.strictObject({ ...questionBase, kind: z.literal('single'), options: z.array(PollOption).min(2).max(20) }),
  z.strictObject({
    ...questionBase,
    kind: z.literal('multiple'),
    options: z.array(PollOption).min(2).max(20),
    min: z.number().int().min(1),
    max: z.number().int().min(1),
  }),
  z.strictObject({ ...questionBase, kind: z.literal('rating') }),
  /** the options in the resident's order of preference, at most 5 (scored by Borda count) */
  z.strictObject({ ...questionBase, kind: z.literal('ranking'), options: z.array(PollOption).min(2).max(5) }),
  z.strictObject({ ...questionBase, kind: z.literal('text'), maxLength: z.number().int().min(1).max(500) }),
]);
export type PollQuestion = z.infer<typeof PollQuestion>;

export const PollAudience = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('street') }),
  z.strictObject({ scope: z.literal('communities'), communityIds: z.array(ObjectIdString).min(1).max(50) }),
]);
export type PollAudience = z.infer<typeof PollAudience>;

export const POLL_RESULTS_VISIBILITY = ['live', 'after_close', 'staff_only'] as const;
export const POLL_BALLOT_KINDS = ['secret', 'named'] as const;

export const PollDraftBody = z
  .strictObject({
    title: z.string().trim().min(2).max(60),
    description: z.string().trim().max(2000).default(''),
    /** an upload of the author's, shown above the description */
    coverId: ObjectIdString.optional(),
    questions: z.array(PollQuestion).min(1).max(30),
    audience: PollAudience,
    /** years, from the real-name birth date */
    minAge: z.number().int().min(14).max(120).optional(),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    results: z.enum(POLL_RESULTS_VISIBILITY),
    ballot: z.enum(POLL_BALLOT_KINDS),
  })
  .superRefine((poll, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (Date.parse(poll.closesAt) <= Date.parse(poll.opensAt)) issue(['closesAt'], '结束时间应晚于开始时间');
    const questionIds = new Set<string>();
    poll.questions.forEach((q, i) => {
      if (questionIds.has(q.id)) issue(['questions', i, 'id'], '题目编号重复');
      questionIds.add(q.id);
      if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking') {
        const ids = q.options.map((o) => o.id);
        if (new Set(ids).size !== ids.length) issue(['questions', i, 'options'], '选项编号重复');
      }
      if (q.kind === 'multiple' && (q.min > q.max || q.max > q.options.length)) issue(['questions', i, 'max'], '最少、最多可选数应满足 最少 ≤ 最多 ≤ 选项数');
    });
  });
export type PollDraftBody = z.input<typeof PollDraftBody>;

/** One answer: chosen option ids (single: one; multiple: min–max; ranking: every option, best first), a rating 1–5, or text. */
export const PollAnswer = z.strictObject({
  questionId: ShortId,
  choices: z.array(ShortId).max(20).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  text: z.string().trim().max(500).optional(),
});
export type PollAnswer = z.infer<typeof PollAnswer>;

export const BallotBody = z.strictObject({ answers: z.array(PollAnswer).min(1).max(30) });
export type BallotBody = z.infer<typeof BallotBody>;

export const POLL_STATES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type PollState = (typeof POLL_STATES)[number];

export const PollView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  coverId: z.string().optional(),
  questions: z.array(PollQuestion),
  audience: PollAudience,
  minAge: z.number().optional(),
  opensAt: z.string(),
  closesAt: z.string(),
  results: z.enum(POLL_RESULTS_VISIBILITY),
  ballot: z.enum(POLL_BALLOT_KINDS),
  state: z.enum(POLL_STATES),
  ballots: z.number(),
  /** what this person may do: answer it (or why not), and whether they have */
  viewer: z.object({ answered: z.boolean(), canAnswer: z.boolean(), reason: z.string().optional(), manages: z.boolean() }),
});
export type PollView = z.infer<typeof PollView>;

export const PollSummaryView = PollView.pick({ id: true, title: true, state: true, opensAt: true, closesAt: true, ballots: true, ballot: true }).extend({
  answered: z.boolean(),
});
export type PollSummaryView = z.infer<typeof PollSummaryView>;

export const QuestionResult = z.object({
  questionId: z.string(),
  kind: z.enum(['single', 'multiple', 'rating', 'ranking', 'text']),
  title: z.string(),
  /** how many ballots answered this question */
  answered: z.number(),
  options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number(), points: z.number().optional() })).optional(),
  /** ratings 1–5: how many gave each, and the mean */
  ratingCounts: z.array(z.number()).optional(),
  ratingMean: z.number().nullable().optional(),
  /** free text: the answers staff chose to publish (staff read them all with GET …/texts) */
  texts: z.array(z.string()).optional(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

export const PollResultsView = z.object({
  pollId: z.string(),
  state: z.enum(POLL_STATES),
  ballots: z.number(),
  /** real-name residents of the audience when the poll opened to answers */
  audienceSize: z.number(),
  questions: z.array(QuestionResult),
  /** SHA-256 of the anonymous ballots' CSV (GET …/ballots.csv): anyone can recompute the figures from it; set once the closed poll is settled */
  ballotsDigest: z.string().optional(),
  /** the recount a minute after closing: ballots stored, people who voted, whether the running tally had to be corrected */
  settled: z.object({ ballots: z.number(), participations: z.number(), repaired: z.boolean() }).optional(),
});
export type PollResultsView = z.infer<typeof PollResultsView>;

/** A page of one free-text question's answers, for the poll's staff. */
export const PollTextsView = z.object({
  items: z.array(z.object({ text: z.string(), published: z.boolean() })),
  total: z.number(),
  nextOffset: z.number().optional(),
});
export type PollTextsView = z.infer<typeof PollTextsView>;

export const PollTextsQuery = z.strictObject({ question: ShortId, offset: z.coerce.number().int().min(0).max(1_000_000).default(0) });

/** The answers to a free-text question to publish with the results (replacing the earlier choice; none to withdraw them). */
export const PublishTextsBody = z.strictObject({ questionId: ShortId, texts: z.array(z.string().max(500)).max(20) });
export type PublishTextsBody = z.infer<typeof PublishTextsBody>;
