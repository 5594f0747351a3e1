import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ItemList, Pressable } from '../../../components/links';
import { PageShell } from '../../../components/page-shell';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { NeedsAccount } from '../../../components/needs-account';
import { ProfileCard } from '../../../components/volunteers/profile-card';
import { useVolunteer } from '../../../components/volunteers/use-volunteer';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';

const LINKS = [
  { label: '浏览岗位', hint: '按日期、社区、技能查找', url: pageUrl('volunteerShifts') },
  { label: '我的班次', hint: '报名、候补、签到签退', url: pageUrl('volunteerMine') },
  { label: '志愿服务证明', hint: '开具带编号的证明', url: pageUrl('volunteerCertificate') },
];

export default function VolunteerHomePage() {
  const { state, reload } = useVolunteer();
  return (
    <PageShell title="志愿服务">
      {state.kind === 'anonymous' || state.kind === 'unverified' ? (
        <NeedsAccount signedIn={state.kind === 'unverified'} purpose="注册志愿者" returnTo="volunteers" />
      ) : null}
      <LoadState loading={state.kind === 'loading'} error={state.kind === 'failed' ? state.message : undefined} onRetry={() => void reload()} />
      {state.kind === 'unregistered' ? (
        <View className="gz-card">
          <View className="gz-card-title">成为志愿者</View>
          <View className="gz-muted">注册后可以报名社区志愿服务岗位，服务时长经组织者确认后累计，达到条件可获得星级。</View>
          <View className="gz-actions">
            <Button type="primary" block onClick={() => void Taro.navigateTo({ url: pageUrl('volunteerRegister') })}>
              注册志愿者
            </Button>
          </View>
        </View>
      ) : null}
      {state.kind === 'volunteer' ? (
        <>
          <ProfileCard profile={state.profile} />
          <ItemList className="gz-card" label="志愿服务">
            {LINKS.map((link) => (
              <Pressable key={link.url} className="gz-row" label={link.label} onPress={() => void Taro.navigateTo({ url: link.url })}>
                <View>{link.label}</View>
                <View className="gz-muted">{link.hint} ›</View>
              </Pressable>
            ))}
          </ItemList>
        </>
      ) : null}
    </PageShell>
  );
}
