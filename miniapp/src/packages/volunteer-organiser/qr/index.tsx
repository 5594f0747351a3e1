import { useCallback, useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter, useDidHide, useDidShow } from '@tarojs/taro';
import { QR_PERIOD_SECONDS } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { getShiftQr, type QrPurpose, type ShiftQr } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { Picture } from '../../../components/picture';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { isWeapp } from '../../../platform/wechat';
import { ChoiceGroup } from '../../../components/choice-group';
import { qrDataUrl } from './qr-image';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';

const PURPOSES = [
  { value: 'check_in', label: '签到码' },
  { value: 'check_out', label: '签退码' },
] as const;

/**
 * The organiser's rotating code: fetched again every period (a code stays valid for two), so a photo
 * of it sent to someone at home is useless a minute later. The token is also printed for the H5
 * stand-in, where volunteers paste it instead of scanning.
 */
export default function ShiftQrPage() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const [purpose, setPurpose] = useState<QrPurpose>(params.purpose === 'check_out' ? 'check_out' : 'check_in');
  const [qr, setQr] = useState<ShiftQr & { image: string }>();
  const [error, setError] = useState<string>();
  const [visible, setVisible] = useState(true);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const next = await getShiftQr(id, purpose);
      if (mine !== generation.current) return;
      setQr({ ...next, image: qrDataUrl(next.token) });
      setError(undefined);
    } catch (failure) {
      if (mine === generation.current) setError(toApiError(failure).message);
    }
  }, [id, purpose]);

  useEffect(() => {
    if (!visible) return undefined;
    setQr(undefined);
    void refresh();
    const timer = setInterval(() => void refresh(), QR_PERIOD_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [refresh, visible]);

  // no requests while the phone is showing another page; the screen stays on while the code is shown
  useDidShow(() => {
    setVisible(true);
    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  });
  useDidHide(() => setVisible(false));

  const label = purpose === 'check_in' ? '签到码' : '签退码';
  return (
    <PageShell title="现场签到码" nav={<StaffNav current="organiser" />}>
      <View className="gz-card">
        <ChoiceGroup label="出示的二维码" inline choices={PURPOSES} value={purpose} onChange={setPurpose} />
        <View className="gz-muted">请志愿者在现场用小程序“扫码签到/签退”。二维码每{QR_PERIOD_SECONDS}秒自动更新，截图转发无效。</View>
      </View>
      <LoadState loading={!qr && !error} error={error} onRetry={() => void refresh()} />
      {qr ? (
        <View className="gz-card" {...a11y({ role: 'region', label })}>
          <View className="gz-card-title">{label}</View>
          <Picture className="gz-qr" src={qr.image} mode="aspectFit" alt={`${label}二维码`} />
          <View className="gz-muted">浏览器版本的志愿者可填写以下签到码：</View>
          <View className="gz-token" {...a11y({ label: `${label}文本` })} data-token={qr.token}>
            {qr.token}
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
