import { useState } from 'react';
import { View } from '@tarojs/components';
import type { PollAnswer, PollQuestion } from '@gongzhi/shared';
import { CheckGroup, ChoiceGroup } from '../../../components/choice-group';
import { fieldClass, useFormErrors, type FieldErrors } from '../../../components/form-errors';
import { RankList } from '../../../components/rank-list';
import { FieldError } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { ConfirmStep, useConfirmStep } from '../../../components/confirm-step';

const RATINGS = [1, 2, 3, 4, 5].map((r) => ({ value: String(r), label: `${r}分` }));

interface Draft {
  choices: Record<string, string[]>;
  ratings: Record<string, string>;
  texts: Record<string, string>;
}

/** What is missing or wrong in the draft, by question id (the BFF checks the same again). */
export function checkDraft(questions: PollQuestion[], draft: Draft): FieldErrors<string> {
  const errors: FieldErrors<string> = {};
  for (const q of questions) {
    const chosen = draft.choices[q.id] ?? [];
    if (q.kind === 'single' && chosen.length !== 1) errors[q.id] = '请选择一项';
    if (q.kind === 'multiple' && (chosen.length < q.min || chosen.length > q.max)) errors[q.id] = q.min === q.max ? `请选择${q.min}项` : `请选择${q.min}至${q.max}项`;
    if (q.kind === 'rating' && !draft.ratings[q.id]) errors[q.id] = '请打分';
    if (q.kind === 'text' && (draft.texts[q.id] ?? '').length > q.maxLength) errors[q.id] = `最多${q.maxLength}字`;
  }
  return errors;
}

export function answersOf(questions: PollQuestion[], draft: Draft): PollAnswer[] {
  return questions.map((q) => {
    if (q.kind === 'rating') return { questionId: q.id, rating: Number(draft.ratings[q.id]) };
    if (q.kind === 'text') return { questionId: q.id, text: (draft.texts[q.id] ?? '').trim() };
    if (q.kind === 'ranking') return { questionId: q.id, choices: draft.choices[q.id] ?? q.options.map((o) => o.id) };
    return { questionId: q.id, choices: draft.choices[q.id] ?? [] };
  });
}

/**
 * Every question of a poll, each with the control its kind needs, a count of what is answered, and a
 * confirmation in the page before the ballot goes (it cannot be changed afterwards; secret or named said again).
 */
export function AnswerForm({ questions, named, onSubmit }: { questions: PollQuestion[]; named: boolean; onSubmit: (answers: PollAnswer[]) => Promise<void> }) {
  const [draft, setDraft] = useState<Draft>(() => ({
    // a ranking starts in the order given, which already is an answer the person may keep
    choices: Object.fromEntries(questions.filter((q) => q.kind === 'ranking').map((q) => [q.id, q.options.map((o) => o.id)])),
    ratings: {},
    texts: {},
  }));
  const form = useFormErrors(() => checkDraft(questions, draft));
  const set = <K extends keyof Draft>(key: K, id: string, value: Draft[K][string]) => setDraft((d) => ({ ...d, [key]: { ...d[key], [id]: value } }));
  const answered = questions.filter((q) => !checkDraft([q], draft)[q.id] && (q.kind !== 'text' || (draft.texts[q.id] ?? '') !== '')).length;

  const step = useConfirmStep(() => onSubmit(answersOf(questions, draft)));
  const review = () => {
    step.setError(undefined);
    if (form.submitAttempt()) step.ask();
  };

  return (
    <View className={`gz-card ${form.formClass}`}>
      <View className="gz-muted" role="status" aria-live="polite">
        已答 {answered} / {questions.length} 题
      </View>
      {questions.map((q, index) => {
        const title = `${index + 1}. ${q.title}`;
        const error = form.errors[q.id];
        return (
          <View key={q.id} className={fieldClass(error)}>
            {q.kind === 'text' ? (
              <TextField label={title} name={q.id} multiline maxlength={q.maxLength} hint="选填" value={draft.texts[q.id] ?? ''} error={error} onChange={(text) => set('texts', q.id, text)} />
            ) : (
              <>
                <View className="gz-field-label">{title}</View>
                {q.kind === 'single' ? (
                  <ChoiceGroup label={title} choices={q.options.map((o) => ({ value: o.id, label: o.label }))} value={draft.choices[q.id]?.[0]} onChange={(v) => set('choices', q.id, [v])} />
                ) : null}
                {q.kind === 'multiple' ? (
                  <>
                    <View className="gz-muted">{q.min === q.max ? `选${q.min}项` : `选${q.min}至${q.max}项`}</View>
                    <CheckGroup label={title} choices={q.options.map((o) => ({ value: o.id, label: o.label }))} values={draft.choices[q.id] ?? []} onChange={(v) => set('choices', q.id, v)} />
                  </>
                ) : null}
                {q.kind === 'rating' ? <ChoiceGroup label={title} inline choices={RATINGS} value={draft.ratings[q.id]} onChange={(v) => set('ratings', q.id, v)} /> : null}
                {q.kind === 'ranking' ? (
                  <>
                    <View className="gz-muted">按您的偏好排序，第1位最重要</View>
                    <RankList label={title} choices={q.options.map((o) => ({ value: o.id, label: o.label }))} order={draft.choices[q.id] ?? []} onChange={(v) => set('choices', q.id, v)} />
                  </>
                ) : null}
                <FieldError message={error} />
              </>
            )}
          </View>
        );
      })}
      <FieldError message={step.error} />
      <ConfirmStep step={step} title="确认提交" startLabel="提交答卷" onStart={review}>
        {named ? '本问卷为记名问卷，工作人员可以看到您的答案。' : '不记名：答卷与您的身份分开保存。'}提交后不能修改。
      </ConfirmStep>
    </View>
  );
}
