import { View } from '@tarojs/components';
import { SIGNUP_STATUS_LABELS } from '@gongzhi/shared';
import type { PresenceEntry, RosterEntry } from '../../../api/volunteers';
import { a11y } from '../../../components/a11y';
import { formatTime } from '../../../components/format';
import { ScoreForm } from '../../../components/volunteers/score-form';
import { HoursForm } from './hours-form';

type Confirm = Parameters<typeof HoursForm>[0]['onConfirm'];
type Rate = Parameters<typeof ScoreForm>[0]['onSubmit'];

/** One volunteer on the roster: sign-up, presence in words, hours to confirm, a rating to give. */
export function RosterLine({ entry, presence, onConfirm, onRate }: { entry: RosterEntry; presence?: PresenceEntry; onConfirm: Confirm; onRate: Rate }) {
  const status = SIGNUP_STATUS_LABELS[entry.status] ?? entry.status;
  const attendance = presence?.attendance ?? null;
  const who = `${entry.name}（${entry.volunteerNumber}）`;
  const presenceText = attendance
    ? `签到 ${formatTime(attendance.checkInAt).slice(11)}；` +
      (attendance.checkOutAt
        ? `签退 ${formatTime(attendance.checkOutAt).slice(11)}${attendance.closedBySweep ? '（未签退，系统在结束时补记，请核实）' : ''}`
        : '尚未签退')
    : '未签到';
  return (
    <View className="gz-roster-entry" {...a11y({ role: 'group', label: who })}>
      <View className="gz-complaint-head">
        <View className="gz-card-title">{who}</View>
        <View className="gz-badge" aria-label={`报名状态：${status}`}>
          {status}
          {entry.waitlistPosition ? ` 第${entry.waitlistPosition}位` : ''}
        </View>
      </View>
      {entry.status === 'waitlisted' ? null : (
        <View {...a11y({ label: `${entry.name}的到岗情况：${presenceText}` })}>
          {attendance?.closedBySweep ? '⚠ ' : ''}
          {presenceText}
        </View>
      )}
      {attendance && attendance.checkOutAt ? (
        <HoursForm who={entry.name} computedHours={attendance.computedHours} confirmedHours={presence?.confirmedHours ?? null} onConfirm={onConfirm} />
      ) : null}
      {attendance ? (
        presence?.rating ? (
          <View className="gz-muted">
            已评价：{presence.rating.score}分{presence.rating.comment ? ` ${presence.rating.comment}` : ''}
          </View>
        ) : (
          <ScoreForm title={`评价${entry.name}`} name={`rate${entry.signupId}`} submitLabel="提交评价" onSubmit={onRate} />
        )
      ) : null}
    </View>
  );
}
