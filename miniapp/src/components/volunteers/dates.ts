/** Today's date (YYYY-MM-DD) in China Standard Time, whatever the phone's zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
