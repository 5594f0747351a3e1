import { SKILL_LABELS, SKILLS, type Skill } from '@gongzhi/shared';

export type { Skill };
export type WeekdayValue = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type DayPart = 'morning' | 'afternoon' | 'evening';

export const SKILL_CHOICES = SKILLS.map((value) => ({ value, label: SKILL_LABELS[value] }));

export const WEEKDAY_CHOICES: { value: WeekdayValue; label: string }[] = [
  { value: 'mon', label: '周一' },
  { value: 'tue', label: '周二' },
  { value: 'wed', label: '周三' },
  { value: 'thu', label: '周四' },
  { value: 'fri', label: '周五' },
  { value: 'sat', label: '周六' },
  { value: 'sun', label: '周日' },
];

export const DAY_PART_CHOICES: { value: DayPart; label: string }[] = [
  { value: 'morning', label: '上午' },
  { value: 'afternoon', label: '下午' },
  { value: 'evening', label: '晚上' },
];

export const skillNames = (skills: readonly Skill[]) => skills.map((s) => SKILL_LABELS[s]).join('、');
