import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { UserView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getMe } from '../../../api/me';
import { listQueue, listTasks, type QueueFilterValue, type TaskFilterValue } from '../../../api/staff-complaints';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { ChoiceGroup } from '../../../components/choice-group';
import { PagedComplaints } from '../../../components/complaints/paged-complaints';
import { usePagedList } from '../../../components/paged-list';
import { QUEUE_FILTERS, TASK_FILTERS } from '../filters';
import { VIEW_LABELS, workbenchViews, type WorkbenchView } from '../../../components/staff-views';
import '../../../components/form.css';
import '../../../components/common.css';
import '../workbench.css';
import { pageUrl, type PageName } from '@gongzhi/shared';

/** The views that live on their own page: what it does, and the button that opens it. */
const ELSEWHERE = {
  assessment: { about: '按月查看各单位的响应率、解决率、满意率和综合得分，可查看每个数字背后的诉求。', page: 'assessment', open: '打开考核统计表' },
  volunteers: { about: '发布志愿服务班次，现场出示签到码，查看报名和到岗情况，确认服务时长并评价。', page: 'organiser', open: '打开志愿服务管理' },
  proposals: { about: '附议达到门槛的居民提议须在15个工作日内答复；采纳后发布落实进展。也可在此调整本社区的附议门槛。', page: 'proposalQueue', open: '打开提议答复队列' },
  mutualAid: { about: '处理被多位居民举报而隐藏的互助信息，接手超过24小时无人响应的求助，查看各社区时间银行合计。', page: 'aidStaff', open: '打开社区互助管理' },
} as const satisfies Partial<Record<WorkbenchView, { about: string; page: PageName; open: string }>>;

function ElsewhereCard({ about, page, open }: { about: string; page: PageName; open: string }) {
  return (
    <View className="gz-card">
      <View className="gz-muted">{about}</View>
      <View className="gz-actions">
        <Button type="primary" onClick={() => void Taro.navigateTo({ url: pageUrl(page) })}>
          {open}
        </Button>
      </View>
    </View>
  );
}

export default function WorkbenchPage() {
  const [user, setUser] = useState<UserView>();
  const [error, setError] = useState<string>();
  const [view, setView] = useState<WorkbenchView>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const me = await getMe();
      setUser(me);
      setView((current) => current ?? workbenchViews(me)[0]);
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const views = user ? workbenchViews(user) : [];
  return (
    <PageShell title="工作台" nav={<StaffNav current="workbench" />}>
      <LoadState loading={!user && !error} error={error} onRetry={() => void load()} />
      {user && views.length === 0 ? <View className="gz-card">您的账号没有工作人员身份，无法使用工作台。</View> : null}
      {views.length > 1 ? (
        <ChoiceGroup label="工作台视图" inline choices={views.map((v) => ({ value: v, label: VIEW_LABELS[v] }))} value={view} onChange={setView} />
      ) : null}
      {view === 'queue' ? <ComplaintList kind="queue" /> : null}
      {view === 'tasks' ? <ComplaintList kind="tasks" /> : null}
      {view && view in ELSEWHERE ? <ElsewhereCard {...ELSEWHERE[view as keyof typeof ELSEWHERE]} /> : null}
    </PageShell>
  );
}

function ComplaintList({ kind }: { kind: 'queue' | 'tasks' }) {
  const [filter, setFilter] = useState<string>(kind === 'queue' ? 'intake' : 'to_sign');
  const list = usePagedList(
    (cursor) => (kind === 'queue' ? listQueue(filter as QueueFilterValue, cursor) : listTasks(filter as TaskFilterValue, cursor)),
    `${kind}:${filter}`,
  );
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const filters = kind === 'queue' ? QUEUE_FILTERS : TASK_FILTERS;
  const filterLabel = filters.find((f) => f.value === filter)?.label ?? '';
  return (
    <>
      <View className="gz-card">
        <View className="gz-field-label">{kind === 'queue' ? '分拨队列' : '我的任务'}</View>
        <ChoiceGroup label={kind === 'queue' ? '队列筛选' : '任务筛选'} inline choices={filters} value={filter} onChange={setFilter} />
        <Button size="small" fill="outline" onClick={() => void list.reload()}>
          刷新
        </Button>
      </View>
      <PagedComplaints
        list={list}
        className="gz-workbench-list"
        table
        label={`${filterLabel}的诉求`}
        empty={`${filterLabel}：暂无诉求`}
        openPage="workbenchComplaint"
      />
    </>
  );
}
