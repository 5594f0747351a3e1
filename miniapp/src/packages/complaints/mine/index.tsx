import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { hasSession } from '../../../api/auth';
import { listMyComplaints } from '../../../api/complaints';
import { PageShell } from '../../../components/page-shell';
import { Button } from '../../../components/ui';
import { NeedsAccount } from '../../../components/needs-account';
import { PagedComplaints } from '../../../components/complaints/paged-complaints';
import { usePagedList } from '../../../components/paged-list';
import '../../../components/form.css';
import '../../../components/common.css';
import { pageUrl } from '@gongzhi/shared';

export default function MyComplaintsPage() {
  const signedIn = hasSession();
  return <PageShell title="我的诉求">{signedIn ? <MyComplaints /> : <NeedsAccount signedIn={false} purpose="查看诉求" returnTo="complaintsMine" />}</PageShell>;
}

function MyComplaints() {
  const list = usePagedList((cursor) => listMyComplaints({ cursor, limit: 20 }), 'mine');
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <>
      <View className="gz-actions gz-top-actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('complaintNew') })}>
          我要反映
        </Button>
      </View>
      <PagedComplaints
        list={list}
        label="我的诉求列表"
        empty="还没有诉求。发现身边的问题，点“我要反映”。"
        openPage="complaintDetail"
      />
    </>
  );
}
