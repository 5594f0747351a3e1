import { cstDate } from '@gongzhi/shared';
/** Today's date (YYYY-MM-DD) in China Standard Time, whatever the phone's zone. */
export function todayInChina(now: Date = new Date()): string {
  return cstDate(now);
}
