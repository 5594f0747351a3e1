import { z } from 'zod';
import type { DeadlineDuration } from './catalogue';
import { CST_OFFSET_MS, cstDate, cstFields } from './time';

/**
 * The street's working calendar and deadline arithmetic (PRODUCT.md §2 deadlines).
 *
 * All working time is China Standard Time (UTC+8, no daylight saving) whatever the machine's zone:
 * dates are shifted by +8 h and read with UTC getters, never with local-time getters.
 */
export interface WorkCalendar {
  /** YYYY-MM-DD, non-working even on a weekday (法定节假日 and the days moved next to them) */
  holidays: string[];
  /** make-up working days (调休) on weekends */
  workdays: string[];
}

/**
 * Office hours in China Standard Time. The lunch break is NOT subtracted: a working day counts
 * as 9 working hours (09:00–18:00), so "2 working hours" from 11:30 ends at 13:30. Street offices
 * keep a duty desk over lunch, and one simple rule is easier for staff to check by hand.
 */
export const WORKING_DAY = { start: '09:00', end: '18:00' } as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const DAY_START = minutesOf(WORKING_DAY.start) * MINUTE;
const DAY_END = minutesOf(WORKING_DAY.end) * MINUTE;
/** working hours in one working day */
export const WORKING_HOURS_PER_DAY = (DAY_END - DAY_START) / HOUR;

interface CalendarSets {
  holidays: Set<string>;
  workdays: Set<string>;
}
const setsCache = new WeakMap<WorkCalendar, CalendarSets>();
function setsOf(cal: WorkCalendar): CalendarSets {
  let sets = setsCache.get(cal);
  if (!sets) {
    sets = { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) };
    setsCache.set(cal, sets);
  }
  return sets;
}

/** Milliseconds of 00:00 CST of the given calendar day, as a UTC epoch. */
function cstMidnight(ymd: string): number {
  const m = YMD.exec(ymd);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CST_OFFSET_MS;
}


function dayOfMidnight(midnight: number): string {
  return cstDate(midnight);
}

function isWorkingDayAt(midnight: number, sets: CalendarSets): boolean {
  const ymd = dayOfMidnight(midnight);
  if (sets.holidays.has(ymd)) return false;
  if (sets.workdays.has(ymd)) return true;
  const weekday = cstFields(midnight).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A listed holiday is off, a listed make-up day is on, otherwise Monday–Friday are on. */
export function isWorkingDay(ymd: string, cal: WorkCalendar): boolean {
  return isWorkingDayAt(cstMidnight(ymd), setsOf(cal));
}

function nextWorkingMidnight(midnight: number, sets: CalendarSets): number {
  let m = midnight + DAY;
  // A finite holiday list always leaves a weekday ahead, so this ends.
  while (!isWorkingDayAt(m, sets)) m += DAY;
  return m;
}

/**
 * The deadline `d` after `start`.
 * - minutes, hours: calendar time, nights and holidays included (urgent dispatch runs round the clock).
 * - working_hours: only time inside 09:00–18:00 CST of working days counts; a start outside office
 *   hours begins counting at the next opening. A deadline that lands on closing time stays at 18:00.
 * - working_days: the end (18:00 CST) of the Nth working day after the start day, the start day
 *   itself not counted whatever the hour. Rule: 民法典 第二百零一条 (the day the period starts is not
 *   counted; counting begins the next day) and 第二百零三条 (when there are business hours, the
 *   period ends when business stops that day).
 */
export function addDuration(start: Date, d: DeadlineDuration, cal: WorkCalendar): Date {
  const t = start.getTime();
  switch (d.unit) {
    case 'minutes':
      return new Date(t + d.amount * MINUTE);
    case 'hours':
      return new Date(t + d.amount * HOUR);
    case 'working_days': {
      const sets = setsOf(cal);
      let midnight = cstMidnight(cstDate(start));
      for (let i = 0; i < d.amount; i++) midnight = nextWorkingMidnight(midnight, sets);
      return new Date(midnight + DAY_END);
    }
    case 'working_hours': {
      const sets = setsOf(cal);
      let remaining = d.amount * HOUR;
      let midnight = cstMidnight(cstDate(start));
      let cursor = t;
      if (!isWorkingDayAt(midnight, sets) || t >= midnight + DAY_END) {
        midnight = nextWorkingMidnight(midnight, sets);
        cursor = midnight + DAY_START;
      } else if (t < midnight + DAY_START) {
        cursor = midnight + DAY_START;
      }
      for (;;) {
        const left = midnight + DAY_END - cursor;
        if (remaining <= left) return new Date(cursor + remaining);
        remaining -= left;
        midnight = nextWorkingMidnight(midnight, sets);
        cursor = midnight + DAY_START;
      }
    }
  }
}

/** Working time (09:00–18:00 CST on working days) between two instants; 0 when b is not after a. */
export function workingTimeBetween(a: Date, b: Date, cal: WorkCalendar): { workingHours: number } {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return { workingHours: 0 };
  const sets = setsOf(cal);
  let total = 0;
  for (let midnight = cstMidnight(cstDate(a)); midnight < to; midnight += DAY) {
    if (!isWorkingDayAt(midnight, sets)) continue;
    const open = Math.max(from, midnight + DAY_START);
    const close = Math.min(to, midnight + DAY_END);
    if (close > open) total += close - open;
  }
  return { workingHours: total / HOUR };
}

/**
 * The State Council's 2026 arrangement: 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04,
 * published by Xinhua the same day. Seeded into the BFF; admins edit later years there.
 */
export const CALENDAR_2026: WorkCalendar = {
  holidays: [
    // 元旦 1月1日（周四）至3日（周六）
    '2026-01-01', '2026-01-02', '2026-01-03',
    // 春节 2月15日（腊月二十八、周日）至23日（正月初七、周一），共9天
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
    '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    // 清明节 4月4日（周六）至6日（周一）
    '2026-04-04', '2026-04-05', '2026-04-06',
    // 劳动节 5月1日（周五）至5日（周二）
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    // 端午节 6月19日（周五）至21日（周日）
    '2026-06-19', '2026-06-20', '2026-06-21',
    // 中秋节 9月25日（周五）至27日（周日）
    '2026-09-25', '2026-09-26', '2026-09-27',
    // 国庆节 10月1日（周四）至7日（周三）
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  // 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');

/** An admin sets one year's days off and make-up working days (PUT /admin/calendar/:year). */
export const CalendarYearBody = z.strictObject({
  holidays: z.array(CalendarDate).max(366),
  workdays: z.array(CalendarDate).max(366),
});
export type CalendarYearBody = z.infer<typeof CalendarYearBody>;

export const CalendarYearView = z.object({
  year: z.number(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  /** null until an admin (or the seed) has set the year */
  updatedAt: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;
