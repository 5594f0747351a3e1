import { cstMinute, cstMonth } from '@gongzhi/shared';
/** Times as residents read them, in China Standard Time whatever the phone's zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return cstMinute(date);
}

/** The current month (YYYY-MM) in China Standard Time. */
export function currentPeriod(now: Date = new Date()): string {
  return cstMonth(now);
}

export function shiftPeriod(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
