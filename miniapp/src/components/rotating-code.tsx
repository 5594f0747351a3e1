import { useCallback, useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { QR_PERIOD_SECONDS } from '@gongzhi/shared';
import { toApiError } from '../api/errors';
import { isWeapp } from '../platform/wechat';
import { a11y } from './a11y';
import { Picture } from './picture';
import { qrDataUrl } from './qr-image';
import { LoadState } from './status';
import './rotating-code.css';

/**
 * An organiser's rotating check-in code (a volunteer shift's, an activity's): fetched again every
 * period (a code stays valid for two), so a photo of it sent to someone at home is useless a minute
 * later. The token is also printed for the H5 stand-in, where people paste it instead of scanning.
 * No requests while the phone shows another page; the screen stays on while the code is shown.
 */
export function RotatingCode({ label, load, reloadKey }: { label: string; load: () => Promise<{ token: string }>; reloadKey: string }) {
  const [code, setCode] = useState<{ token: string; image: string }>();
  const [error, setError] = useState<string>();
  const [visible, setVisible] = useState(true);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const next = await load();
      if (mine !== generation.current) return;
      setCode({ token: next.token, image: qrDataUrl(next.token) });
      setError(undefined);
    } catch (failure) {
      if (mine === generation.current) setError(toApiError(failure).message);
    }
    // `reloadKey` names what `load` fetches; the function itself is re-created on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reloadKey]);

  useEffect(() => {
    if (!visible) return undefined;
    setCode(undefined);
    void refresh();
    const timer = setInterval(() => void refresh(), QR_PERIOD_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [refresh, visible]);

  useDidShow(() => {
    setVisible(true);
    if (isWeapp) void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  });
  useDidHide(() => setVisible(false));

  return (
    <>
      <LoadState loading={!code && !error} error={error} onRetry={() => void refresh()} />
      {code ? (
        <View className="gz-card" {...a11y({ role: 'region', label })}>
          <View className="gz-card-title">{label}</View>
          <Picture className="gz-qr" src={code.image} mode="aspectFit" alt={`${label}二维码`} />
          <View className="gz-muted">浏览器版本可填写以下签到码：</View>
          <View className="gz-token" {...a11y({ label: `${label}文本` })} data-token={code.token}>
            {code.token}
          </View>
        </View>
      ) : null}
    </>
  );
}
