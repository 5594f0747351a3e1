import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type AidPostSummary } from '@gongzhi/shared';
import { getMe } from '../../../api/me';
import { aidModerationQueue, aidTimeBankTotals, aidUnanswered, handOverAidPost, moderateAid } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { AidPostCard } from '../post-card';
import { CategoriesEditor } from './categories-editor';
import { PeopleSafety } from './people-safety';
import '../../../components/form.css';
import '../../../components/common.css';

/** The new-shift page, filled in from the ask: its words, its rough place, its day and hours (China time). */
function shiftFromAsk(post: AidPostSummary): string {
  const cst = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  const start = cst(post.startsAt);
  const end = cst(post.endsAt);
  return pageUrl('organiserNewShift', {
    communityId: post.communityId,
    title: `邻里互助：${post.categoryName}`.slice(0, 30),
    description: `${post.text}（来自社区互助，求助人：${post.author.nickname}）`,
    address: post.area,
    lat: post.roughPoint.lat,
    lng: post.roughPoint.lng,
    date: start.slice(0, 10),
    startTime: start.slice(11, 16),
    endTime: end.slice(0, 10) === start.slice(0, 10) ? end.slice(11, 16) : '23:59',
  });
}

/**
 * Community staff: what reports hid (restore or remove, with a reason), the people residents reported
 * and suspensions, asks nobody answered in a day, and the time bank per community; the street admin
 * also edits the categories.
 */
export default function AidStaffPage() {
  const [version, setVersion] = useState(0);
  const me = useLoaded(() => getMe(), 'me');
  const admin = me.value?.roles.some((b) => b.role === 'admin') ?? false;
  const queue = useLoaded(() => aidModerationQueue(), `q:${version}`);
  const unanswered = useLoaded(() => aidUnanswered(), `u:${version}`);
  const totals = useLoaded(() => aidTimeBankTotals(), `t:${version}`);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const action = useAction();
  const act = (work: () => Promise<unknown>, done: string) => action.act(work, done, () => setVersion((v) => v + 1));

  const reasonOf = (id: string) => (reasons[id] ?? '').trim();
  return (
    <PageShell title="社区互助管理" nav={<StaffNav current="mutualAid" />}>
      <FieldError message={action.error} />
      <View className="gz-card" {...a11y({ role: 'region', label: '待审核' })}>
        <View className="gz-card-title">待审核（被多位居民举报而隐藏）</View>
        <LoadState loading={queue.loading} error={queue.error} onRetry={() => void queue.reload()} />
        {queue.value?.items.length === 0 ? <View className="gz-muted">没有待审核的内容</View> : null}
        {queue.value?.items.map((item) => (
          <View key={item.id} className="gz-field">
            <View>
              {item.target === 'post' ? '帖子' : '消息'}（{item.author.nickname}）：{item.text}
            </View>
            <View className="gz-muted">举报理由：{item.reports.map((r) => r.reason).join('；')}</View>
            <TextField label={`处理说明（告知${item.author.nickname}）`} name={`reason-${item.id}`} maxlength={200} value={reasons[item.id] ?? ''} onChange={(v) => setReasons((r) => ({ ...r, [item.id]: v }))} />
            <View className="gz-actions">
              <Button block disabled={reasonOf(item.id).length < 2} onClick={() => void act(() => moderateAid(item.target, item.id, 'restore', reasonOf(item.id)), '已恢复')}>
                恢复
              </Button>
              <Button block fill="outline" disabled={reasonOf(item.id).length < 2} onClick={() => void act(() => moderateAid(item.target, item.id, 'remove', reasonOf(item.id)), '已移除')}>
                移除
              </Button>
            </View>
          </View>
        ))}
      </View>
      <PeopleSafety />
      <View className="gz-card" {...a11y({ role: 'region', label: '无人响应' })}>
        <View className="gz-card-title">无人响应（超过24小时的求助）</View>
        <LoadState loading={unanswered.loading} error={unanswered.error} onRetry={() => void unanswered.reload()} />
        {unanswered.value?.items.length === 0 ? <View className="gz-muted">没有超过24小时无人响应的求助</View> : null}
        {unanswered.value?.items.map((post) => (
          <View key={post.id} className="gz-field">
            <AidPostCard post={post} />
            {post.handedOver ? (
              <View className="gz-muted">已接手：{post.handedOver.note}</View>
            ) : (
              <>
                <TextField label="接手说明（告知求助人）" name={`note-${post.id}`} maxlength={200} value={reasons[post.id] ?? ''} onChange={(v) => setReasons((r) => ({ ...r, [post.id]: v }))} />
                <View className="gz-actions">
                  <Button block disabled={reasonOf(post.id).length < 2} onClick={() => void act(() => handOverAidPost(post.id, reasonOf(post.id)), '已接手并告知求助人')}>
                    由社区接手
                  </Button>
                  <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: shiftFromAsk(post) })}>
                    转为志愿服务岗位
                  </Button>
                </View>
              </>
            )}
          </View>
        ))}
      </View>
      <View className="gz-card" {...a11y({ role: 'region', label: '时间银行合计' })}>
        <View className="gz-card-title">时间银行合计</View>
        <LoadState loading={totals.loading} error={totals.error} onRetry={() => void totals.reload()} />
        {totals.value?.items.map((t) => (
          <View key={t.communityId} className="gz-row">
            <View>{t.communityName}</View>
            <View>
              {t.hours}小时 · {t.helpers}位邻居
            </View>
          </View>
        ))}
      </View>
      {admin ? <CategoriesEditor /> : null}
    </PageShell>
  );
}
