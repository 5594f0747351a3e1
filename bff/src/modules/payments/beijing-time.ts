const BEIJING_OFFSET_MS = 8 * 3600_000;

/** WeChat Pay writes times as RFC 3339 in Beijing time: 2024-05-01T12:00:00+08:00. */
export function beijingRfc3339(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The Beijing calendar day of an instant, as bills are dated (YYYY-MM-DD). */
export function beijingDate(ms: number): string {
  return beijingRfc3339(ms).slice(0, 10);
}
