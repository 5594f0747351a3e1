import { AttendanceBody, AttendanceView, PresenceListView, QrCodeQuery, QrCodeView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { AttendanceService } from './attendance.service';
import type { HoursService } from '../hours/hours.service';
import { objectIdOf } from '../organisation/organiser-access';

/** On site: the organiser's rotating code and presence list; the volunteer's check-in and check-out. */
export function attendanceRoutes(guards: Guards, attendance: AttendanceService, hours: HoursService): ApiRouter {
  const guard = guards.requireUser;
  const shiftId = (ctx: { params?: Record<string, string> }) => objectIdOf(ctx.params?.id, 'SHIFT_NOT_FOUND');
  return new ApiRouter('/api/v1')
    .route({ method: 'get', path: '/volunteer-shifts/:id/qr', summary: '签到/签退码（组织者，定时更换）', query: QrCodeQuery, response: QrCodeView, guard }, (ctx, { query }) =>
      attendance.showQrCode(ctx.state.user!, shiftId(ctx), query.purpose),
    )
    .route({ method: 'post', path: '/volunteer-shifts/:id/check-in', summary: '扫码签到（校验签到码与位置）', body: AttendanceBody, response: AttendanceView, guard }, (ctx, { body }) =>
      attendance.checkIn(ctx.state.user!, shiftId(ctx), body),
    )
    .route({ method: 'post', path: '/volunteer-shifts/:id/check-out', summary: '扫码签退', body: AttendanceBody, response: AttendanceView, guard }, (ctx, { body }) =>
      attendance.checkOut(ctx.state.user!, shiftId(ctx), body),
    )
    .route({ method: 'get', path: '/volunteer-shifts/:id/attendance', summary: '到岗情况与时长（组织者）', response: PresenceListView, guard }, (ctx) =>
      hours.presenceList(ctx.state.user!, shiftId(ctx)),
    );
}
