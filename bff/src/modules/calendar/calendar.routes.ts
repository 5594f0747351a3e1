import { calendarApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { CalendarService } from './calendar.service';

/** The admin keeps the working calendar, one year at a time. */
export function calendarRoutes(guards: Guards, calendar: CalendarService): ApiRouter {
  return new ApiRouter(guards)
    .mount(calendarApi.year, (_ctx, { params }) => calendar.getYear(params.year))
    .mount(calendarApi.setYear, (ctx, { params, body }) => calendar.setYear(params.year, body, ctx.state.user!._id.toString(), ctx.state.requestId));
}
