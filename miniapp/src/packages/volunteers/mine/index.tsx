import Taro from '@tarojs/taro';
import { listMyShifts } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { usePagedList } from '../../../components/paged-list';
import { ShiftList } from '../../../components/volunteers/shift-list';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';

export default function MyShiftsPage() {
  const list = usePagedList((cursor) => listMyShifts(cursor), 'mine');
  return (
    <PageShell title="我的班次">
      <ShiftList
        list={list}
        label="我报名的班次"
        empty="您还没有报名任何班次"
        onOpen={(id) => void Taro.navigateTo({ url: pageUrl('volunteerShift', { id }) })}
      />
    </PageShell>
  );
}
