import { z } from 'zod';
import { defineRoute } from './contract';
import { CalendarYearBody, CalendarYearView } from './calendar';

const YearParams = z.object({ year: z.string().regex(/^\d{4}$/, '年份须为四位数字').transform(Number) });

/** The admin keeps the working calendar, one year at a time. */
export const calendarApi = {
  year: defineRoute({
    method: 'GET', path: '/admin/calendar/:year', summary: '查看某年的工作日历（管理员）', access: ['admin'], params: YearParams, response: CalendarYearView,
  }),
  setYear: defineRoute({
    method: 'PUT', path: '/admin/calendar/:year', summary: '设置某年的放假日与调休上班日（管理员）', access: ['admin'],
    params: YearParams, body: CalendarYearBody, response: CalendarYearView,
  }),
};
