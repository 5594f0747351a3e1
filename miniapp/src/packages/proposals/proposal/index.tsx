import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { pageUrl, type ProposalView } from '@gongzhi/shared';
import { getProposal, supportProposal, withdrawProposal } from '../../../api/proposals';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { useAction } from '../../../components/use-action';
import { ProposalAnswer } from '../proposal-answer';
import { ProposalBadges } from '../proposal-badges';
import '../../../components/form.css';
import '../../../components/common.css';

/** A proposal: what it asks, its supports against the threshold, the community's answer and progress; 附议 for neighbours. */
export default function ProposalPage() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoaded(() => getProposal(id), id);
  const askSubscriptions = useSubscribePrompt('proposal');
  const { busy, error: actionError, run } = useAction();

  const act = (action: () => Promise<ProposalView>, done: (p: ProposalView) => string) =>
    run(async () => {
      const updated = await action();
      loaded.setValue(updated);
      toast(done(updated));
    });

  function support() {
    // WeChat asks for subscriptions only inside the tap, before any wait
    const asking = askSubscriptions();
    void act(async () => {
      await asking.catch(() => []);
      return supportProposal(id);
    }, (p) => `附议成功，已有${p.supports}人附议`);
  }

  const p = loaded.value;
  const may = (action: ProposalView['viewer']['actions'][number]) => Boolean(p?.viewer.actions.includes(action));
  return (
    <PageShell title={p?.title ?? '居民提议'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {p ? (
        <>
          <View className="gz-card">
            <View className="gz-card-title">{p.title}</View>
            <ProposalBadges proposal={p} supported={p.viewer.supported} />
            <View className="gz-paragraph">{p.text}</View>
            {p.place ? <View className="gz-muted">地点：{p.place.address}</View> : null}
            {p.photoIds.length > 0 ? <PhotoStrip ids={p.photoIds} /> : null}
            <View className="gz-muted">
              提议人：{p.author} · {formatTime(p.createdAt)}
            </View>
          </View>
          <View className="gz-card">
            <View className="gz-card-title" role="status" aria-live="polite">
              附议 {p.supports} 人（门槛 {p.threshold} 人）
            </View>
            <View className="gz-muted">
              {p.state === 'open' ? `征集附议至 ${formatTime(p.supportDeadline)}，达到门槛后社区将在15个工作日内答复。` : null}
              {p.state === 'awaiting_answer' && p.answerDeadline ? `已达到门槛，社区将于 ${formatTime(p.answerDeadline)} 前答复。` : null}
              {p.state === 'expired' ? '征集期内附议人数未达到门槛，提议已结束。' : null}
            </View>
            <View className="gz-actions">
              {may('support') ? (
                <Button type="primary" block loading={busy} onClick={support}>
                  附议
                </Button>
              ) : p.viewer.supportRefusal && !p.viewer.supported && p.state !== 'withdrawn' ? (
                <>
                  <Button block disabled>
                    附议
                  </Button>
                  <View className="gz-muted">
                    不能附议：{p.viewer.supportRefusal}
                  </View>
                </>
              ) : null}
              {may('withdraw') ? (
                <Button block fill="outline" loading={busy} onClick={() => void act(() => withdrawProposal(id), () => '提议已撤回')}>
                  撤回提议
                </Button>
              ) : null}
              {may('adopt') || may('reportProgress') ? (
                <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('proposalAnswer', { id }) })}>
                  {may('adopt') ? '答复提议' : '发布落实进展'}
                </Button>
              ) : null}
            </View>
            <FieldError message={actionError} />
          </View>
          <ProposalAnswer proposal={p} />
        </>
      ) : null}
    </PageShell>
  );
}
