import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, PROPOSAL_RULES } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { hasSession } from '../../../api/auth';
import { getMe } from '../../../api/me';
import { listMyProposals, listProposals } from '../../../api/proposals';
import { ChoiceGroup } from '../../../components/choice-group';
import { NeedsAccount } from '../../../components/needs-account';
import { PagedItems } from '../../../components/paged-items';
import { usePagedList } from '../../../components/paged-list';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { ProposalCard } from '../proposal-card';
import '../../../components/form.css';
import '../../../components/common.css';

type Tab = 'newest' | 'supported' | 'mine';
const TABS = [
  { value: 'newest' as const, label: '最新' },
  { value: 'supported' as const, label: '附议最多' },
  { value: 'mine' as const, label: '我的' },
];

/** 居民提议: my community's proposals, newest or most supported first, and my own. */
export default function ProposalsPage() {
  const signedIn = hasSession();
  const me = useLoaded(() => getMe(), String(signedIn));
  const [tab, setTab] = useState<Tab>('newest');
  const list = usePagedList((cursor) => (tab === 'mine' ? listMyProposals(cursor) : listProposals(tab, cursor)), tab);
  if (!signedIn || (me.value && !me.value.verified)) {
    return (
      <PageShell title="居民提议">
        <NeedsAccount signedIn={signedIn} purpose="提出和附议居民提议" returnTo="proposals" />
      </PageShell>
    );
  }
  return (
    <PageShell title="居民提议">
      <View className="gz-muted gz-paragraph">
        本社区实名居民都可以提出建议，其他居民可以附议。{PROPOSAL_RULES.supportWindowDays}天内附议达到门槛的提议，社区在{PROPOSAL_RULES.answerWorkingDays}个工作日内答复。
      </View>
      <LoadState loading={me.loading} error={me.error} onRetry={() => void me.reload()} />
      <View className="gz-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('proposalNew') })}>
          提出提议
        </Button>
      </View>
      <ChoiceGroup label="提议列表" inline choices={TABS} value={tab} onChange={setTab} />
      <PagedItems list={list} label={TABS.find((t) => t.value === tab)!.label} empty={tab === 'mine' ? '您还没有提出过提议' : '本社区还没有提议'} renderItem={(item) => <ProposalCard item={item} />} />
    </PageShell>
  );
}
