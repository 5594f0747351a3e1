import { z } from 'zod';
import { CursorQuery, pageOf } from './reference';
import { defineRoute } from './contract';
import { IdParam, IdParams } from './route-params';
import {
  AttendanceView, CertificateIssuerBody, CertificateIssuerView, CertificateVerificationView, CertificateView, ConfirmHoursResult, MyHoursView,
  PresenceListView, QrCodeQuery, QrCodeView, RatingView, ShiftRatingSummaryView, StarHistoryView,
} from './volunteer-records';
import {
  AppointLeaderBody, AttendanceBody, ConfirmHoursBody, CreateProjectBody, CreateShiftBody, CreateTeamBody, LedTeamView, ProjectView, RateVolunteerBody,
  RegisterVolunteerBody, ShiftListQuery, ShiftRosterView, ShiftView, TeamListQuery, TeamSummaryView, TeamView, VolunteerProfileView,
} from './volunteers';

const shift = { params: IdParams, notFound: 'SHIFT_NOT_FOUND' } as const;
const signup = { params: z.object({ id: IdParam, signupId: IdParam }), notFound: { id: 'SHIFT_NOT_FOUND', signupId: 'NOT_FOUND' } } as const;
const community = { params: z.object({ communityId: IdParam }), notFound: 'NOT_FOUND' } as const;

/** Registering as a volunteer and one's own record: profile, hours, stars, ratings, certificate. */
export const volunteerApi = {
  register: defineRoute({
    method: 'POST', path: '/volunteers', summary: '注册志愿者（需实名；14–17岁需监护人同意）', access: 'user',
    body: RegisterVolunteerBody, response: VolunteerProfileView, status: 201,
  }),
  profile: defineRoute({ method: 'GET', path: '/volunteers/me', summary: '我的志愿者档案（时长、星级）', access: 'user', response: VolunteerProfileView }),
  myHours: defineRoute({ method: 'GET', path: '/volunteers/me/hours', summary: '我的服务时长记录', access: 'user', response: MyHoursView }),
  myStars: defineRoute({ method: 'GET', path: '/volunteers/me/stars', summary: '我的星级记录', access: 'user', response: StarHistoryView }),
  myRating: defineRoute({ method: 'GET', path: '/volunteers/me/rating', summary: '我获得的评价', access: 'user', response: ShiftRatingSummaryView }),
  certificate: defineRoute({ method: 'GET', path: '/volunteers/me/certificate', summary: '开具志愿服务证明', access: 'user', response: CertificateView }),
  verifyCertificate: defineRoute({
    method: 'GET', path: '/volunteer-certificates/:number', summary: '核验志愿服务证明（公开，仅姓名脱敏与累计时长；每个客户端每分钟限20次）',
    access: 'public', params: z.object({ number: z.string().regex(/^GZC\d{16}$/) }), notFound: 'CERTIFICATE_NOT_FOUND',
    response: CertificateVerificationView,
  }),
  certificateIssuer: defineRoute({
    method: 'GET', path: '/volunteer-certificate-issuers/:communityId', summary: '本社区志愿服务证明的负责人与联系方式（社区工作人员）',
    access: 'user', ...community, response: CertificateIssuerView,
  }),
  setCertificateIssuer: defineRoute({
    method: 'PUT', path: '/volunteer-certificate-issuers/:communityId', summary: '设置本社区志愿服务证明的负责人与联系方式（社区工作人员）',
    access: 'user', ...community, body: CertificateIssuerBody, response: CertificateIssuerView,
  }),
};

