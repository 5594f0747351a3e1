import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ComplaintView, UnitView } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { listUnits } from '../../../api/reference';
import { getStaffComplaint } from '../../../api/staff-complaints';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { ComplaintDetails } from '../../complaints/components/complaint-details';
import { ActionPanel } from './action-panel';
import '../../complaints/complaints.css';
import '../workbench.css';

async function loadUnits(): Promise<UnitView[]> {
  return (await listUnits({ limit: 100 })).items;
}

export default function StaffComplaintPage() {
  const id = useRouter().params.id ?? '';
  const [view, setView] = useState<ComplaintView>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setView(await getStaffComplaint(id));
    } catch (failure) {
      setError(toApiError(failure).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageShell title="诉求办理">
      <LoadState loading={!view && !error} error={error} onRetry={() => void load()} />
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
                setView(next);
                void Taro.showToast({ title: `${spec.label}完成`, icon: 'success' });
              }}
            />
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
