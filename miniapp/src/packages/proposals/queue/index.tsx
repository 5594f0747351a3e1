import { useState } from 'react';
import { View } from '@tarojs/components';
import type { CommunityView, UserView } from '@gongzhi/shared';
// the page frame's styles first, before any component's (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { getMe } from '../../../api/me';
import { getProposalSettings, listProposalQueue, setProposalThreshold, type ProposalQueue } from '../../../api/proposals';
import { listAllCommunities } from '../../../api/reference';
import { ChoiceGroup } from '../../../components/choice-group';
import { PagedItems } from '../../../components/paged-items';
import { usePagedList } from '../../../components/paged-list';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';
import { ProposalCard } from '../proposal-card';
import '../../../components/form.css';
import '../../../components/common.css';

const QUEUES = [
  { value: 'awaiting' as const, label: '待答复' },
  { value: 'adopted' as const, label: '落实中' },
];

/** The communities this person answers proposals for: their own, or every one for the street admin. */
function answeredCommunities(user: UserView, communities: CommunityView[]): CommunityView[] {
  const admin = user.roles.some((b) => b.role === 'admin');
  const own = new Set(user.roles.flatMap((b) => (b.role === 'community_staff' && b.communityId ? [b.communityId] : [])));
  return communities.filter((c) => admin || own.has(c.id));
}

/** Staff's answer queue: proposals awaiting an answer, nearest deadline first (overdue ones marked), and adopted ones to report progress on. */
export default function ProposalQueuePage() {
  const [queue, setQueue] = useState<ProposalQueue>('awaiting');
  const list = usePagedList((cursor) => listProposalQueue(queue, cursor), queue);
  const setup = useLoaded(async () => {
    const [user, communities] = await Promise.all([getMe(), listAllCommunities()]);
    return answeredCommunities(user, communities);
  }, 'setup');
  return (
    <PageShell title="提议答复" nav={<StaffNav current="proposals" />}>
      <View className="gz-muted gz-paragraph">附议达到门槛的提议须在15个工作日内答复：采纳、不采纳（须说明理由）或合并。采纳后请发布落实进展，提议人和附议人都会收到通知。</View>
      <ChoiceGroup label="答复队列" inline choices={QUEUES} value={queue} onChange={setQueue} />
      <PagedItems
        list={list}
        label={QUEUES.find((q) => q.value === queue)!.label}
        empty={queue === 'awaiting' ? '没有待答复的提议' : '没有落实中的提议'}
        renderItem={(item) => <ProposalCard item={item} openPage="proposalAnswer" />}
      />
      <LoadState loading={setup.loading} error={setup.error} onRetry={() => void setup.reload()} />
      {setup.value && setup.value.length > 0 ? <ThresholdSettings communities={setup.value} /> : null}
    </PageShell>
  );
}

/** 附议门槛 per community: applies to proposals made from now on. */
function ThresholdSettings({ communities }: { communities: CommunityView[] }) {
  const [communityId, setCommunityId] = useState(communities[0]!.id);
  const current = useLoaded(() => getProposalSettings(communityId), communityId);
  const [draft, setDraft] = useState<string>();
  const { busy, error, setError, run } = useAction();
  const value = draft ?? (current.value ? String(current.value.threshold) : '');

  async function save() {
    const threshold = Number(value);
    if (!Number.isInteger(threshold) || threshold < 1) {
      setError('门槛应为不小于1的整数');
      return;
    }
    await run(async () => {
      current.setValue(await setProposalThreshold(communityId, threshold));
      setDraft(undefined);
      toast(`附议门槛已设为${threshold}人`);
    });
  }

  return (
    <View className="gz-card">
      <View className="gz-card-title">附议门槛</View>
      {communities.length > 1 ? (
        <ChoiceGroup label="社区" inline choices={communities.map((c) => ({ value: c.id, label: c.name }))} value={communityId} onChange={(id) => {
          setCommunityId(id);
          setDraft(undefined);
        }} />
      ) : null}
      <LoadState loading={current.loading} error={current.error} onRetry={() => void current.reload()} />
      <TextField label="附议门槛（人）" name="threshold" value={value} maxlength={6} hint="此后提出的提议适用；30天内达到门槛即须答复" error={error} onChange={setDraft} />
      <View className="gz-actions">
        <Button block fill="outline" loading={busy} onClick={() => void save()}>
          保存门槛
        </Button>
      </View>
    </View>
  );
}
