import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { yuan, type BudgetOutcome, type BudgetRoundView } from '@gongzhi/shared';
import { closeRound, getRound, publishRound, voteInRound } from '../../../api/budgeting';
import { a11y } from '../../../components/a11y';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { ResultBars } from '../../../components/result-bars';
import { LoadState } from '../../../components/status';
import { toast } from '../../../components/toast';
import { useAction } from '../../../components/use-action';
import { VotingControls } from '../voting-controls';
import { useLoaded } from '../../../components/use-loaded';
import { STATE_LABELS } from '../labels';
import { BudgetBallot } from './budget-ballot';
import '../../../components/form.css';
import '../../../components/common.css';
import './budget.css';

/** Why a project is or is not funded, in words (never by colour alone). */
function verdict(r: BudgetOutcome['ranking'][number]): string {
  if (r.funded) return '入选';
  return r.votes === 0 ? '未入选（无人投票）' : '未入选（剩余预算不足）';
}

function Outcome({ round, outcome }: { round: BudgetRoundView; outcome: BudgetOutcome }) {
  const closed = round.state === 'closed';
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: closed ? '投票结果' : '当前计票（仅工作人员可见）' })}>
      <View className="gz-card-title">{closed ? '投票结果' : '当前计票（仅工作人员可见）'}</View>
      <View>
        共 {round.ballots} 张选票；入选项目合计 {yuan(outcome.spent)}，预算 {yuan(round.budget)}
      </View>
      <View className="gz-muted gz-paragraph">按得票从多到少依次入选；放不进剩余预算的项目跳过，继续看下一个（得票相同时费用低的在前）。</View>
      <View {...a11y({ role: 'list', label: '项目排名' })}>
        {outcome.ranking.map((r, place) => (
          <View key={r.id} className={r.funded ? 'gz-row gz-funded' : 'gz-row'} {...a11y({ role: 'listitem' })}>
            <View>
              <View>
                {place + 1}. {r.title}
              </View>
              <View className="gz-muted">
                {r.votes}票 · {yuan(r.cost)}
              </View>
            </View>
            <View className={r.funded ? 'gz-badge' : 'gz-muted'}>{verdict(r)}</View>
          </View>
        ))}
      </View>
      <ResultBars label="各项目得票" total={round.ballots} bars={outcome.ranking.map((r) => ({ key: r.id, label: r.title, count: r.votes }))} />
      {closed ? (
        outcome.final && outcome.ballotsDigest ? (
          <View className="gz-muted gz-paragraph">匿名选票摘要（SHA-256）：{outcome.ballotsDigest}。任何人可用公布的匿名选票重新计算以上结果。</View>
        ) : (
          <View className="gz-muted gz-paragraph">正在核对计票，结束一分钟后公布最终结果和匿名选票摘要。</View>
        )
      ) : null}
    </View>
  );
}

/** One budgeting round: the projects, my ballot (within the budget), and the outcome once closed. */
export default function BudgetRoundPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(() => getRound(id), `${id}:${version}`);
  const action = useAction();
  const reload = () => setVersion((v) => v + 1);

  async function vote(projects: string[]) {
    await voteInRound(id, { projects });
    toast('投票成功，感谢参与');
    setVersion((v) => v + 1);
  }

  const round = loaded.value;
  return (
    <PageShell title={round?.title ?? '民生微实事'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {round ? (
        <>
          <View className="gz-card">
            <View className="gz-badges">
              <View className="gz-badge">{STATE_LABELS[round.state]}</View>
              <View className="gz-badge">不记名</View>
              {round.viewer.voted ? <View className="gz-badge">已投票</View> : null}
            </View>
            <View>
              {round.communityName} · 预算 {yuan(round.budget)}
            </View>
            {round.description ? <View className="gz-paragraph">{round.description}</View> : null}
            <View className="gz-muted">
              {formatTime(round.opensAt)} 至 {formatTime(round.closesAt)} · 已有 {round.ballots} 人投票（本社区实名居民 {round.audienceSize} 人）
            </View>
            <VotingControls state={round.state} manages={round.viewer.manages} action={action} after={reload} publish={{ label: '发布预算投票', done: '预算投票已发布', run: () => publishRound(id) }} close={{ label: '结束投票', done: '预算投票已结束', run: () => closeRound(id) }} />
          </View>
          {round.viewer.canVote ? (
            <BudgetBallot key={version} candidates={round.candidates} budget={round.budget} onSubmit={vote} />
          ) : (
            <>
              <View className="gz-card gz-muted">{round.viewer.manages && round.state === 'draft' ? '预览：居民看到的候选项目如下，发布后即可投票。' : round.viewer.reason}</View>
              <View className="gz-card" {...a11y({ role: 'list', label: '候选项目' })}>
                {round.candidates.map((c) => (
                  <View key={c.id} className="gz-row" {...a11y({ role: 'listitem' })}>
                    <View>
                      <View>{c.title}</View>
                      {c.description ? <View className="gz-muted">{c.description}</View> : null}
                    </View>
                    <View className="gz-muted">{yuan(c.cost)}</View>
                  </View>
                ))}
              </View>
            </>
          )}
          {round.outcome ? <Outcome round={round} outcome={round.outcome} /> : null}
        </>
      ) : null}
    </PageShell>
  );
}
