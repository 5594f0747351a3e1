import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { PollAnswer, PollResultsView, PollView } from '@gongzhi/shared';
import { answerPoll, closePoll, getPoll, getPollResults, publishPoll } from '../../../api/polls';
import { PhotoStrip } from '../../../components/complaints/photo-strip';
import { formatTime } from '../../../components/format';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { toast } from '../../../components/toast';
import { useAction } from '../../../components/use-action';
import { VotingControls } from '../voting-controls';
import { useLoaded } from '../../../components/use-loaded';
import { STATE_LABELS } from '../labels';
import { AnswerForm } from './answer-form';
import { PollResults } from './poll-results';
import { PollTexts } from './poll-texts';
import '../../../components/form.css';
import '../../../components/common.css';

/** Results the person may see now: staff always; residents as the poll says. */
function resultsShown(poll: PollView): boolean {
  if (poll.state === 'draft') return false;
  if (poll.viewer.manages || poll.results === 'live') return true;
  return poll.results === 'after_close' && poll.state === 'closed';
}

export default function PollPage() {
  const id = useRouter().params.id ?? '';
  const [version, setVersion] = useState(0);
  const loaded = useLoaded(async () => {
    const poll = await getPoll(id);
    const results: PollResultsView | undefined = resultsShown(poll) ? await getPollResults(id) : undefined;
    return { poll, results };
  }, `${id}:${version}`);
  const action = useAction();
  const reload = () => setVersion((v) => v + 1);

  async function submit(answers: PollAnswer[]) {
    await answerPoll(id, { answers });
    toast('答卷已提交，感谢参与');
    setVersion((v) => v + 1);
  }

  const value = loaded.value;
  const poll = value?.poll;
  return (
    <PageShell title={poll?.title ?? '民意征集'}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {poll ? (
        <>
          <View className="gz-card">
            <View className="gz-badges">
              <View className="gz-badge">{STATE_LABELS[poll.state]}</View>
              <View className="gz-badge">{poll.ballot === 'secret' ? '不记名' : '记名'}</View>
              {poll.viewer.answered ? <View className="gz-badge">已参与</View> : null}
            </View>
            {poll.coverId ? <PhotoStrip ids={[poll.coverId]} /> : null}
            {poll.description ? <View className="gz-paragraph">{poll.description}</View> : null}
            <View className="gz-muted">
              {formatTime(poll.opensAt)} 至 {formatTime(poll.closesAt)}
              {poll.minAge ? ` · 限${poll.minAge}周岁及以上` : ''}
            </View>
            <View className="gz-muted">
              {poll.ballot === 'secret' ? '不记名问卷：您的答卷与身份分开保存，任何人都无法把答卷对应到您。' : '记名问卷：工作人员可以看到您的答案。'}
            </View>
            <VotingControls state={poll.state} manages={poll.viewer.manages} action={action} after={reload} publish={{ label: '发布问卷', done: '问卷已发布', run: () => publishPoll(id) }} close={{ label: '结束问卷', done: '问卷已结束', run: () => closePoll(id) }} />
          </View>
          {poll.viewer.canAnswer ? (
            <AnswerForm key={version} questions={poll.questions} named={poll.ballot === 'named'} onSubmit={submit} />
          ) : (
            <View className="gz-card gz-muted">{poll.viewer.manages && poll.state === 'draft' ? '预览：居民看到的题目如下，发布后即可作答。' : poll.viewer.reason}</View>
          )}
          {!poll.viewer.canAnswer && poll.viewer.manages && poll.state === 'draft' ? <AnswerPreview poll={poll} /> : null}
          {poll.viewer.manages && poll.state !== 'draft' ? <PollTexts pollId={id} questions={poll.questions} /> : null}
          {value?.results ? <PollResults results={value.results} /> : poll.state !== 'draft' ? <View className="gz-card gz-muted">{poll.results === 'staff_only' ? '本问卷的结果仅供工作人员查阅。' : '结果将在问卷结束后公开。'}</View> : null}
        </>
      ) : null}
    </PageShell>
  );
}

/** The questions as a resident will see them, for the staff who drafted them. */
function AnswerPreview({ poll }: { poll: PollView }) {
  return (
    <View className="gz-card">
      {poll.questions.map((q, i) => (
        <View key={q.id} className="gz-row">
          <View>
            {i + 1}. {q.title}
          </View>
          <View className="gz-muted">{{ single: '单选', multiple: '多选', rating: '打分', ranking: '排序', text: '填写' }[q.kind]}</View>
        </View>
      ))}
    </View>
  );
}
