import { useState } from 'react';
import { View } from '@tarojs/components';
import { chosenCost, fitsBudget, yuan, type BudgetCandidate } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { CheckRow } from '../../../components/choice-group';
import { FieldError } from '../../../components/status';
import { ConfirmStep, useConfirmStep } from '../../../components/confirm-step';

/**
 * The budgeting ballot: every candidate project as a box to tick, the running total against the
 * budget said in words after each change, a project that would go over the budget refused with the
 * reason (the BFF refuses it again), and a confirmation before the ballot goes.
 */
export function BudgetBallot({ candidates, budget, onSubmit }: { candidates: BudgetCandidate[]; budget: number; onSubmit: (projects: string[]) => Promise<void> }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const step = useConfirmStep(() => onSubmit(chosen));
  const total = chosenCost(candidates, chosen);
  const left = budget - total;

  function toggle(c: BudgetCandidate, on: boolean) {
    step.setError(undefined);
    step.back();
    if (!on) {
      setRefusal(undefined);
      setChosen((list) => list.filter((id) => id !== c.id));
      return;
    }
    if (!fitsBudget(candidates, chosen, c.id, budget)) {
      setRefusal(`“${c.title}”需要 ${yuan(c.cost)}，超过剩余预算 ${yuan(left)}。请先取消其他项目。`);
      return;
    }
    setRefusal(undefined);
    setChosen((list) => [...list, c.id]);
  }

  function review() {
    if (chosen.length === 0) step.setError('请至少选择一个项目');
    else step.ask();
  }

  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '我的选票' })}>
      <View className="gz-card-title">我的选票</View>
      <View className="gz-budget-total" role="status" aria-live="polite">
        已选 {chosen.length} 项，共 {yuan(total)}；预算 {yuan(budget)}，剩余 {yuan(left)}
      </View>
      {candidates.map((c) => {
        const on = chosen.includes(c.id);
        const fits = fitsBudget(candidates, chosen, c.id, budget);
        return (
          <View key={c.id} className="gz-field">
            <CheckRow label={`${c.title}，${yuan(c.cost)}${on ? '' : fits ? '' : '，超出剩余预算'}`} checked={on} onChange={(v) => toggle(c, v)} />
            {c.description ? <View className="gz-muted">{c.description}</View> : null}
            {c.proposer ? <View className="gz-muted">提出：{c.proposer}</View> : null}
          </View>
        );
      })}
      <View role="alert" aria-live="assertive">
        <FieldError message={refusal} />
      </View>
      <FieldError message={step.error} />
      <ConfirmStep step={step} title="确认投票" startLabel="投票" onStart={review}>
        您选择了 {chosen.length} 个项目，共 {yuan(total)}。不记名：选票与您的身份分开保存。投票后不能修改。
      </ConfirmStep>
    </View>
  );
}
