import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { AssessmentRow } from '@gongzhi/shared';
import type { AssessmentMetric } from '../../../api/assessment';
import { a11y } from '../../../components/a11y';
import type { Column } from '../../../components/data-table';
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

const COUNT_OF: Record<AssessmentMetric, (row: AssessmentRow) => number> = {
  assessed: (row) => row.assessed,
  contacted_in_time: (row) => row.contactedInTime,
  rated: (row) => row.rated,
  rated_resolved: (row) => row.ratedResolved,
  satisfied: (row) => row.satisfied,
  basically_satisfied: (row) => row.basicallySatisfied,
  excluded: (row) => row.excluded,
};

/**
 * The assessment as table columns (components/data-table.tsx): one row per unit, sortable by name,
 * score, each rate and the numbers of cases; every count under a rate opens the complaints it counts. A unit with no case this month has no score and no rates
 * (—, said in words), rather than 0.0 分 and 0.0 %, which would read as the worst result.
 */
export function assessmentColumns(onDrill: (row: AssessmentRow, metric: AssessmentMetric) => void): Column<AssessmentRow>[] {
  // a count in its own column (考核件数, 申诉核减) is the number alone; under a rate it says what it counts
  const drill = (row: AssessmentRow, metric: AssessmentMetric, numberOnly = false) => (
    <Pressable key={metric} className="gz-link" label={`${row.unitName} ${METRIC_LABELS[metric]} ${COUNT_OF[metric](row)}件`} onPress={() => onDrill(row, metric)}>
      {numberOnly ? COUNT_OF[metric](row) : `${METRIC_LABELS[metric]} ${COUNT_OF[metric](row)}`}
    </Pressable>
  );
  // rows without cases sort below every unit that has them, whichever way the column is sorted
  const rated = (row: AssessmentRow, value: number) => (row.assessed === 0 ? -1 : value);
  return [
    { key: 'unit', label: '单位', sortValue: (row) => row.unitName, render: (row) => <View className="gz-table-strong">{row.unitName}</View> },
    {
      key: 'score',
      label: '综合得分',
      numeric: true,
      sortValue: (row) => rated(row, row.score),
      render: (row) =>
        row.assessed === 0 ? (
          <NoData what="无考核件" />
        ) : (
          <View className="gz-score" {...a11y({ label: `${row.unitName}综合得分${row.score.toFixed(1)}` })}>
            {row.score.toFixed(1)}分
          </View>
        ),
    },
    {
      key: 'response',
      label: '响应率',
      numeric: true,
      sortValue: (row) => rated(row, row.responseRate),
      render: (row) => (
        <Rate label="响应率" rate={row.responseRate} of={row.assessed} detail={`按时联系 ${row.contactedInTime} / 考核 ${row.assessed}`}>
          {drill(row, 'contacted_in_time')}
        </Rate>
      ),
    },
    {
      key: 'resolution',
      label: '解决率',
      numeric: true,
      sortValue: (row) => (row.rated === 0 ? -1 : row.resolutionRate),
      render: (row) => (
        <Rate label="解决率" rate={row.resolutionRate} of={row.rated} detail={`评价已解决 ${row.ratedResolved} / 已评价 ${row.rated}`}>
          {drill(row, 'rated_resolved')}
          {drill(row, 'rated')}
        </Rate>
      ),
    },
    {
      key: 'satisfaction',
      label: '满意率',
      numeric: true,
      sortValue: (row) => (row.rated === 0 ? -1 : row.satisfactionRate),
      render: (row) => (
        <Rate label="满意率" rate={row.satisfactionRate} of={row.rated} detail={`满意 ${row.satisfied} + 基本满意 ${row.basicallySatisfied}×0.8 / 已评价 ${row.rated}`}>
          {drill(row, 'satisfied')}
          {drill(row, 'basically_satisfied')}
        </Rate>
      ),
    },
    { key: 'assessed', label: '考核件数', numeric: true, sortValue: (row) => row.assessed, render: (row) => drill(row, 'assessed', true) },
    { key: 'excluded', label: '申诉核减', numeric: true, sortValue: (row) => row.excluded, render: (row) => drill(row, 'excluded', true) },
  ];
}

function NoData({ what }: { what: string }) {
  return (
    <View className="gz-muted" {...a11y({ label: what })}>
      —
    </View>
  );
}

/** A rate with the counts it comes from, each count a link to its complaints (children). */
function Rate({ label, rate, of, detail, children }: { label: string; rate: number; of: number; detail: string; children: ReactNode }) {
  return (
    <View>
      {of === 0 ? (
        <NoData what={`${label}：无${label === '响应率' ? '考核件' : '评价'}`} />
      ) : (
        <View className="gz-metric-value" {...a11y({ label: `${label} ${percent(rate)}，${detail}` })}>
          {percent(rate)}
        </View>
      )}
      <View className="gz-rate-counts">{children}</View>
    </View>
  );
}
