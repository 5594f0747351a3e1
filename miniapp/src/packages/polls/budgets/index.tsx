import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl, yuan, type BudgetRoundSummaryView } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { listManagedRounds, listOpenRounds } from '../../../api/budgeting';
import { getMe } from '../../../api/me';
import { formatTime } from '../../../components/format';
import { ItemList, Pressable } from '../../../components/links';
import { NeedsAccount } from '../../../components/needs-account';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { managesCommunityMatters, STATE_LABELS } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

function RoundList({ label, rounds, empty }: { label: string; rounds: BudgetRoundSummaryView[]; empty: string }) {
  if (rounds.length === 0) return <View className="gz-card gz-muted">{empty}</View>;
  return (
    <ItemList className="gz-card" label={label}>
      {rounds.map((r) => (
        <Pressable
          key={r.id}
          className="gz-row"
          label={`${r.title}，${r.communityName}，预算${yuan(r.budget)}，${STATE_LABELS[r.state]}${r.voted ? '，已投票' : ''}，${r.ballots}张选票`}
          onPress={() => void Taro.navigateTo({ url: pageUrl('budget', { id: r.id }) })}
        >
          <View>
            <View>{r.title}</View>
            <View className="gz-muted">
              {r.communityName} · 预算 {yuan(r.budget)} · {STATE_LABELS[r.state]} · 截止 {formatTime(r.closesAt)} · {r.ballots}张选票
            </View>
          </View>
          <View className="gz-muted">{r.voted ? '已投票 ›' : '›'}</View>
        </Pressable>
      ))}
    </ItemList>
  );
}

/** 民生微实事: my community's budgeting rounds; for staff, also the ones they run. */
export default function BudgetRoundsPage() {
  const signedIn = hasSession();
  const loaded = useLoaded(async () => {
    const user = await getMe();
    const staff = managesCommunityMatters(user);
    if (!user.verified && !staff) return { user, open: [], managed: [] };
    const [open, managed] = await Promise.all([listOpenRounds(), staff ? listManagedRounds() : Promise.resolve({ items: [] })]);
    return { user, open: open.items, managed: managed.items };
  }, String(signedIn));
  useDidShow(() => {
    if (loaded.value) void loaded.reload();
  });
  const value = loaded.value;
  if (!signedIn || (value && !value.user.verified && !managesCommunityMatters(value.user))) {
    return (
      <PageShell title="民生微实事">
        <NeedsAccount signedIn={signedIn} purpose="参与民生微实事投票" returnTo="budgets" />
      </PageShell>
    );
  }
  return (
    <PageShell title="民生微实事">
      <View className="gz-muted gz-paragraph">社区每年的民生微实事预算用在哪些项目上，由居民投票决定：在预算之内选出您支持的项目，得票多的项目依次入选，直到预算用完。</View>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value ? (
        <>
          <RoundList label="本社区的预算投票" rounds={value.open} empty="本社区暂时没有预算投票" />
          {managesCommunityMatters(value.user) ? (
            <>
              <View className="gz-card-title">我管理的预算投票</View>
              <View className="gz-actions">
                <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('budgetNew') })}>
                  发起预算投票
                </Button>
              </View>
              <RoundList label="我管理的预算投票" rounds={value.managed} empty="还没有发起过预算投票" />
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
