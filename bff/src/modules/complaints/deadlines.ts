import { COMPLAINT_RULES, type CategoryDeadlines, type DeadlineDuration, cstMonth } from '@gongzhi/shared';
import type { DeadlineName } from './complaint.model';

export interface DeadlineClock {
  deadlineFrom(start: Date, d: DeadlineDuration): Promise<Date>;
}

/** The deadlines of the named steps, all counted from `start` on the working calendar. */
export async function deadlinesFrom(
  clock: DeadlineClock,
  rules: CategoryDeadlines,
  start: Date,
  steps: DeadlineName[],
): Promise<Record<string, Date>> {
  const set: Record<string, Date> = {};
  for (const step of steps) set[`deadlines.${step}`] = await clock.deadlineFrom(start, rules[step]);
  return set;
}

/** A new round of handling (dispatch, redo): the unit's clocks start again and their overdue flags clear. */
export async function handlingRound(clock: DeadlineClock, rules: CategoryDeadlines, start: Date): Promise<Record<string, unknown>> {
  return {
    ...(await deadlinesFrom(clock, rules, start, ['sign', 'firstContact', 'resolve'])),
    'overdue.sign': false,
    'overdue.firstContact': false,
    'overdue.resolve': false,
  };
}

/** The assessment month (China Standard Time) a date falls in, as 'YYYY-MM'. */
export function assessmentPeriodOf(at: Date): string {
  return cstMonth(at);
}

/** How long a unit may appeal a rating or an assignment. */
export const APPEAL_WINDOW: DeadlineDuration = { amount: COMPLAINT_RULES.appealWindowWorkingDays, unit: 'working_days' };
