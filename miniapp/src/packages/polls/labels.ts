import type { PollState, UserView } from '@gongzhi/shared';

export const STATE_LABELS: Record<PollState, string> = { draft: '草稿', scheduled: '未开始', open: '进行中', closed: '已结束' };

/** Whether to offer the staff's side of polls and budgeting rounds (the BFF decides what each may do). */
export const managesCommunityMatters = (user: UserView) => user.roles.some((b) => b.role === 'community_staff' || b.role === 'admin');
