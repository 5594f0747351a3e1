import { useState } from 'react';
import { View } from '@tarojs/components';
import { AttendanceBody } from '@gongzhi/shared';
import type { z } from 'zod';
import { toApiError } from '../../../api/errors';
import { a11y } from '../../../components/a11y';
import { FieldError } from '../../../components/status';
import { fieldErrorsOf, useFormErrors } from '../../../components/form-errors';
import { Button } from '../../../components/ui';
import { currentPosition, scanCode, usesScanStandIn } from '../../../platform/wechat';
import { TextField } from '../../../components/text-field';

type Attend = (body: z.infer<typeof AttendanceBody>) => Promise<void>;

/** The code pasted in the browser (no camera there): a field like any other. */
function pastedCodeErrors(pasted: string): { token?: string } {
  const token = pasted.trim();
  if (!token) return { token: '请填写组织者页面上显示的签到码' };
  const parsed = AttendanceBody.shape.token.safeParse(token);
  return parsed.success ? {} : fieldErrorsOf(parsed.error, () => 'token' as const, () => '签到码不完整，请重新扫码或粘贴');
}

/**
 * On site: scan the organiser's code (weapp camera; in the browser the code shown on the organiser's
 * page is pasted), add the phone's position, and send it. The BFF checks the code, the time and the geofence.
 */
export function AttendancePanel({ onCheckIn, onCheckOut }: { onCheckIn: Attend; onCheckOut: Attend }) {
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(() => (usesScanStandIn ? pastedCodeErrors(pasted) : {}));

  async function attend(kind: 'in' | 'out') {
    setError(undefined);
    setDone(undefined);
    if (!form.submitAttempt()) return;
    const token = usesScanStandIn ? pasted.trim() : await scanCode();
    if (!token) {
      setError('没有扫到签到码，请对准组织者出示的二维码');
      return;
    }
    const position = await currentPosition();
    if (!position) {
      setError('需要您的位置来确认在服务地点，请在设置中允许使用位置信息');
      return;
    }
    const parsed = AttendanceBody.safeParse({ token, position });
    if (!parsed.success) {
      setError('签到码不完整，请重新扫码或粘贴');
      return;
    }
    setBusy(true);
    try {
      await (kind === 'in' ? onCheckIn : onCheckOut)(parsed.data);
      setDone(kind === 'in' ? '签到成功' : '签退成功');
      setPasted('');
      form.reset();
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className={`gz-card ${form.formClass}`} {...a11y({ role: 'region', label: '现场签到' })}>
      <View className="gz-card-title">现场签到</View>
      <View className="gz-muted">到达服务地点后扫描组织者出示的二维码签到，服务结束后再扫码签退。需要获取您的位置。</View>
      {usesScanStandIn ? (
        <TextField
          label="签到码"
          name="attendanceToken"
          maxlength={512}
          value={pasted}
          error={form.errors.token}
          hint="浏览器版本无法扫码：请填写组织者页面二维码下方显示的签到码。"
          onChange={setPasted}
        />
      ) : null}
      {done ? (
        <View className="gz-notice" role="status" aria-live="polite">
          ✓ {done}
        </View>
      ) : null}
      <FieldError message={error} />
      <View className="gz-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void attend('in')}>
          扫码签到
        </Button>
        <Button block fill="outline" loading={busy} disabled={busy} onClick={() => void attend('out')}>
          扫码签退
        </Button>
      </View>
    </View>
  );
}
