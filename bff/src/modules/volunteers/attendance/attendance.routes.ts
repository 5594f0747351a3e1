import { shiftApi as api } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { AttendanceService } from './attendance.service';
import type { HoursService } from '../hours/hours.service';

/** On site: the organiser's rotating code and presence list; the volunteer's check-in and check-out. */
export function attendanceRoutes(guards: Guards, attendance: AttendanceService, hours: HoursService): ApiRouter {
  const shiftId = (params: { id: string }) => new Types.ObjectId(params.id);
  return new ApiRouter(guards)
    .mount(api.qr, (ctx, { params, query }) => attendance.showQrCode(ctx.state.user!, shiftId(params), query.purpose))
    .mount(api.checkIn, (ctx, { params, body }) => attendance.checkIn(ctx.state.user!, shiftId(params), body))
    .mount(api.checkOut, (ctx, { params, body }) => attendance.checkOut(ctx.state.user!, shiftId(params), body))
    .mount(api.attendance, (ctx, { params }) => hours.presenceList(ctx.state.user!, shiftId(params)));
}
