import type { Connection } from 'mongoose';
import {
  addDuration,
  isWorkingDay,
  type CalendarYearBody,
  type CalendarYearView,
  type DeadlineDuration,
  type WorkCalendar,
} from '@gongzhi/shared';
import { recordAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { CalendarYears } from './calendar.model';

/**
 * How long a process trusts its merged calendar. Every deadline computation reads it, and it changes
 * a few times a year; an edit reaches other processes within this time (the editing one at once).
 * Measured on the real clock: it is a cache lifetime, not a business time.
 */
const CACHE_MS = 60_000;
const cache = new WeakMap<Connection, { calendar: WorkCalendar; loadedAt: number }>();

export function createCalendarService({ conn }: Pick<AppDeps, 'conn'>) {
  const years = CalendarYears(conn);

  /** Every year's days merged into one calendar. */
  async function getCalendar(): Promise<WorkCalendar> {
    const hit = cache.get(conn);
    if (hit && Date.now() - hit.loadedAt < CACHE_MS) return hit.calendar;
    const docs = await years.find({}).sort({ year: 1 }).lean();
    const calendar: WorkCalendar = { holidays: docs.flatMap((d) => d.holidays ?? []), workdays: docs.flatMap((d) => d.workdays ?? []) };
    cache.set(conn, { calendar, loadedAt: Date.now() });
    return calendar;
  }

  async function deadlineFrom(start: Date, d: DeadlineDuration): Promise<Date> {
    return addDuration(start, d, await getCalendar());
  }

  async function getYear(year: number): Promise<CalendarYearView> {
    const doc = await years.findOne({ year: checkedYear(year) }).lean();
    return {
      year,
      holidays: doc?.holidays ?? [],
      workdays: doc?.workdays ?? [],
      updatedAt: doc ? doc.updatedAt.toISOString() : null,
    };
  }

  /** Replaces a year's days; `by` is the admin's id (or 'seed'). */
  async function setYear(year: number, body: CalendarYearBody, by: string, requestId?: string): Promise<CalendarYearView> {
    const { holidays, workdays } = checkedDays(checkedYear(year), body);
    const doc = await years
      .findOneAndUpdate(
        { year },
        { $set: { holidays, workdays, updatedAt: now(), updatedBy: by }, $setOnInsert: { year } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    cache.delete(conn);
    await recordAudit(conn, {
      actorId: by,
      action: 'calendar.updated',
      subjectType: 'calendar',
      subjectId: String(year),
      requestId,
      details: { holidays: holidays.length, workdays: workdays.length },
    });
    return { year, holidays, workdays, updatedAt: doc!.updatedAt.toISOString() };
  }

  return { getCalendar, deadlineFrom, getYear, setYear };
}

export type CalendarService = ReturnType<typeof createCalendarService>;

function checkedYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new AppError('VALIDATION_FAILED', 400, [{ path: 'params.year', message: '年份应为2000至2100之间的整数' }]);
  }
  return year;
}

/** Real dates of that year, each listed once; no day both off and on; make-up days only on weekends. */
function checkedDays(year: number, body: CalendarYearBody): CalendarYearBody {
  const problems: Array<{ path: string; message: string }> = [];
  const check = (field: 'holidays' | 'workdays') => {
    body[field].forEach((ymd, i) => {
      const path = `body.${field}.${i}`;
      if (!isRealDate(ymd)) problems.push({ path, message: `${ymd} 不是有效日期` });
      else if (!ymd.startsWith(`${year}-`)) problems.push({ path, message: `${ymd} 不属于${year}年` });
    });
    return [...new Set(body[field])].sort();
  };
  const holidays = check('holidays');
  const workdays = check('workdays');
  for (const d of workdays) {
    if (holidays.includes(d)) problems.push({ path: 'body.workdays', message: `${d} 不能既是放假日又是调休上班日` });
    else if (isRealDate(d) && isWorkingDay(d, { holidays: [], workdays: [] })) {
      problems.push({ path: 'body.workdays', message: `${d} 是工作日，调休上班日应在周末` });
    }
  }
  if (problems.length) throw new AppError('CALENDAR_INVALID', 400, problems);
  return { holidays, workdays };
}

function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}
