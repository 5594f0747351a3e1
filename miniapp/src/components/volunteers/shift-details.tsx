import { View } from '@tarojs/components';
import type { ShiftView } from '@gongzhi/shared';
import { a11y } from '../a11y';
import { formatTime } from '../format';
import { skillNames } from './choices';
import { placesLeft, shiftTimeRange, starsLabel } from './format';
import { signupLabel } from './shift-card';

/** What a shift is, where and when, and the caller's own sign-up in words. */
export function ShiftDetails({ shift, forOrganiser }: { shift: ShiftView; forOrganiser?: boolean }) {
  const mine = signupLabel(shift.mySignup);
  const rows: Array<[string, string]> = [
    ['时间', shiftTimeRange(shift)],
    ['地点', `${shift.communityName} · ${shift.place.address}`],
    ['签到范围', `服务地点${shift.place.radiusM}米内`],
    ['名额', placesLeft(shift)],
    ['技能要求', shift.requiredSkills.length ? skillNames(shift.requiredSkills) : '不限'],
    ['星级要求', shift.minStars ? `${starsLabel(shift.minStars)}及以上` : '不限'],
    ['报名截止', formatTime(shift.signupDeadline)],
    ['取消截止', `${formatTime(shift.cancelCutoff)}（之后取消记为未到岗）`],
  ];
  if (!forOrganiser) rows.push(['我的报名', mine ?? '未报名']);
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '岗位信息' })}>
      <View className="gz-card-title">{shift.projectTitle}</View>
      {shift.description ? (
        <View className="gz-shift-description" {...a11y({ role: 'group', label: '服务内容' })}>
          <View className="gz-muted gz-row-label">服务内容</View>
          <View className="gz-paragraph">{shift.description}</View>
        </View>
      ) : null}
      {rows.map(([label, value]) => (
        <View key={label} className="gz-row" {...a11y({ label: `${label}：${value}` })}>
          <View className="gz-muted gz-row-label">{label}</View>
          <View className="gz-row-value">{value}</View>
        </View>
      ))}
    </View>
  );
}
