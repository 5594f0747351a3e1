import { useState } from 'react';
import { View } from '@tarojs/components';
import { cstDate, RECONCILIATION_KIND_LABELS, type ReconciliationView } from '@gongzhi/shared';
// the page frame's styles first (one CSS order for every page: weapp's common chunk)
import { PageShell } from '../../../components/page-shell';
import { paymentReconciliation } from '../../../api/activities';
import { a11y } from '../../../components/a11y';
import { DataTable } from '../../../components/data-table';
import { formatTime } from '../../../components/format';
import { PickerField } from '../../../components/picker-field';
import { LoadState } from '../../../components/status';
import { useLoaded } from '../../../components/use-loaded';
import { fenText } from '../labels';
import '../../../components/form.css';
import '../../../components/common.css';

type Difference = ReconciliationView['differences'][number];
const amount = (fen: number | null) => (fen === null ? '—' : fenText(fen));

/** 支付对账: a day's WeChat Pay trade bill against the platform's orders and refunds, every difference in words (organisers: their community's). */
export default function ReconciliationPage() {
  const [date, setDate] = useState(() => cstDate(Date.now() - 24 * 3600_000));
  const loaded = useLoaded(() => paymentReconciliation(date), date);
  const value = loaded.value;
  return (
    <PageShell title="支付对账">
      <View className="gz-card">
        <PickerField label="对账日期" name="date" mode="date" value={date} end={cstDate(Date.now())} onChange={setDate} hint="每日10点后核对前一日的微信支付账单" />
      </View>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value ? (
        <View className="gz-card" {...a11y({ role: 'region', label: `${value.date}对账结果` })}>
          <View className="gz-card-title">{value.date}对账结果</View>
          {!value.done ? (
            <View className="gz-muted">该日尚未对账（账单在次日10点后生成，对账任务随后自动执行）。</View>
          ) : (
            <>
              <View className="gz-muted">
                核对于 {formatTime(value.at!)}：账单 {value.billRows} 行，本平台收款 {value.paymentsHere} 笔、退款 {value.refundsHere} 笔。
              </View>
              {value.differences.length === 0 ? (
                <View role="status">账实相符，没有差异。</View>
              ) : (
                <DataTable<Difference>
                  label="对账差异"
                  rows={value.differences}
                  rowKey={(d) => `${d.kind}:${d.number}`}
                  columns={[
                    { key: 'kind', label: '差异', render: (d) => RECONCILIATION_KIND_LABELS[d.kind], sortValue: (d) => d.kind },
                    { key: 'number', label: '单号', render: (d) => d.number },
                    { key: 'bill', label: '账单金额', render: (d) => amount(d.billFen), numeric: true },
                    { key: 'ours', label: '本平台金额', render: (d) => amount(d.ourFen), numeric: true },
                  ]}
                />
              )}
            </>
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
