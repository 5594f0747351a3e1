import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toApiError } from '../../../api/errors';
import { deleteAccount } from '../../../api/me';
import { PageShell } from '../../../components/page-shell';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import '../../../components/form.css';
import '../account.css';
import { pageUrl } from '@gongzhi/shared';

type Step = 'explain' | 'confirm' | 'deleted';

export default function DeleteAccountPage() {
  const [step, setStep] = useState<Step>('explain');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function confirmDeletion() {
    setError(undefined);
    setBusy(true);
    try {
      await deleteAccount();
      setStep('deleted');
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  if (step === 'deleted') {
    return (
      <PageShell title="账号已注销">
        <View className="gz-card">
          <View className="gz-paragraph" role="status">
            您的账号已注销，个人信息已删除。感谢您参与社区共治。
          </View>
          <Button type="primary" block onClick={() => void Taro.switchTab({ url: pageUrl('home') })}>
            返回首页
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell title="注销账号">
      <View className="gz-card">
        <View className="gz-card-title">将被删除</View>
        <View className="gz-paragraph">· 实名信息：姓名、身份证号码、手机号码、所在社区</View>
        <View className="gz-paragraph">· 与您微信身份的关联，以及所有设备上的登录状态</View>
        <View className="gz-card-title">将被保留（不含可识别您身份的信息）</View>
        <View className="gz-paragraph">· 匿名化的统计数据，例如诉求数量和满意率</View>
        <View className="gz-paragraph">· 依法留存的操作审计记录，其中的个人标识已匿名化</View>
        <View className="gz-muted gz-paragraph">注销后无法恢复。再次使用需重新登录并实名登记。</View>
      </View>

      {step === 'explain' ? (
        <View className="gz-actions">
          <Button type="danger" block onClick={() => setStep('confirm')}>
            注销账号
          </Button>
        </View>
      ) : (
        <View className="gz-card" role="alertdialog" aria-label="确认注销">
          <View className="gz-card-title">确定要注销账号吗？此操作无法撤销。</View>
          <FieldError message={error} />
          <View className="gz-actions">
            <Button type="danger" block loading={busy} disabled={busy} onClick={() => void confirmDeletion()}>
              确认注销
            </Button>
            <Button block fill="outline" disabled={busy} onClick={() => setStep('explain')}>
              取消
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  );
}
