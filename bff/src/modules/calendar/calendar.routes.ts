import { CalendarYearBody, CalendarYearView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { CalendarService } from './calendar.service';

/** The admin keeps the working calendar, one year at a time. */
export function calendarRoutes(guards: Guards, calendar: CalendarService): ApiRouter {
  const year = (params: Record<string, string>) => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : NaN);
  return new ApiRouter('/api/v1/admin/calendar')
    .route(
      { method: 'get', path: '/:year', summary: '查看某年的工作日历（管理员）', response: CalendarYearView, guard: guards.requireRole('admin') },
      (ctx) => calendar.getYear(year(ctx.params ?? {})),
    )
    .route(
      {
        method: 'put',
        path: '/:year',
        summary: '设置某年的放假日与调休上班日（管理员）',
        body: CalendarYearBody,
        response: CalendarYearView,
        guard: guards.requireRole('admin'),
      },
      (ctx, { body }) => calendar.setYear(year(ctx.params ?? {}), body, ctx.state.user!._id.toString(), ctx.state.requestId),
    );
}
