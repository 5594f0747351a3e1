import { View } from '@tarojs/components';
import type { PollResultsView, QuestionResult } from '@gongzhi/shared';
import { a11y } from '../../../components/a11y';
import { ResultBars, shareText } from '../../../components/result-bars';

function QuestionResults({ question, index, ballots }: { question: QuestionResult; index: number; ballots: number }) {
  const title = `${index + 1}. ${question.title}`;
  return (
    <View className="gz-field" {...a11y({ role: 'region', label: title })}>
      <View className="gz-field-label">{title}</View>
      {question.kind === 'single' || question.kind === 'multiple' ? (
        <ResultBars label={`${question.title}的结果`} total={ballots} bars={(question.options ?? []).map((o) => ({ key: o.id, label: o.label, count: o.count }))} />
      ) : null}
      {question.kind === 'rating' ? (
        <>
          <View>平均 {question.ratingMean ?? '—'} 分（{question.answered}人打分）</View>
          <ResultBars
            label={`${question.title}的打分分布`}
            total={question.answered}
            bars={(question.ratingCounts ?? []).map((count, i) => ({ key: String(i + 1), label: `${i + 1}分`, count }))}
          />
        </>
      ) : null}
      {question.kind === 'ranking' ? (
        <View {...a11y({ role: 'list', label: `${question.title}的排序结果（波达计分）` })}>
          {(question.options ?? []).map((o, place) => (
            <View key={o.id} className="gz-row" {...a11y({ role: 'listitem' })}>
              <View>
                第{place + 1}名：{o.label}
              </View>
              <View className="gz-muted">{o.points ?? 0}分</View>
            </View>
          ))}
        </View>
      ) : null}
      {question.kind === 'text' ? (
        <>
          <View className="gz-muted">{question.answered}人填写了意见（由工作人员查阅）</View>
          {question.texts?.length ? (
            <View {...a11y({ role: 'list', label: `${question.title}：公开的回答` })}>
              {question.texts.map((t, i) => (
                <View key={i} className="gz-row" {...a11y({ role: 'listitem' })}>
                  “{t}”
                </View>
              ))}
            </View>
          ) : null}
        </>
      ) : null}
    </View>
  );
}

/** A poll's results: participation, then each question's figures, every bar also in numbers. */
export function PollResults({ results }: { results: PollResultsView }) {
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '问卷结果' })}>
      <View className="gz-card-title">问卷结果</View>
      <View>
        共 {results.ballots} 份答卷；面向 {results.audienceSize} 位实名居民，参与率 {shareText(results.ballots, results.audienceSize)}
      </View>
      {results.questions.map((q, index) => (
        <QuestionResults key={q.questionId} question={q} index={index} ballots={results.ballots} />
      ))}
      {results.ballotsDigest ? (
        <View className="gz-muted gz-paragraph">
          匿名答卷摘要（SHA-256）：{results.ballotsDigest}。任何人可用公布的匿名答卷重新计算以上结果。
          {results.settled?.repaired ? '结束后核对计票时发现并更正了计数。' : ''}
        </View>
      ) : results.state === 'closed' ? (
        <View className="gz-muted gz-paragraph">正在核对计票，结束一分钟后公布匿名答卷摘要。</View>
      ) : null}
    </View>
  );
}
