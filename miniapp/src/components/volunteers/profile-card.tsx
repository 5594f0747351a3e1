import { View } from '@tarojs/components';
import type { VolunteerProfile } from '../../api/volunteers';
import { a11y } from '../a11y';
import { formatHours, progressPercent, progressSentence, starMarks, starsLabel } from './format';
import { skillNames } from './choices';
import { LabelledRow } from '../labelled-row';

/** Hours, stars and what the next level needs; every number also in words for screen readers. */
export function ProfileCard({ profile }: { profile: VolunteerProfile }) {
  const percent = progressPercent(profile.confirmedHours, profile.progress);
  const sentence = progressSentence(profile.progress);
  return (
    <View className="gz-card" {...a11y({ role: 'region', label: '我的志愿服务' })}>
      <View className="gz-card-title">我的志愿服务</View>
      <LabelledRow label="志愿者编号" value={profile.volunteerNumber} />
      <View className="gz-row" {...a11y({ label: `累计服务时长：${formatHours(profile.confirmedHours)}` })}>
        <View className="gz-muted">累计服务时长</View>
        <View className="gz-big-number">{formatHours(profile.confirmedHours)}</View>
      </View>
      <View className="gz-row" {...a11y({ label: `星级：${starsLabel(profile.stars)}` })}>
        <View className="gz-muted">星级</View>
        <View>
          <View className="gz-stars">{starMarks(profile.stars)}</View>
          <View>{starsLabel(profile.stars)}</View>
        </View>
      </View>
      <View
        className="gz-progress"
        {...a11y({ role: 'progressbar', label: `星级进度 ${percent}%` })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <View className="gz-progress-done" style={{ width: `${percent}%` }} />
      </View>
      <View {...a11y({ label: `星级进度：${sentence}` })}>{sentence}</View>
      {profile.skills.length ? <LabelledRow label="服务技能" value={skillNames(profile.skills)} /> : null}
      <LabelledRow
        label="服务评价"
        value={profile.ratingAverage === null ? '暂无评价' : `${profile.ratingAverage.toFixed(1)}分（${profile.ratingCount}次）`}
      />
    </View>
  );
}

