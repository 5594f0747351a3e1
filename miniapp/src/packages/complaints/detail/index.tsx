import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { ComplaintView, RateComplaintBody } from '@gongzhi/shared';
import { getComplaint, rateComplaint, sendBackComplaint } from '../../../api/complaints';
import { toApiError } from '../../../api/errors';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { allows } from '../components/allowed';
import { ComplaintDetails } from '../components/complaint-details';
import { RatingForm } from './rating-form';
import '../complaints.css';

export default function ComplaintDetailPage() {
  const id = useRouter().params.id ?? '';
  const [view, setView] = useState<ComplaintView>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setView(await getComplaint(id));
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function rate(body: RateComplaintBody) {
    setView(await rateComplaint(id, body));
    void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
  }

  async function sendBack(body: { reason: string }) {
    setView(await sendBackComplaint(id, body));
    void Taro.showToast({ title: '已退回重办', icon: 'success' });
  }

  const canRate = view ? allows(view, 'rate') : false;
  const canSendBack = view ? allows(view, 'sendBack') : false;
  return (
    <PageShell title="诉求详情">
      <LoadState loading={!view && !error} error={error} onRetry={() => void load()} />
      {view ? (
        <>
          <ComplaintDetails view={view} />
          {canRate || canSendBack ? (
            <RatingForm key={view.state} canRate={canRate} canSendBack={canSendBack} onRate={rate} onSendBack={sendBack} />
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
