import { messageForCode, type ProposalSummaryView, type ProposalView } from '@gongzhi/shared';
import { offeredActions } from '../../platform/action-table';
import type { UserRecord } from '../identity/user.model';
import { PROPOSAL_MOVES, proposalRefusal, shownState, type ProposalRole } from './proposal-actions';
import type { ProposalRecord } from './proposal-store';

/** A proposal in a list: never its author's name or phone, only 居民 (or 我 to its author). */
export function toSummaryView(user: UserRecord, p: ProposalRecord, at: Date): ProposalSummaryView {
  const state = shownState(p, at);
  return {
    id: p._id.toHexString(),
    communityId: p.communityId.toHexString(),
    title: p.title,
    state,
    supports: p.supports,
    threshold: p.threshold,
    author: p.authorId.equals(user._id) ? '我' : '居民',
    createdAt: p.createdAt.toISOString(),
    supportDeadline: p.supportDeadline.toISOString(),
    ...(p.answerDeadline ? { answerDeadline: p.answerDeadline.toISOString() } : {}),
    overdue: state === 'awaiting_answer' && Boolean(p.answerDeadline && at > p.answerDeadline),
  };
}

/** The detail, with what this person may do: the offered moves of the table (proposal-actions.ts) it allows them now. */
export function toView(user: UserRecord, p: ProposalRecord, roles: ProposalRole[], supported: boolean, at: Date): ProposalView {
  const judge = (action: keyof typeof PROPOSAL_MOVES) => (action === 'support' && supported ? { code: 'PROPOSAL_ALREADY_SUPPORTED' as const, status: 409 as const } : proposalRefusal(action, roles, { p, at }));
  const supportRefusal = judge('support');
  return {
    ...toSummaryView(user, p, at),
    text: p.text,
    photoIds: p.photoIds.map((id) => id.toHexString()),
    ...(p.place ? { place: p.place } : {}),
    ...(p.answer
      ? { answer: { decision: p.answer.decision, text: p.answer.text, ...(p.answer.into ? { into: p.answer.into.toHexString() } : {}), at: p.answer.at.toISOString() } }
      : {}),
    progress: (p.progress ?? []).map((x) => ({ text: x.text, at: x.at.toISOString() })),
    viewer: {
      own: roles.includes('author'),
      supported,
      actions: offeredActions(PROPOSAL_MOVES, judge),
      ...(supportRefusal ? { supportRefusal: supportRefusal.code === 'FORBIDDEN' ? '仅本社区实名居民可以附议' : messageForCode(supportRefusal.code) } : {}),
    },
  };
}
