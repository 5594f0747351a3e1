import { z } from 'zod';
import { ObjectIdString } from './identity';

/**
 * 民生微实事 budgeting (PRODUCT.md §4): staff open a round for a community with a budget and candidate
 * projects; each real-name resident of the community picks projects whose total cost stays within the
 * budget, once, by secret ballot; when the round closes, projects are funded greedily by votes.
 * Amounts are whole yuan.
 */

const ShortId = z.string().regex(/^[a-z0-9_-]{1,16}$/, '编号只能是小写字母、数字、下划线或短横线');
const Yuan = z.number().int('金额请填写整数（元）').min(1, '金额至少 1 元').max(100_000_000, '金额过大');

export const BudgetCandidate = z.strictObject({
  id: ShortId,
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(1000).default(''),
  cost: Yuan,
  /** who put it forward, as the page shows it (e.g. 莲花社区居民, 社区党委) */
  proposer: z.string().trim().max(60).default(''),
  /** the resident proposal (居民提议) it came from, if any */
  proposalId: ObjectIdString.optional(),
});
export type BudgetCandidate = z.infer<typeof BudgetCandidate>;

export const BudgetRoundDraftBody = z
  .strictObject({
    title: z.string().trim().min(2).max(60),
    description: z.string().trim().max(2000).default(''),
    communityId: ObjectIdString,
    budget: Yuan,
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
    candidates: z.array(BudgetCandidate).min(2).max(30),
  })
  .superRefine((round, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (Date.parse(round.closesAt) <= Date.parse(round.opensAt)) issue(['closesAt'], '结束时间应晚于开始时间');
    const ids = new Set<string>();
    round.candidates.forEach((c, i) => {
      if (ids.has(c.id)) issue(['candidates', i, 'id'], '项目编号重复');
      ids.add(c.id);
      if (c.cost > round.budget) issue(['candidates', i, 'cost'], '单个项目的费用不能超过总预算');
    });
  });
export type BudgetRoundDraftBody = z.input<typeof BudgetRoundDraftBody>;
/** A draft as the BFF receives it, defaults applied. */
export type BudgetRoundDraft = z.output<typeof BudgetRoundDraftBody>;

/** The projects a resident picks: at least one, each once, together within the budget (the BFF checks the costs). */
export const BudgetBallotBody = z.strictObject({ projects: z.array(ShortId).min(1).max(30) });
export type BudgetBallotBody = z.infer<typeof BudgetBallotBody>;

export const BUDGET_ROUND_STATES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type BudgetRoundState = (typeof BUDGET_ROUND_STATES)[number];

export const BudgetOutcome = z.object({
  /** every candidate in the order the rule considered them: votes, and whether it is funded */
  ranking: z.array(z.object({ id: z.string(), title: z.string(), cost: z.number(), votes: z.number(), funded: z.boolean() })),
  spent: z.number(),
  /** final once the round is settled (a minute after closing): the ballots recounted and digested */
  final: z.boolean(),
  /** SHA-256 of the anonymous ballots' CSV (GET …/ballots.csv) */
  ballotsDigest: z.string().optional(),
});
export type BudgetOutcome = z.infer<typeof BudgetOutcome>;

export const BudgetRoundView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  budget: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
  candidates: z.array(BudgetCandidate),
  state: z.enum(BUDGET_ROUND_STATES),
  ballots: z.number(),
  /** real-name residents of the community when the round was published */
  audienceSize: z.number(),
  /** staff: the live outcome while voting; everyone: the outcome once closed */
  outcome: BudgetOutcome.optional(),
  viewer: z.object({ voted: z.boolean(), canVote: z.boolean(), reason: z.string().optional(), manages: z.boolean() }),
});
export type BudgetRoundView = z.infer<typeof BudgetRoundView>;

export const BudgetRoundSummaryView = BudgetRoundView.pick({
  id: true, title: true, communityName: true, budget: true, opensAt: true, closesAt: true, state: true, ballots: true,
}).extend({ voted: z.boolean() });
export type BudgetRoundSummaryView = z.infer<typeof BudgetRoundSummaryView>;
