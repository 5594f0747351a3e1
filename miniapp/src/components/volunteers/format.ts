import { STAR_LEVELS, type ShiftView } from '@gongzhi/shared';
import { formatTime } from '../format';

type Progress = { current: number; next: { stars: number; hoursMissing: number; tenureMonthsMissing: number; needsNomination: boolean } | null };

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五'];

/** Stars as marks and words: the marks alone would be read out as five "black star"s. */
export function starsLabel(stars: number): string {
  if (stars <= 0) return '暂无星级';
  return `${CHINESE_DIGITS[stars] ?? stars}星志愿者`;
}

export function starMarks(stars: number): string {
  return '★'.repeat(stars) + '☆'.repeat(Math.max(0, 5 - stars));
}

/** Hours to one decimal at most (the ledger keeps halves by default). */
export function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)}小时`;
}

/** What is still missing for the next level, in words. */
export function progressSentence(progress: Progress): string {
  const next = progress.next;
  if (!next) return '已达到最高星级';
  const missing: string[] = [];
  if (next.hoursMissing > 0) missing.push(`服务时长${formatHours(next.hoursMissing)}`);
  if (next.tenureMonthsMissing > 0) missing.push(`注册满${next.tenureMonthsMissing}个月`);
  if (next.needsNomination) missing.push('获得推荐');
  const target = starsLabel(next.stars);
  return missing.length ? `距${target}还需：${missing.join('、')}` : `已满足${target}的条件，等待评定`;
}

/** Share of the hours threshold of the next level already served, 0–100. */
export function progressPercent(confirmedHours: number, progress: Progress): number {
  if (!progress.next) return 100;
  const level = STAR_LEVELS.find((l) => l.stars === progress.next!.stars);
  if (!level) return 100;
  return Math.max(0, Math.min(100, Math.floor((confirmedHours / level.hours) * 100)));
}

/** "2026-11-27 14:00–16:00", or with the end's date when the shift runs past midnight. */
export function shiftTimeRange(shift: Pick<ShiftView, 'startAt' | 'endAt'>): string {
  const start = formatTime(shift.startAt);
  const end = formatTime(shift.endAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start}–次日${end.slice(11)}`;
}

export function placesLeft(shift: Pick<ShiftView, 'capacity' | 'confirmed' | 'waitlisted'>): string {
  const free = shift.capacity - shift.confirmed;
  return free > 0 ? `剩余${free}个名额（共${shift.capacity}个）` : `名额已满，候补${shift.waitlisted}人`;
}
