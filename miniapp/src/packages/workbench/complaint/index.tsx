import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { UnitView } from '@gongzhi/shared';
import { listUnits } from '../../../api/reference';
import { getStaffComplaint } from '../../../api/staff-complaints';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { ComplaintDetails } from '../../../components/complaints/complaint-details';
import { useLoaded } from '../../../components/use-loaded';
import { ActionPanel } from './action-panel';
import '../../../components/form.css';
import '../../../components/common.css';
import '../workbench.css';
import { toast } from '../../../components/toast';

async function loadUnits(): Promise<UnitView[]> {
  return (await listUnits({ limit: 100 })).items;
}

export default function StaffComplaintPage() {
  const id = useRouter().params.id ?? '';
  const complaint = useLoaded(() => getStaffComplaint(id), id);
  const view = complaint.value;

  return (
    <PageShell title="诉求办理" nav={<StaffNav current="workbench" />}>
      <LoadState loading={complaint.loading} error={complaint.error} onRetry={() => void complaint.reload()} />
      {view ? (
        <View className="gz-staff-columns">
          <View>
            <ComplaintDetails view={view} showDeadlines />
          </View>
          <View>
            <ActionPanel
              view={view}
              loadUnits={loadUnits}
              onDone={(next, spec) => {
                complaint.setValue(next);
                toast(`${spec.label}完成`);
              }}
            />
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
