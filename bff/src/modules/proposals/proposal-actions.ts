import type { ProposalAction, ProposalState } from '@gongzhi/shared';
import { judgeAction, type ActionRule, type Refusal } from '../../platform/action-table';
import type { ProposalRecord } from './proposal-store';

/**
 * THE proposal rules: every move on a proposal, by anyone or by the system (the support that reaches
 * the threshold, the sweep that closes an expired one), with the states it starts from, the state it
 * leads to, who may take it and its preconditions. move() (proposal-moves.ts) enforces a row before its
 * one conditional write; the detail's buttons (viewer.actions) are the offered rows it allows; the
 * support count and the sweep ask the same rows.
 */

/** How a person stands to a proposal: several at once (a staff member may live in the community too). */
export type ProposalRole = 'author' | 'resident' | 'staff' | 'system';

export interface ProposalRuleInput {
  p: ProposalRecord;
  at: Date;
  /** the role the move is judged in (the first of the row's roles the person holds) */
  role: ProposalRole;
}

type Rule = ActionRule<ProposalState, ProposalRole, ProposalRuleInput>;

/** An open proposal takes supports (and may be withdrawn) only within its window; past it, it is expired, written or not. */
const withinWindow = { holds: ({ p, at }: ProposalRuleInput) => shownState(p, at) !== 'expired', refusal: 'PROPOSAL_NOT_OPEN' } as const;

export const PROPOSAL_MOVES = {
  /** 附议: another resident of the community, once (the unique support _id decides), while it collects or awaits its answer */
  support: { from: ['open', 'awaiting_answer'], roles: ['resident', 'author'], requires: [withinWindow, { holds: ({ role }) => role !== 'author', refusal: 'PROPOSAL_OWN' }], offered: true },
  /** the author, while it still collects supports */
  withdraw: { from: ['open'], to: 'withdrawn', roles: ['author'], requires: [withinWindow], offered: true },
  /** the support that reaches the threshold obliges an answer (15 working days) */
  reachThreshold: {
    from: ['open'], to: 'awaiting_answer', roles: ['system'],
    requires: [{ holds: ({ p }) => p.supports >= p.threshold, refusal: 'PROPOSAL_NOT_OPEN' }], offered: false,
  },
  /** the support window passed short of the threshold */
  expire: {
    from: ['open'], to: 'expired', roles: ['system'],
    requires: [{ holds: ({ p, at }) => at > p.supportDeadline && p.supports < p.threshold, refusal: 'PROPOSAL_NOT_OPEN' }], offered: false,
  },
  adopt: { from: ['awaiting_answer'], to: 'adopted', roles: ['staff'], requires: [], offered: true },
  notAdopt: { from: ['awaiting_answer'], to: 'not_adopted', roles: ['staff'], requires: [], offered: true },
  merge: { from: ['awaiting_answer'], to: 'merged', roles: ['staff'], requires: [], offered: true },
  /** 落实进展 on an adopted proposal */
  reportProgress: { from: ['adopted'], roles: ['staff'], requires: [], offered: true },
} as const satisfies Record<ProposalAction, Rule>;

/** The state a proposal shows: an open one past its window is expired before the sweep writes it. */
export function shownState(p: Pick<ProposalRecord, 'state' | 'supportDeadline' | 'supports' | 'threshold'>, at: Date): ProposalState {
  return p.state === 'open' && at > p.supportDeadline && p.supports < p.threshold ? 'expired' : p.state;
}

/**
 * Why someone holding these roles may not take this move now (judged in the first of the row's roles
 * they hold, so the author asking to support is refused as the author); null: they may.
 */
export function proposalRefusal(action: ProposalAction, roles: readonly ProposalRole[], x: Omit<ProposalRuleInput, 'role'>): Refusal | null {
  const rule: Rule = PROPOSAL_MOVES[action];
  const role = rule.roles.find((r) => roles.includes(r));
  if (!role) return { code: 'FORBIDDEN', status: 403 };
  return judgeAction(rule, { state: x.p.state, role, input: { ...x, role }, conflict: STATE_CONFLICT[rule.from[0]!] });
}

/** The refusal when the proposal is in another state than the move starts from (by the row's first from-state). */
const STATE_CONFLICT: Record<ProposalState, Refusal['code']> = {
  open: 'PROPOSAL_NOT_OPEN',
  awaiting_answer: 'PROPOSAL_NOT_AWAITING',
  adopted: 'PROPOSAL_NOT_ADOPTED',
  not_adopted: 'PROPOSAL_NOT_OPEN',
  merged: 'PROPOSAL_NOT_OPEN',
  expired: 'PROPOSAL_NOT_OPEN',
  withdrawn: 'PROPOSAL_NOT_OPEN',
};
