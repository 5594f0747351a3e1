import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { QR_PERIOD_SECONDS } from '@gongzhi/shared';
import { getShiftQr, type QrPurpose } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { ChoiceGroup } from '../../../components/choice-group';
import { RotatingCode } from '../../../components/rotating-code';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';

const PURPOSES = [
  { value: 'check_in', label: '签到码' },
  { value: 'check_out', label: '签退码' },
] as const;

/** The organiser's rotating check-in and check-out codes for a shift (components/rotating-code.tsx). */
export default function ShiftQrPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const [purpose, setPurpose] = useState<QrPurpose>(params.purpose === 'check_out' ? 'check_out' : 'check_in');
  const label = purpose === 'check_in' ? '签到码' : '签退码';
  return (
    <PageShell title="现场签到码" nav={<StaffNav current="organiser" />}>
      <View className="gz-card">
        <ChoiceGroup label="出示的二维码" inline choices={PURPOSES} value={purpose} onChange={setPurpose} />
        <View className="gz-muted">请志愿者在现场用小程序“扫码签到/签退”。二维码每{QR_PERIOD_SECONDS}秒自动更新，截图转发无效。</View>
      </View>
      <RotatingCode label={label} load={() => getShiftQr(id, purpose)} reloadKey={`${id}:${purpose}`} />
    </PageShell>
  );
}
