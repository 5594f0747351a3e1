/**
 * China Standard Time (UTC+8, no daylight saving), the time every resident and office reads, whatever
 * the zone of the server or the phone. The one place that knows the offset: dates, months, minutes
 * and years for people, and instants written with their offset.
 */
export const CST_OFFSET_MS = 8 * 3600_000;

/** The instant moved so that its UTC fields (getUTCFullYear, getUTCHours, …) read China time. */
export function cstFields(at: Date | number): Date {
  return new Date(+at + CST_OFFSET_MS);
}

/** The calendar day in China, YYYY-MM-DD. */
export function cstDate(at: Date | number): string {
  return cstFields(at).toISOString().slice(0, 10);
}

/** The month in China, YYYY-MM (the assessment's period). */
export function cstMonth(at: Date | number): string {
  return cstFields(at).toISOString().slice(0, 7);
}

/** Date and minute in China, `YYYY-MM-DD HH:mm`, as people read a time. */
export function cstMinute(at: Date | number): string {
  return cstFields(at).toISOString().slice(0, 16).replace('T', ' ');
}

/** The year in China (a new year's numbering starts at Beijing midnight). */
export function cstYear(at: Date | number): number {
  return cstFields(at).getUTCFullYear();
}

/** The instant written in China time with its offset: `YYYY-MM-DDTHH:mm:ss+08:00`. */
export function cstIso(at: Date | number): string {
  return `${cstFields(at).toISOString().slice(0, 19)}+08:00`;
}

/** The instant a China date (and time of day, HH:mm) names. */
export function fromCst(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}
