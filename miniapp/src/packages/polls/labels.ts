import type { PollState } from '@gongzhi/shared';

export const STATE_LABELS: Record<PollState, string> = { draft: '草稿', scheduled: '未开始', open: '进行中', closed: '已结束' };
