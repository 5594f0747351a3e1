import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pageUrl, ROLE_LABELS } from '@gongzhi/shared';
import { toApiError } from '../../../api/errors';
import { redeemInvitation } from '../../../api/me';
import { PageShell } from '../../../components/page-shell';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import '../../../components/form.css';
import '../account.css';
import { toast } from '../../../components/toast';

/** A staff member binds their role with the one-time code an administrator issued to them. */
export default function StaffInvitationPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function redeem() {
    const trimmed = code.trim();
    if (trimmed.length < 6) {
      setError('请输入管理员给您的邀请码');
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const user = await redeemInvitation(trimmed);
      const roles = user.roles.filter((r) => r.role !== 'resident').map((r) => ROLE_LABELS[r.role]);
      toast(`已绑定：${roles.join('、')}`);
      void Taro.reLaunch({ url: pageUrl('mine') });
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell title="工作人员邀请码">
      <View className="gz-card">
        <View className="gz-muted gz-paragraph">
          街道、社区和职能部门的工作人员，请输入管理员发给您的一次性邀请码，绑定您的工作身份和负责范围。
        </View>
        <TextField label="邀请码" name="code" value={code} placeholder="12位邀请码" maxlength={64} onChange={setCode} error={error} />
        <View className="gz-actions">
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void redeem()}>
            绑定工作身份
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
