import { useState } from 'react';
import { View } from '@tarojs/components';
import { cstDate, fromCst, type AidPersonCard } from '@gongzhi/shared';
import { aidReportedPeople, aidSuspensions, liftAidSuspension, suspendAidPerson } from '../../../api/mutual-aid';
import { a11y } from '../../../components/a11y';
import { formatTime } from '../../../components/format';
import { PickerField } from '../../../components/picker-field';
import { FieldError, LoadState } from '../../../components/status';
import { TextField } from '../../../components/text-field';
import { Button } from '../../../components/ui';
import { useAction } from '../../../components/use-action';
import { useLoaded } from '../../../components/use-loaded';

const DAY_MS = 24 * 3600_000;

/** Suspend one person from mutual aid: a reason they are told, and the last day (China time) it lasts. */
function SuspendForm({ person, onDone }: { person: AidPersonCard; onDone: () => void }) {
  const tomorrow = cstDate(Date.now() + DAY_MS);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(cstDate(Date.now() + 7 * DAY_MS));
  const action = useAction();
  return (
    <View {...a11y({ role: 'group', label: `暂停${person.nickname}使用社区互助` })}>
      <TextField label={`暂停原因（告知${person.nickname}）`} name={`suspend-reason-${person.id}`} maxlength={200} value={reason} onChange={setReason} />
      <PickerField label="暂停至（含当天）" name={`suspend-until-${person.id}`} mode="date" start={tomorrow} value={until} onChange={setUntil} />
      <Button
        block
        fill="outline"
        disabled={action.busy || reason.trim().length < 2 || !until}
        onClick={() => void action.act(() => suspendAidPerson({ userId: person.id, reason: reason.trim(), until: new Date(fromCst(until).getTime() + DAY_MS).toISOString() }), `已暂停${person.nickname}使用社区互助`, onDone)}
      >
        暂停{person.nickname}
      </Button>
      <FieldError message={action.error} />
    </View>
  );
}

/** Community staff: the people residents reported (every reason), suspending them with an end date, and lifting a suspension early. */
export function PeopleSafety() {
  const [version, setVersion] = useState(0);
  const reported = useLoaded(() => aidReportedPeople(), `reported:${version}`);
  const suspended = useLoaded(() => aidSuspensions(), `suspended:${version}`);
  const lift = useAction();
  const reload = () => setVersion((v) => v + 1);
  return (
    <>
      <View className="gz-card" {...a11y({ role: 'region', label: '被举报的用户' })}>
        <View className="gz-card-title">被举报的用户</View>
        <LoadState loading={reported.loading} error={reported.error} onRetry={() => void reported.reload()} />
        {reported.value?.items.length === 0 ? <View className="gz-muted">没有被举报的用户</View> : null}
        {reported.value?.items.map((item) => (
          <View key={item.person.id} className="gz-field">
            <View>
              {item.person.nickname}（{item.person.communityName}），被举报{item.reports.length}次
            </View>
            <View className="gz-muted">举报理由：{item.reports.map((r) => r.reason).join('；')}</View>
            {item.suspension ? (
              <View>
                已暂停至{formatTime(item.suspension.until)}：{item.suspension.reason}
              </View>
            ) : (
              <SuspendForm person={item.person} onDone={reload} />
            )}
          </View>
        ))}
      </View>
      <View className="gz-card" {...a11y({ role: 'region', label: '暂停中的用户' })}>
        <View className="gz-card-title">暂停中的用户</View>
        <LoadState loading={suspended.loading} error={suspended.error} onRetry={() => void suspended.reload()} />
        {suspended.value?.items.length === 0 ? <View className="gz-muted">没有暂停中的用户</View> : null}
        {suspended.value?.items.map((s) => (
          <View key={s.person.id} className="gz-row">
            <View>
              <View>
                {s.person.nickname}（{s.person.communityName}）暂停至{formatTime(s.until)}
              </View>
              <View className="gz-muted">原因：{s.reason}</View>
            </View>
            <Button size="small" fill="outline" disabled={lift.busy} onClick={() => void lift.act(() => liftAidSuspension(s.person.id), `已解除对${s.person.nickname}的暂停`, reload)}>
              解除暂停{s.person.nickname}
            </Button>
          </View>
        ))}
        <FieldError message={lift.error} />
      </View>
    </>
  );
}
