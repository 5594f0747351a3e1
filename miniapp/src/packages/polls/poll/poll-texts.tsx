import { useState } from 'react';
import { View } from '@tarojs/components';
import type { PollQuestion, PollTextsView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getPollTexts, publishPollTexts } from '../../../api/polls';
import { a11y } from '../../../components/a11y';
import { CheckRow } from '../../../components/choice-group';
import { FieldError } from '../../../components/status';
import { toast } from '../../../components/toast';
import { Button } from '../../../components/ui';

/**
 * For the poll's staff: every answer to one free-text question, 50 at a time, each with a box to
 * publish it with the results (at most 20); residents see only what is published.
 */
function QuestionTexts({ pollId, question }: { pollId: string; question: Extract<PollQuestion, { kind: 'text' }> }) {
  const [page, setPage] = useState<PollTextsView>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function load(offset: number) {
    setError(undefined);
    try {
      const next = await getPollTexts(pollId, question.id, offset);
      if (offset === 0) setChosen(next.items.filter((t) => t.published).map((t) => t.text));
      setPage((before) => (offset === 0 || !before ? next : { ...next, items: [...before.items, ...next.items] }));
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      await publishPollTexts(pollId, { questionId: question.id, texts: chosen });
      toast(chosen.length ? `已公开${chosen.length}条回答` : '已撤回公开的回答');
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (text: string, on: boolean) => setChosen((list) => (on ? (list.length >= 20 ? list : [...list, text]) : list.filter((t) => t !== text)));
  return (
    <View className="gz-field" {...a11y({ role: 'region', label: `${question.title}的回答` })}>
      <View className="gz-field-label">{question.title}</View>
      {page ? (
        <>
          <View className="gz-muted" role="status">
            共 {page.total} 条回答，已勾选公开 {chosen.length} 条（最多20条）
          </View>
          {page.items.map((t, i) => (
            <CheckRow key={`${i}:${t.text}`} label={t.text} checked={chosen.includes(t.text)} onChange={(on) => toggle(t.text, on)} />
          ))}
          <View className="gz-actions">
            {page.nextOffset !== undefined ? (
              <Button block fill="outline" onClick={() => void load(page.nextOffset!)}>
                再看50条
              </Button>
            ) : null}
            <Button type="primary" block loading={busy} disabled={busy} onClick={() => void save()}>
              公开勾选的回答
            </Button>
          </View>
        </>
      ) : (
        <Button block fill="outline" onClick={() => void load(0)}>
          查看全部回答
        </Button>
      )}
      <FieldError message={error} />
    </View>
  );
}

export function PollTexts({ pollId, questions }: { pollId: string; questions: PollQuestion[] }) {
  const texts = questions.filter((q): q is Extract<PollQuestion, { kind: 'text' }> => q.kind === 'text');
  if (texts.length === 0) return null;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '填写的意见（工作人员）' })}>
      <View className="gz-card-title">填写的意见（工作人员）</View>
      <View className="gz-muted gz-paragraph">居民只能看到您勾选公开的回答。</View>
      {texts.map((q) => (
        <QuestionTexts key={q.id} pollId={pollId} question={q} />
      ))}
    </View>
  );
}
