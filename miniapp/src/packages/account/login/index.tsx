import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { loginWithWechat } from '../../../api/auth';
import { toApiError } from '../../../api/errors';
import { PageShell } from '../../../components/page-shell';
import { FieldError } from '../../../components/status';
import { Button } from '../../../components/ui';
import { STAND_IN_LOGIN_NAME, obtainLoginCode, usesWechatStandIn } from '../../../platform/wechat';
import { continueAfterLogin, returnPageOf } from '../after-login';
import { TextField } from '../../../components/text-field';
import '../../../components/form.css';
import '../account.css';

export default function LoginPage() {
  const next = returnPageOf(useRouter().params.next);
  const [loginName, setLoginName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function login() {
    setError(undefined);
    if (usesWechatStandIn && !STAND_IN_LOGIN_NAME.test(loginName.trim())) {
      setNameError('请输入登录名（字母、数字、下划线、点或短横线，最多32位）');
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      const code = await obtainLoginCode(usesWechatStandIn ? loginName.trim() : undefined);
      const result = await loginWithWechat(code);
      continueAfterLogin(result.user, next);
    } catch (failure) {
      setError(toApiError(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell title={usesWechatStandIn ? '模拟微信登录' : '微信登录'}>
      <View className="gz-card">
        {usesWechatStandIn ? (
          <>
            <View className="gz-muted">
              浏览器版本没有微信环境：输入一个登录名，系统会生成模拟器认可的微信登录凭证。同一登录名对应同一账号。
            </View>
            <TextField label="登录名" name="loginName" value={loginName} placeholder="例如 zhangsan" maxlength={32} onChange={setLoginName} error={nameError} />
          </>
        ) : (
          <View className="gz-muted">使用微信身份登录共治。登录后请完成实名登记。</View>
        )}
        <FieldError message={error} />
        <View className="gz-actions">
          <Button type="primary" block loading={busy} disabled={busy} onClick={() => void login()}>
            {usesWechatStandIn ? '模拟微信登录' : '微信一键登录'}
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
