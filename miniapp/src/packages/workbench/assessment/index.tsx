import { useEffect, useMemo, useState } from 'react';
import { View } from '@tarojs/components';
import { getAssessment, listAssessedComplaints, type AssessmentMetric } from '../../../api/assessment';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { PagedComplaints } from '../../../components/complaints/paged-complaints';
import { currentPeriod, shiftPeriod } from '../../../components/format';
import { usePagedList } from '../../../components/paged-list';
import { useLoaded } from '../../../components/use-loaded';
import { DataTable } from '../../../components/data-table';
import { assessmentColumns, METRIC_LABELS } from './assessment-row';
import '../../../components/form.css';
import '../../../components/common.css';
import '../workbench.css';

interface Drill {
  unitId: string;
  unitName: string;
  metric: AssessmentMetric;
}

export default function AssessmentPage() {
  const [period, setPeriod] = useState(currentPeriod);
  const table = useLoaded(() => getAssessment(period), period);
  const rows = table.value;
  const [drill, setDrill] = useState<Drill>();
  const columns = useMemo(() => assessmentColumns((row, metric) => setDrill({ unitId: row.unitId, unitName: row.unitName, metric })), []);

  useEffect(() => setDrill(undefined), [period]);

  const thisMonth = currentPeriod();
  return (
    <PageShell title="考核统计" nav={<StaffNav current="assessment" />}>
      <View className="gz-card">
        <View className="gz-period" {...a11y({ role: 'group', label: '考核月份' })}>
          <Button size="small" fill="outline" onClick={() => setPeriod(shiftPeriod(period, -1))}>
            上个月
          </Button>
          <View className="gz-period-label" aria-live="polite" aria-label={`考核月份 ${period}`}>
            {period}
          </View>
          <Button size="small" fill="outline" disabled={period >= thisMonth} onClick={() => setPeriod(shiftPeriod(period, 1))}>
            下个月
          </Button>
        </View>
        <View className="gz-muted gz-paragraph">
          按办结或评价所在月份统计。得分 = 响应率×10% + 解决率×45% + 满意率×45%（基本满意按0.8计）；申诉成立的诉求核减，不计入（见“申诉核减”）。
        </View>
      </View>
      <LoadState loading={table.loading} error={table.error} onRetry={() => void table.reload()} />
      {rows && rows.length === 0 ? <View className="gz-card gz-muted">{period}暂无考核数据</View> : null}
      {rows && rows.length > 0 ? (
        <DataTable
          label={`${period}各单位考核`}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.unitId}
          initialSort={{ key: 'score', direction: 'descending' }}
        />
      ) : null}
      {drill ? <DrillDown key={`${period}:${drill.unitId}:${drill.metric}`} period={period} drill={drill} /> : null}
    </PageShell>
  );
}

function DrillDown({ period, drill }: { period: string; drill: Drill }) {
  const list = usePagedList(
    (cursor) => listAssessedComplaints({ period, unitId: drill.unitId, metric: drill.metric, cursor }),
    `${period}:${drill.unitId}:${drill.metric}`,
  );
  const title = `${drill.unitName} · ${METRIC_LABELS[drill.metric]}`;
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: title })}>
      <View className="gz-card-title">{title}</View>
      <PagedComplaints list={list} label={title} empty="没有对应的诉求" openPage="workbenchComplaint" />
    </View>
  );
}
