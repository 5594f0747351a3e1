import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, type CommunityView, type UserView } from '@gongzhi/shared';
import { getMe } from '../../../api/me';
import { createPoll } from '../../../api/polls';
import { listAllCommunities } from '../../../api/reference';
import { ChoiceGroup } from '../../../components/choice-group';
import { fieldClass, useFormErrors } from '../../../components/form-errors';
import { PageShell } from '../../../components/page-shell';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { toApiError } from '../../../api/errors';
import { PhotoField, type UploadedPhoto } from '../../../components/photo-field';
import { managedCommunityChoices } from '../labels';
import { validatePollDraft, type PollFormDraft, type QuestionDraft, type QuestionKind } from './draft';
import '../../../components/form.css';
import '../../../components/common.css';

const KINDS: Array<{ value: QuestionKind; label: string }> = [
  { value: 'single', label: '单选' },
  { value: 'multiple', label: '多选' },
  { value: 'rating', label: '打分（1–5分）' },
  { value: 'ranking', label: '排序' },
  { value: 'text', label: '填写意见' },
];
const DAYS = [3, 7, 14, 30].map((d) => ({ value: String(d), label: `${d}天` }));
const RESULTS = [
  { value: 'after_close' as const, label: '结束后公开' },
  { value: 'live' as const, label: '实时公开' },
  { value: 'staff_only' as const, label: '仅工作人员' },
];
const BALLOTS = [
  { value: 'secret' as const, label: '不记名' },
  { value: 'named' as const, label: '记名' },
];
const blankQuestion = (): QuestionDraft => ({ kind: 'single', title: '', options: '', max: '' });

/** The communities whose staff this person is, or every community for the street admin (who may also ask the street). */
function audienceChoices(user: UserView, communities: CommunityView[]) {
  const mine = managedCommunityChoices(user, communities);
  return user.roles.some((b) => b.role === 'admin') ? [{ value: 'street', label: '全街道' }, ...mine] : mine;
}

/** Staff draft a poll; it opens as a preview, to be published from there. */
export default function NewPollPage() {
  const [setup, setSetup] = useState<{ user: UserView; communities: CommunityView[] }>();
  const [loadError, setLoadError] = useState<string>();
  const [draft, setDraft] = useState<PollFormDraft>({
    title: '',
    description: '',
    questions: [blankQuestion()],
    audience: '',
    days: '7',
    minAge: '',
    results: 'after_close',
    ballot: 'secret',
  });
  const [cover, setCover] = useState<UploadedPhoto[]>([]);
  const action = useAction();
  const [opensAt] = useState(() => Date.now());
  const form = useFormErrors(() => {
    const checked = validatePollDraft(draft, opensAt);
    return checked.ok ? {} : checked.errors;
  });

  useEffect(() => {
    Promise.all([getMe(), listAllCommunities()]).then(([user, communities]) => {
      setSetup({ user, communities });
      const first = audienceChoices(user, communities)[0];
      if (first) setDraft((d) => ({ ...d, audience: d.audience || first.value }));
    }, (failure: unknown) => setLoadError(toApiError(failure).message));
  }, []);

  const set = <K extends keyof PollFormDraft>(key: K, value: PollFormDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setQuestion = (index: number, patch: Partial<QuestionDraft>) =>
    setDraft((d) => ({ ...d, questions: d.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)) }));

  async function submit() {
    if (!form.submitAttempt()) return;
    const checked = validatePollDraft({ ...draft, ...(cover[0] ? { coverId: cover[0].id } : {}) }, Date.now());
    if (!checked.ok) return;
    await action.run(async () => {
      const poll = await createPoll(checked.body);
      toast('草稿已保存，请预览后发布');
      void Taro.redirectTo({ url: pageUrl('poll', { id: poll.id }) });
    });
  }

  const errors = form.errors;
  return (
    <PageShell title="发起问卷">
      <LoadState loading={!setup && !loadError} error={loadError} onRetry={() => void Taro.redirectTo({ url: pageUrl('pollNew') })} />
      {setup ? (
        <View className={form.formClass}>
          <View className="gz-card">
            <TextField label="标题" name="title" maxlength={60} value={draft.title} error={errors.title} onChange={(v) => set('title', v)} />
            <TextField label="说明" name="description" multiline maxlength={2000} hint="选填：为什么征集、结果怎么用" value={draft.description} error={errors.description} onChange={(v) => set('description', v)} />
            <PhotoField label="封面图片（选填）" max={1} photos={cover} onChange={setCover} />
            <View className={fieldClass(errors.audience)}>
              <View className="gz-field-label">面向</View>
              <ChoiceGroup label="面向" inline choices={audienceChoices(setup.user, setup.communities)} value={draft.audience || undefined} onChange={(v) => set('audience', v)} />
              <FieldError message={errors.audience} />
            </View>
            <TextField label="最低年龄（选填）" name="minAge" maxlength={3} value={draft.minAge} error={errors.minAge} onChange={(v) => set('minAge', v)} />
            <View className="gz-field-label">征集时长（发布后开始）</View>
            <ChoiceGroup label="征集时长" inline choices={DAYS} value={draft.days} onChange={(v) => set('days', v)} />
            <View className="gz-field-label">结果公开</View>
            <ChoiceGroup label="结果公开" inline choices={RESULTS} value={draft.results} onChange={(v) => set('results', v)} />
            <View className="gz-field-label">答卷方式</View>
            <ChoiceGroup label="答卷方式" inline choices={BALLOTS} value={draft.ballot} onChange={(v) => set('ballot', v)} />
          </View>
          {draft.questions.map((q, i) => {
            const error = errors[`q${i}`];
            const label = `第${i + 1}题`;
            return (
              <View key={i} className={fieldClass(error, 'gz-card gz-field')}>
                <View className="gz-card-title">{label}</View>
                <ChoiceGroup label={`${label}题型`} inline choices={KINDS} value={q.kind} onChange={(kind) => setQuestion(i, { kind })} />
                <TextField label={`${label}题目`} name={`q${i}-title`} maxlength={200} value={q.title} onChange={(title) => setQuestion(i, { title })} />
                {q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking' ? (
                  <TextField label={`${label}选项（每行一个）`} name={`q${i}-options`} multiline maxlength={1200} value={q.options} onChange={(options) => setQuestion(i, { options })} />
                ) : null}
                {q.kind === 'multiple' ? (
                  <TextField label={`${label}最多可选几项`} name={`q${i}-max`} maxlength={2} hint="不填则不限" value={q.max} onChange={(max) => setQuestion(i, { max })} />
                ) : null}
                <FieldError message={error} />
                {draft.questions.length > 1 ? (
                  <Button size="small" fill="outline" onClick={() => set('questions', draft.questions.filter((_, j) => j !== i))}>
                    删除{label}
                  </Button>
                ) : null}
              </View>
            );
          })}
          <View className="gz-actions">
            <Button block fill="outline" disabled={draft.questions.length >= 30} onClick={() => set('questions', [...draft.questions, blankQuestion()])}>
              添加题目
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
