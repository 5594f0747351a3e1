import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, yuan, type CommunityView, type ProposalSummaryView, type UserView } from '@gongzhi/shared';
import { createRound } from '../../../api/budgeting';
import { getMe } from '../../../api/me';
import { listProposalQueue } from '../../../api/proposals';
import { listAllCommunities } from '../../../api/reference';
import { a11y } from '../../../components/a11y';
import { ChoiceGroup } from '../../../components/choice-group';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { toApiError } from '../../../api/errors';
import { managedCommunityChoices } from '../labels';
import { validateRoundDraft, type CandidateDraft, type RoundFormDraft } from './draft';
import '../../../components/form.css';
import '../../../components/common.css';

const DAYS = [7, 14, 30].map((d) => ({ value: String(d), label: `${d}天` }));
const blankCandidate = (): CandidateDraft => ({ title: '', cost: '', description: '', proposer: '' });

/** Staff open a 民生微实事 budgeting round; it opens as a preview, to be published from there. */
export default function NewBudgetRoundPage() {
  const [setup, setSetup] = useState<{ user: UserView; communities: CommunityView[]; proposals: ProposalSummaryView[] }>();
  const [loadError, setLoadError] = useState<string>();
  const [draft, setDraft] = useState<RoundFormDraft>({ title: '', description: '', communityId: '', budget: '', days: '14', candidates: [blankCandidate(), blankCandidate()] });
  const action = useAction();
  const [opensAt] = useState(() => Date.now());
  const form = useFormErrors(() => {
    const checked = validateRoundDraft(draft, opensAt);
    return checked.ok ? {} : checked.errors;
  });

  useEffect(() => {
    // the residents' proposals the community took up (adopted, or awaiting its answer) may become candidates
    Promise.all([getMe(), listAllCommunities(), listProposalQueue('adopted'), listProposalQueue('awaiting')]).then(([user, communities, adopted, awaiting]) => {
      setSetup({ user, communities, proposals: [...adopted.items, ...awaiting.items] });
      const first = managedCommunityChoices(user, communities)[0];
      if (first) setDraft((d) => ({ ...d, communityId: d.communityId || first.value }));
    }, (failure: unknown) => setLoadError(toApiError(failure).message));
  }, []);

  const set = <K extends keyof RoundFormDraft>(key: K, value: RoundFormDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setCandidate = (index: number, patch: Partial<CandidateDraft>) =>
    setDraft((d) => ({ ...d, candidates: d.candidates.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));

  async function submit() {
    if (!form.submitAttempt()) return;
    const checked = validateRoundDraft(draft, Date.now());
    if (!checked.ok) return;
    await action.run(async () => {
      const round = await createRound(checked.body);
      toast('草稿已保存，请预览后发布');
      void Taro.redirectTo({ url: pageUrl('budget', { id: round.id }) });
    });
  }

  const errors = form.errors;
  const total = draft.candidates.reduce((sum, c) => sum + (Number(c.cost) || 0), 0);
  return (
    <PageShell title="发起民生微实事投票">
      <LoadState loading={!setup && !loadError} error={loadError} onRetry={() => void Taro.redirectTo({ url: pageUrl('budgetNew') })} />
      {setup ? (
        <View className={form.formClass}>
          <View className="gz-card">
            <TextField label="标题" name="title" maxlength={60} value={draft.title} error={errors.title} onChange={(v) => set('title', v)} />
            <TextField label="说明" name="description" multiline maxlength={2000} hint="选填：预算来源、项目如何实施" value={draft.description} error={errors.description} onChange={(v) => set('description', v)} />
            <View className={fieldClass(errors.communityId)}>
              <View className="gz-field-label">社区</View>
              <ChoiceGroup label="社区" inline choices={managedCommunityChoices(setup.user, setup.communities)} value={draft.communityId || undefined} onChange={(v) => set('communityId', v)} />
              <FieldError message={errors.communityId} />
            </View>
            <TextField label="总预算（元）" name="budget" type="number" maxlength={9} value={draft.budget} error={errors.budget} onChange={(v) => set('budget', v)} />
            <View className="gz-field-label">投票时长（发布后开始）</View>
            <ChoiceGroup label="投票时长" inline choices={DAYS} value={draft.days} onChange={(v) => set('days', v)} />
          </View>
          {draft.candidates.map((c, i) => {
            const error = errors[`c${i}`];
            const label = `候选项目${i + 1}`;
            return (
              <View key={i} className={fieldClass(error, 'gz-card gz-field')}>
                <View className="gz-card-title">{label}</View>
                <TextField label={`${label}名称`} name={`c${i}-title`} maxlength={60} value={c.title} onChange={(title) => setCandidate(i, { title })} />
                <TextField label={`${label}费用（元）`} name={`c${i}-cost`} type="number" maxlength={9} value={c.cost} onChange={(cost) => setCandidate(i, { cost })} />
                <TextField label={`${label}简介`} name={`c${i}-description`} multiline maxlength={1000} hint="选填" value={c.description} onChange={(description) => setCandidate(i, { description })} />
                {c.proposalId ? <View className="gz-muted">来自居民提议，投票结果将关联该提议</View> : null}
                <TextField label={`${label}提出人`} name={`c${i}-proposer`} maxlength={60} hint="选填，如：3栋居民、社区党委" value={c.proposer} onChange={(proposer) => setCandidate(i, { proposer })} />
                <FieldError message={error} />
                {draft.candidates.length > 2 ? (
                  <Button size="small" fill="outline" onClick={() => set('candidates', draft.candidates.filter((_, j) => j !== i))}>
                    删除{label}
                  </Button>
                ) : null}
              </View>
            );
          })}
          <FromProposals
            proposals={setup.proposals.filter((p) => p.communityId === draft.communityId)}
            taken={new Set(draft.candidates.flatMap((c) => (c.proposalId ? [c.proposalId] : [])))}
            disabled={draft.candidates.length >= 30}
            onAdd={(p) => set('candidates', [...draft.candidates.filter((c) => c.title || c.cost), { ...blankCandidate(), title: p.title.slice(0, 60), proposer: '居民提议', proposalId: p.id }])}
          />
          <View className="gz-actions">
            <View className="gz-muted">候选项目合计 {yuan(total)}（可以超过总预算：由居民投票决定哪些入选）</View>
            <FieldError message={errors.candidates} />
            <Button block fill="outline" disabled={draft.candidates.length >= 30} onClick={() => set('candidates', [...draft.candidates, blankCandidate()])}>
              添加候选项目
            </Button>
            <FieldError message={action.error} />
            <Button type="primary" block loading={action.busy} disabled={action.busy} onClick={() => void submit()}>
              保存并预览
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

/** The community's proposals it adopted or must answer, each addable once as a candidate (the cost is the staff's to fill in). */
function FromProposals({ proposals, taken, disabled, onAdd }: { proposals: ProposalSummaryView[]; taken: Set<string>; disabled: boolean; onAdd: (p: ProposalSummaryView) => void }) {
  if (proposals.length === 0) return null;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '从居民提议添加' })}>
      <View className="gz-card-title">从居民提议添加</View>
      {proposals.map((p) => (
        <View key={p.id} className="gz-field">
          <View>
            {p.title}（{p.supports}人附议{p.state === 'adopted' ? '，已采纳' : ''}）
          </View>
          <Button size="small" fill="outline" disabled={disabled || taken.has(p.id)} onClick={() => onAdd(p)}>
            {taken.has(p.id) ? `已添加：${p.title}` : `添加为候选项目：${p.title}`}
          </Button>
        </View>
      ))}
    </View>
  );
}
