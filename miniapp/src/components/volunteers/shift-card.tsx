import { View } from '@tarojs/components';
import { SIGNUP_STATUS_LABELS, type ShiftView } from '@gongzhi/shared';
import { Pressable } from '../links';
import { skillNames } from './choices';
import { placesLeft, shiftTimeRange, starsLabel } from './format';

export function signupLabel(mySignup: ShiftView['mySignup']): string | undefined {
  if (!mySignup) return undefined;
  const label = SIGNUP_STATUS_LABELS[mySignup.status] ?? mySignup.status;
  return mySignup.status === 'waitlisted' && mySignup.waitlistPosition ? `${label}（第${mySignup.waitlistPosition}位）` : label;
}

/** One shift in a list: a link whose name says what, when and the caller's own sign-up. */
export function ShiftCard({ shift, onOpen }: { shift: ShiftView; onOpen: (id: string) => void }) {
  const time = shiftTimeRange(shift);
  const mine = signupLabel(shift.mySignup);
  return (
    <Pressable className="gz-card" label={`${shift.projectTitle} ${time}${mine ? ` ${mine}` : ''}`} onPress={() => onOpen(shift.id)}>
      <View className="gz-complaint-head">
        <View className="gz-card-title">{shift.projectTitle}</View>
        {mine ? (
          <View className="gz-badge" aria-label={`我的报名：${mine}`}>
            {mine}
          </View>
        ) : null}
      </View>
      <View>{time}</View>
      <View className="gz-muted">
        {shift.communityName} · {shift.place.address}
      </View>
      <View className="gz-muted">{placesLeft(shift)}</View>
      {shift.requiredSkills.length || shift.minStars ? (
        <View className="gz-muted">
          要求：{[skillNames(shift.requiredSkills), shift.minStars ? `${starsLabel(shift.minStars)}及以上` : ''].filter(Boolean).join('，')}
        </View>
      ) : null}
    </Pressable>
  );
}
