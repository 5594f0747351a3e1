import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl, type PollSummaryView } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { getMe } from '../../../api/me';
import { listManagedPolls, listOpenPolls } from '../../../api/polls';
import { formatTime } from '../../../components/format';
import { ItemList, Pressable } from '../../../components/links';
import { NeedsAccount } from '../../../components/needs-account';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { toast } from '../../../components/toast';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { managesCommunityMatters, STATE_LABELS } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

function PollList({ label, polls, empty }: { label: string; polls: PollSummaryView[]; empty: string }) {
  if (polls.length === 0) return <View className="gz-card gz-muted">{empty}</View>;
  return (
    <ItemList className="gz-card" label={label}>
      {polls.map((p) => (
        <Pressable
          key={p.id}
          className="gz-row"
          label={`${p.title}，${STATE_LABELS[p.state]}${p.answered ? '，已参与' : ''}，${p.ballots}份答卷`}
          onPress={() => void Taro.navigateTo({ url: pageUrl('poll', { id: p.id }) })}
        >
          <View>
            <View>{p.title}</View>
            <View className="gz-muted">
              {STATE_LABELS[p.state]} · 截止 {formatTime(p.closesAt)} · {p.ballots}份答卷
            </View>
          </View>
          <View className="gz-muted">{p.answered ? '已参与 ›' : '›'}</View>
        </Pressable>
      ))}
    </ItemList>
  );
}

/** 民意征集: the polls of my community and the street; for staff, also the ones they run. */
export default function PollsPage() {
  const signedIn = hasSession();
  const askSubscription = useSubscribePrompt('polls');
  // in the tap, as WeChat requires; whatever the answer, notices also reach the message centre
  const remindMe = () =>
    void askSubscription().then((accepted) => toast(accepted.length ? '好的，有新问卷时通过微信通知您一次' : '未开启微信通知，新问卷仍会出现在这里和消息中心'));
  const loaded = useLoaded(async () => {
    const user = await getMe();
    if (!user.verified && !managesCommunityMatters(user)) return { user, open: [], managed: [] };
    const [open, managed] = await Promise.all([listOpenPolls(), managesCommunityMatters(user) ? listManagedPolls() : Promise.resolve({ items: [] })]);
    return { user, open: open.items, managed: managed.items };
  }, String(signedIn));
  useDidShow(() => {
    if (loaded.value) void loaded.reload();
  });
  const value = loaded.value;
  if (!signedIn || (value && !value.user.verified && !managesCommunityMatters(value.user))) {
    return (
      <PageShell title="民意征集">
        <NeedsAccount signedIn={signedIn} purpose="参与民意征集" returnTo="polls" />
      </PageShell>
    );
  }
  return (
    <PageShell title="民意征集">
      <View className="gz-muted gz-paragraph">社区和街道向居民征集意见。每位实名居民每份问卷答一次，不记名问卷的答卷与身份分开保存。</View>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value ? (
        <>
          <PollList label="可参与的问卷" polls={value.open} empty="暂时没有面向您的问卷" />
          {value.user.verified ? (
            <View className="gz-actions">
              <Button block fill="outline" onClick={remindMe}>
                新问卷提醒我
              </Button>
            </View>
          ) : null}
          {managesCommunityMatters(value.user) ? (
            <>
              <View className="gz-card-title">我发起的问卷</View>
              <View className="gz-actions">
                <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('pollNew') })}>
                  发起问卷
                </Button>
              </View>
              <PollList label="我发起的问卷" polls={value.managed} empty="还没有发起过问卷" />
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
