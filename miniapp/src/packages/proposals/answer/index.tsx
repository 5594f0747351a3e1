import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { pageUrl, type AnswerProposalBody, type ProposalSummaryView, type ProposalView } from '@gongzhi/shared';
import { answerProposal, getProposal, listProposalQueue, reportProposalProgress } from '../../../api/proposals';
import { ChoiceGroup } from '../../../components/choice-group';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { useAction } from '../../../components/use-action';
import { ProposalAnswer } from '../proposal-answer';
import { ProposalBadges } from '../proposal-badges';
import '../../../components/form.css';
import '../../../components/common.css';

type Decision = AnswerProposalBody['decision'];
const DECISIONS = [
  { value: 'adopted' as const, label: '采纳' },
  { value: 'not_adopted' as const, label: '不采纳' },
  { value: 'merged' as const, label: '合并到其他提议' },
];

/** Staff answer a proposal that reached its threshold, or report progress on an adopted one. */
export default function AnswerProposalPage() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoaded(() => getProposal(id), id);
  const p = loaded.value;
  return (
    <PageShell title="答复提议">
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {p ? (
        <>
          <View className="gz-card">
            <View className="gz-card-title">{p.title}</View>
            <ProposalBadges proposal={p} />
            <View className="gz-paragraph">{p.text}</View>
            <View className="gz-muted">
              附议 {p.supports}/{p.threshold}
              {p.answerDeadline ? ` · 答复期限 ${formatTime(p.answerDeadline)}` : ''}
            </View>
            <Button block fill="outline" onClick={() => void Taro.navigateTo({ url: pageUrl('proposal', { id }) })}>
              查看提议详情
            </Button>
          </View>
          {p.viewer.actions.includes('adopt') ? <AnswerForm proposal={p} onDone={loaded.setValue} /> : null}
          {p.viewer.actions.includes('reportProgress') ? <ProgressForm proposal={p} onDone={loaded.setValue} /> : null}
          <ProposalAnswer proposal={p} />
        </>
      ) : null}
    </PageShell>
  );
}

function AnswerForm({ proposal, onDone }: { proposal: ProposalView; onDone: (p: ProposalView) => void }) {
  const [decision, setDecision] = useState<Decision>('adopted');
  const [text, setText] = useState('');
  const [into, setInto] = useState<string>();
  const { busy, error, setError, run } = useAction();
  const targets = useLoaded(async () => {
    const pages = await Promise.all([listProposalQueue('awaiting'), listProposalQueue('adopted')]);
    return pages.flatMap((page) => page.items).filter((t: ProposalSummaryView) => t.id !== proposal.id);
  }, proposal.id);

  async function submit() {
    setError(undefined);
    if (decision !== 'merged' && text.trim().length < 2) {
      setError(decision === 'not_adopted' ? '不采纳须说明理由（至少2个字）' : '请写明采纳后怎么办（至少2个字）');
      return;
    }
    if (decision === 'merged' && !into) {
      setError('请选择要合并到的提议');
      return;
    }
    const body: AnswerProposalBody =
      decision === 'adopted' ? { decision, text } : decision === 'not_adopted' ? { decision, reason: text } : { decision, into: into!, ...(text.trim() ? { text } : {}) };
    await run(async () => {
      onDone(await answerProposal(proposal.id, body));
      toast('答复已发布，已通知提议人和附议人');
    });
  }

  return (
    <View className="gz-card">
      <View className="gz-card-title">答复</View>
      <ChoiceGroup label="答复结果" choices={DECISIONS} value={decision} onChange={setDecision} />
      {decision === 'merged' ? (
        <>
          <LoadState loading={targets.loading} error={targets.error} onRetry={() => void targets.reload()} />
          {targets.value && targets.value.length === 0 ? <View className="gz-muted">没有可合并到的提议</View> : null}
          {targets.value && targets.value.length > 0 ? (
            <ChoiceGroup label="合并到" choices={targets.value.map((t) => ({ value: t.id, label: t.title }))} value={into} onChange={setInto} />
          ) : null}
        </>
      ) : null}
      <TextField
        label={decision === 'not_adopted' ? '不采纳的理由' : decision === 'merged' ? '说明（选填）' : '采纳后的安排'}
        name="answer"
        multiline
        value={text}
        maxlength={1000}
        onChange={setText}
      />
      <FieldError message={error} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} onClick={() => void submit()}>
          发布答复
        </Button>
      </View>
    </View>
  );
}

function ProgressForm({ proposal, onDone }: { proposal: ProposalView; onDone: (p: ProposalView) => void }) {
  const [text, setText] = useState('');
  const { busy, error, setError, run } = useAction();

  async function submit() {
    if (text.trim().length < 2) {
      setError('请填写进展（至少2个字）');
      return;
    }
    await run(async () => {
      onDone(await reportProposalProgress(proposal.id, text));
      setText('');
      toast('进展已发布，已通知提议人和附议人');
    });
  }

  return (
    <View className="gz-card">
      <View className="gz-card-title">发布落实进展</View>
      <TextField label="进展" name="progress" multiline value={text} maxlength={1000} error={error} onChange={setText} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} onClick={() => void submit()}>
          发布进展
        </Button>
      </View>
    </View>
  );
}
