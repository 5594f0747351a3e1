import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { confirmHours, correctHours, getPresence, getRoster, rateVolunteer, type PresenceEntry } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { PageShell } from '../../../components/page-shell';
import { StaffNav } from '../../../components/staff-nav';
import { LoadState } from '../../../components/status';
import { Button } from '../../../components/ui';
import { useLoaded } from '../../../components/use-loaded';
import { ShiftDetails } from '../../../components/volunteers/shift-details';
import { RosterLine } from './roster-entry';
import '../../../components/form.css';
import '../../../components/common.css';
import '../../../components/volunteers/volunteers.css';
import { pageUrl } from '@gongzhi/shared';
import { toast } from '../../../components/toast';

/** The organiser's shift: show the code, see who signed up and who came, confirm hours, rate. */
export default function OrganiserShiftPage() {
  const id = useRouter().params.id ?? '';
  const loaded = useLoaded(async () => {
    const [roster, presence] = await Promise.all([getRoster(id), getPresence(id)]);
    return { roster, presence: new Map<string, PresenceEntry>(presence.items.map((p) => [p.signupId, p])) };
  }, id);
  usePullDownRefresh(() => {
    void loaded.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const value = loaded.value;
  const showQr = (purpose: 'check_in' | 'check_out') =>
    void Taro.navigateTo({ url: pageUrl('organiserQr', { id, purpose }) });

  const serving = value?.roster.items.filter((e) => e.status !== 'waitlisted' && e.status !== 'cancelled') ?? [];
  const waiting = value?.roster.items.filter((e) => e.status === 'waitlisted') ?? [];
  return (
    <PageShell title="班次管理" nav={<StaffNav current="organiser" />}>
      <LoadState loading={loaded.loading} error={loaded.error} onRetry={() => void loaded.reload()} />
      {value ? (
        <>
          <ShiftDetails shift={value.roster.shift} forOrganiser />
          <View className="gz-card">
            <View className="gz-actions">
              <Button type="primary" block onClick={() => showQr('check_in')}>
                出示签到码
              </Button>
              <Button block fill="outline" onClick={() => showQr('check_out')}>
                出示签退码
              </Button>
              <Button block fill="outline" onClick={() => void loaded.reload()}>
                刷新名单
              </Button>
            </View>
          </View>
          <View className="gz-card" {...a11y({ role: 'region', label: '报名名单' })}>
            <View className="gz-card-title">
              报名名单（{serving.length}/{value.roster.shift.capacity}）
            </View>
            {serving.length === 0 ? <View className="gz-muted">还没有志愿者报名</View> : null}
            {serving.map((entry) => (
              <RosterLine
                key={entry.signupId}
                entry={entry}
                presence={value.presence.get(entry.signupId)}
                onConfirm={async (body) => {
                  const confirmed = value.presence.get(entry.signupId)?.confirmedHours ?? null;
                  await (confirmed === null ? confirmHours : correctHours)(id, entry.signupId, body);
                  toast('时长已确认');
                  await loaded.reload();
                }}
                onRate={async (body) => {
                  await rateVolunteer(id, entry.signupId, body);
                  toast('评价已提交');
                  await loaded.reload();
                }}
              />
            ))}
          </View>
          {waiting.length ? (
            <View className="gz-card" {...a11y({ role: 'region', label: '候补名单' })}>
              <View className="gz-card-title">候补名单（按顺序递补）</View>
              {waiting.map((entry) => (
                <View key={entry.signupId} className="gz-row" {...a11y({ label: `候补第${entry.waitlistPosition ?? ''}位：${entry.name}` })}>
                  <View>
                    {entry.name}（{entry.volunteerNumber}）
                  </View>
                  <View className="gz-muted">第{entry.waitlistPosition}位</View>
                </View>
              ))}
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
