import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, ITEM_KIND_LABELS, pageUrl } from '@gongzhi/shared';
import { caseQueue, enterpriseDashboard } from '../../../api/enterprises';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { formatTime } from '../../../components/format';
import { ItemList, Pressable } from '../../../components/links';
import { LoadState } from '../../../components/status';
import { useLoaded } from '../../../components/use-loaded';

const FILTERS = [
  { value: 'all', label: '全部事项' },
  { value: 'overdue', label: '只看超期' },
] as const;

/** The officers' service-desk queue: open cases first, the reply due soonest at the top, overdue ones said in words. */
export function DeskQueue() {
  const [filter, setFilter] = useState<'all' | 'overdue'>('all');
  const queue = useLoaded(() => caseQueue(filter === 'overdue'), `queue:${filter}`);
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '企业服务台事项' })}>
      <View className="gz-card-title">企业服务台事项</View>
      <ChoiceGroup label="筛选" inline choices={FILTERS} value={filter} onChange={setFilter} />
      <LoadState loading={queue.loading} error={queue.error} onRetry={() => void queue.reload()} />
      {queue.value?.items.length === 0 ? <View className="gz-muted">没有事项</View> : null}
      {queue.value?.items.length ? (
        <ItemList label="服务台事项">
          {queue.value.items.map((c) => (
            <Pressable key={c.id} label={`${c.enterpriseName}，${CASE_KIND_LABELS[c.kind]}：${c.subject}，${CASE_STATE_LABELS[c.state]}${c.overdue ? '，已超期' : ''}`} onPress={() => void Taro.navigateTo({ url: pageUrl('enterpriseCase', { id: c.id }) })}>
              <View>
                {c.enterpriseName}：{c.subject}
              </View>
              <View className="gz-muted">
                {CASE_KIND_LABELS[c.kind]} · {CASE_STATE_LABELS[c.state]}
                {c.replyDueAt ? ` · 答复期限 ${formatTime(c.replyDueAt)}` : ''}
                {c.overdue ? ' · 已超期' : ''}
              </View>
            </Pressable>
          ))}
        </ItemList>
      ) : null}
    </View>
  );
}

/** 企业服务看板: enterprises by verification state, cases by state and overdue, and each item's matched and interested enterprises. */
export function Dashboard() {
  const board = useLoaded(() => enterpriseDashboard(), 'dashboard');
  const b = board.value;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '企业服务看板' })}>
      <View className="gz-card-title">企业服务看板</View>
      <LoadState loading={board.loading} error={board.error} onRetry={() => void board.reload()} />
      {b ? (
        <>
          <View>
            企业：待审核 {b.enterprises.pending} 家，已认证 {b.enterprises.verified} 家，未通过 {b.enterprises.rejected} 家
          </View>
          <View>
            服务台：待答复 {b.cases.open} 件（超期 {b.cases.overdue} 件），已答复 {b.cases.answered} 件，已结束 {b.cases.closed} 件
            {b.cases.meanStars !== null ? `，平均评价 ${b.cases.meanStars} 星` : ''}
          </View>
          <ItemList label="政策和服务的匹配与意向">
            {b.items.map((i) => (
              <View key={i.id}>
                {ITEM_KIND_LABELS[i.kind]}：{i.title}，符合 {i.matched} 家，收藏 {i.favourites} 家，意向申报 {i.intents} 家
              </View>
            ))}
          </ItemList>
        </>
      ) : null}
    </View>
  );
}
