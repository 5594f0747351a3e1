import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RegisterVolunteerBody } from '@gongzhi/shared';
import { registerVolunteer } from '../../../api/volunteers';
import { PageShell } from '../../../components/page-shell';
import { useSubscribePrompt } from '../../../platform/subscribe';
import { LoadState } from '../../../components/status';
import { NeedsAccount } from '../../../components/needs-account';
import { useVolunteer } from '../../../components/volunteers/use-volunteer';
import { RegisterForm } from './register-form';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { toast } from '../../../components/toast';

export default function RegisterVolunteerPage() {
  const { state, reload } = useVolunteer();
  const askSubscriptions = useSubscribePrompt('volunteerRegistration');

  // called by the form in the submit tap, with no wait before: WeChat only asks inside a tap
  async function register(body: RegisterVolunteerBody) {
    await askSubscriptions();
    await registerVolunteer(body);
    toast('注册成功');
    void Taro.navigateBack();
  }

  return (
    <PageShell title="注册志愿者">
      {state.kind === 'anonymous' || state.kind === 'unverified' ? (
        <NeedsAccount signedIn={state.kind === 'unverified'} purpose="注册志愿者" returnTo="volunteerRegister" />
      ) : null}
      <LoadState loading={state.kind === 'loading'} error={state.kind === 'failed' ? state.message : undefined} onRetry={() => void reload()} />
      {state.kind === 'volunteer' ? (
        <View className="gz-card">
          <View className="gz-card-title">您已是注册志愿者</View>
          <View className="gz-muted">志愿者编号 {state.profile.volunteerNumber}</View>
        </View>
      ) : null}
      {state.kind === 'unregistered' ? <RegisterForm minor={Boolean(state.user.realName?.minor)} onSubmit={register} /> : null}
    </PageShell>
  );
}
