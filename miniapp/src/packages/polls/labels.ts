import type { CommunityView, PollState, UserView } from '@gongzhi/shared';

export const STATE_LABELS: Record<PollState, string> = { draft: '草稿', scheduled: '未开始', open: '进行中', closed: '已结束' };

/** Whether to offer the staff's side of polls and budgeting rounds (the BFF decides what each may do). */
export const managesCommunityMatters = (user: UserView) => user.roles.some((b) => b.role === 'community_staff' || b.role === 'admin');

/** The communities whose matters this person runs: their own as community staff, every one for the street admin. */
export function managedCommunityChoices(user: UserView, communities: CommunityView[]) {
  const admin = user.roles.some((b) => b.role === 'admin');
  const own = new Set(user.roles.flatMap((b) => (b.role === 'community_staff' && b.communityId ? [b.communityId] : [])));
  return communities.filter((c) => admin || own.has(c.id)).map((c) => ({ value: c.id, label: c.name }));
}
