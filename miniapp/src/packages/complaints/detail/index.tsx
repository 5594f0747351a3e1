import { useRouter } from '@tarojs/taro';
import type { RateComplaintBody } from '@gongzhi/shared';
import { getComplaint, rateComplaint, sendBackComplaint } from '../../../api/complaints';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { allows } from '../../../components/complaints/allowed';
import { ComplaintDetails } from '../../../components/complaints/complaint-details';
import { useLoaded } from '../../../components/use-loaded';
import { RatingForm } from './rating-form';
import '../../../components/form.css';
import '../../../components/common.css';
import { toast } from '../../../components/toast';

export default function ComplaintDetailPage() {
  const id = useRouter().params.id ?? '';
  const complaint = useLoaded(() => getComplaint(id), id);
  const view = complaint.value;

  async function rate(body: RateComplaintBody) {
    complaint.setValue(await rateComplaint(id, body));
    toast('感谢您的评价');
  }

  async function sendBack(body: { reason: string }) {
    complaint.setValue(await sendBackComplaint(id, body));
    toast('已退回重办');
  }

  const canRate = view ? allows(view, 'rate') : false;
  const canSendBack = view ? allows(view, 'sendBack') : false;
  return (
    <PageShell title="诉求详情">
      <LoadState loading={complaint.loading} error={complaint.error} onRetry={() => void complaint.reload()} />
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
