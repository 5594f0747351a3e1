import { View } from '@tarojs/components';
import type { AssessmentRow } from '@gongzhi/shared';
import type { AssessmentMetric } from '../../../api/assessment';
import { a11y } from '../../../components/a11y';
import { Pressable } from '../../../components/links';
import { percent } from '../../../components/format';

export const METRIC_LABELS: Record<AssessmentMetric, string> = {
  assessed: '考核件数',
  contacted_in_time: '按时联系',
  rated: '已评价',
  rated_resolved: '评价已解决',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  // 申诉核减: the usual 12345 word for complaints taken out of the assessment after an upheld appeal
  excluded: '申诉核减',
};

/** One unit's rates as percentages with the counts they come from; each count opens its complaints. */
export function AssessmentRowCard({ row, onDrill }: { row: AssessmentRow; onDrill: (metric: AssessmentMetric) => void }) {
  const counts: Array<[AssessmentMetric, number]> = [
    ['assessed', row.assessed],
    ['contacted_in_time', row.contactedInTime],
    ['rated', row.rated],
    ['rated_resolved', row.ratedResolved],
    ['satisfied', row.satisfied],
    ['basically_satisfied', row.basicallySatisfied],
    ['excluded', row.excluded],
  ];
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: row.unitName })}>
      <View className="gz-complaint-head">
        <View className="gz-card-title">{row.unitName}</View>
        <View className="gz-score" aria-label={`综合得分${row.score.toFixed(1)}`}>
          {row.score.toFixed(1)}分
        </View>
      </View>
      <Rate label="响应率" rate={row.responseRate} detail={`按时联系 ${row.contactedInTime} / 考核 ${row.assessed}`} />
      <Rate label="解决率" rate={row.resolutionRate} detail={`评价已解决 ${row.ratedResolved} / 已评价 ${row.rated}`} />
      <Rate
        label="满意率"
        rate={row.satisfactionRate}
        detail={`满意 ${row.satisfied} + 基本满意 ${row.basicallySatisfied}×0.8 / 已评价 ${row.rated}`}
      />
      <View className="gz-muted gz-paragraph">点数字查看对应的诉求：</View>
      <View className="gz-action-buttons">
        {counts.map(([metric, count]) => (
          <Pressable key={metric} className="gz-link" label={`${row.unitName} ${METRIC_LABELS[metric]} ${count}件`} onPress={() => onDrill(metric)}>
            {METRIC_LABELS[metric]} {count}
          </Pressable>
        ))}
      </View>
    </View>
  );
}

function Rate({ label, rate, detail }: { label: string; rate: number; detail: string }) {
  return (
    <View className="gz-metric" {...a11y({ label: `${label} ${percent(rate)}，${detail}` })}>
      <View>{label}</View>
      <View>
        <View className="gz-metric-value">{percent(rate)}</View>
        <View className="gz-muted">{detail}</View>
      </View>
    </View>
  );
}