/** Teams, their leaders, projects and publishing shifts. Who may is decided per team and community by the service. */
export const organisationApi = {
  createTeam: defineRoute({
    method: 'POST', path: '/volunteer-teams', summary: '创建志愿服务队（社区工作人员）', access: 'user', body: CreateTeamBody, response: TeamView, status: 201,
  }),
  teams: defineRoute({
    method: 'GET', path: '/volunteer-teams', summary: '本社区的志愿服务队（社区工作人员）', access: 'user',
    query: TeamListQuery, response: z.object({ items: z.array(TeamSummaryView) }),
  }),
  teamsILead: defineRoute({
    method: 'GET', path: '/volunteer-teams/mine', summary: '我带领的服务队及其项目', access: 'user', response: z.object({ items: z.array(LedTeamView) }),
  }),
  appointLeader: defineRoute({
    method: 'POST', path: '/volunteer-teams/:id/leaders', summary: '按志愿者编号任命队长（社区工作人员）', access: 'user',
    params: IdParams, notFound: 'NOT_FOUND', body: AppointLeaderBody, response: TeamSummaryView,
  }),
  removeLeader: defineRoute({
    method: 'DELETE', path: '/volunteer-teams/:id/leaders/:leaderId', summary: '移除队长：按用户编号或志愿者编号（社区工作人员）', access: 'user',
    params: z.object({ id: IdParam, leaderId: z.string().min(1).max(40) }), notFound: 'NOT_FOUND', response: TeamSummaryView,
  }),
  createProject: defineRoute({
    method: 'POST', path: '/volunteer-projects', summary: '创建志愿服务项目（社区工作人员；队长可为本队创建）', access: 'user',
    body: CreateProjectBody, response: ProjectView, status: 201,
  }),
  publishShift: defineRoute({
    method: 'POST', path: '/volunteer-projects/:id/shifts', summary: '发布班次（社区工作人员、服务队队长）', access: 'user',
    params: IdParams, notFound: 'NOT_FOUND', body: CreateShiftBody, response: ShiftView, status: 201,
  }),
};

/** Shifts: finding, signing up and cancelling, the roster, attendance, hours and ratings. `/mine` comes before `/:id`. */
export const shiftApi = {
  list: defineRoute({
    method: 'GET', path: '/volunteer-shifts', summary: '浏览班次（日期、社区、技能）', access: 'user', query: ShiftListQuery, response: pageOf(ShiftView),
  }),
  mine: defineRoute({ method: 'GET', path: '/volunteer-shifts/mine', summary: '我报名的班次', access: 'user', query: CursorQuery, response: pageOf(ShiftView) }),
  detail: defineRoute({ method: 'GET', path: '/volunteer-shifts/:id', summary: '班次详情', access: 'user', ...shift, response: ShiftView }),
  signUp: defineRoute({ method: 'POST', path: '/volunteer-shifts/:id/signup', summary: '报名（满员则候补）', access: 'user', ...shift, response: ShiftView }),
  cancel: defineRoute({ method: 'POST', path: '/volunteer-shifts/:id/cancel', summary: '取消报名（截止后记为未到岗）', access: 'user', ...shift, response: ShiftView }),
  roster: defineRoute({ method: 'GET', path: '/volunteer-shifts/:id/roster', summary: '报名名单（组织者）', access: 'user', ...shift, response: ShiftRosterView }),
  qr: defineRoute({
    method: 'GET', path: '/volunteer-shifts/:id/qr', summary: '签到/签退码（组织者，定时更换）', access: 'user', ...shift, query: QrCodeQuery, response: QrCodeView,
  }),
  checkIn: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/check-in', summary: '扫码签到（校验签到码与位置）', access: 'user', ...shift, body: AttendanceBody, response: AttendanceView,
  }),
  checkOut: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/check-out', summary: '扫码签退', access: 'user', ...shift, body: AttendanceBody, response: AttendanceView,
  }),
  attendance: defineRoute({
    method: 'GET', path: '/volunteer-shifts/:id/attendance', summary: '到岗情况与时长（组织者）', access: 'user', ...shift, response: PresenceListView,
  }),
  confirmHours: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/attendance/:signupId/confirm', summary: '确认服务时长（调整需填原因）', access: 'user',
    ...signup, body: ConfirmHoursBody, response: ConfirmHoursResult, status: 201,
  }),
  correctHours: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/attendance/:signupId/corrections', summary: '更正已确认的时长（追加一条更正记录）', access: 'user',
    ...signup, body: ConfirmHoursBody, response: ConfirmHoursResult, status: 201,
  }),
  rateVolunteer: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/attendance/:signupId/rating', summary: '评价志愿者（组织者）', access: 'user',
    ...signup, body: RateVolunteerBody, response: RatingView, status: 201,
  }),
  rateShift: defineRoute({
    method: 'POST', path: '/volunteer-shifts/:id/rating', summary: '评价本次服务（志愿者）', access: 'user', ...shift, body: RateVolunteerBody, response: RatingView, status: 201,
  }),
  ratings: defineRoute({
    method: 'GET', path: '/volunteer-shifts/:id/ratings', summary: '本班次的志愿者评价（组织者）', access: 'user', ...shift, response: ShiftRatingSummaryView,
  }),
};
