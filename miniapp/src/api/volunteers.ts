import type { z } from 'zod';
import { organisationApi, shiftApi, volunteerApi, type RouteOutput } from '@gongzhi/shared';
import type {
  AttendanceBody,
  CertificateIssuerBody,
  CertificateIssuerView,
  CertificateView,
  ConfirmHoursBody,
  CreateProjectBody,
  CreateShiftBody,
  PresenceEntryView,
  QrCodeView,
  QrPurpose as QrPurposeEnum,
  RateVolunteerBody,
  RegisterVolunteerBody,
  RosterEntryView,
  ShiftListQuery,
  ShiftRosterView,
  ShiftView,
  VolunteerProfileView,
} from '@gongzhi/shared';
import { api } from './index';
import type { Page } from './reference';

export type VolunteerProfile = z.infer<typeof VolunteerProfileView>;
export type ShiftFilter = Omit<z.input<typeof ShiftListQuery>, 'cursor' | 'limit'>;
export type QrPurpose = z.infer<typeof QrPurposeEnum>;

export type ShiftQr = z.infer<typeof QrCodeView>;
export type ShiftRoster = z.infer<typeof ShiftRosterView>;
export type RosterEntry = z.infer<typeof RosterEntryView>;
export type PresenceEntry = z.infer<typeof PresenceEntryView>;
export type Certificate = z.infer<typeof CertificateView>;
export type CertificateIssuer = z.infer<typeof CertificateIssuerView>;

// Volunteer's calls
export function registerVolunteer(body: z.input<typeof RegisterVolunteerBody>): Promise<VolunteerProfile> {
  return api.call(volunteerApi.register, { body });
}

export function getVolunteerProfile(): Promise<VolunteerProfile> {
  return api.call(volunteerApi.profile);
}

export function listShifts(filter: ShiftFilter, cursor?: string): Promise<Page<ShiftView>> {
  return api.call(shiftApi.list, { query: { ...filter, cursor } });
}

export function listMyShifts(cursor?: string): Promise<Page<ShiftView>> {
  return api.call(shiftApi.mine, { query: { cursor } });
}

export function getShift(id: string): Promise<ShiftView> {
  return api.call(shiftApi.detail, { params: { id } });
}

export function signUpForShift(id: string): Promise<ShiftView> {
  return api.call(shiftApi.signUp, { params: { id } });
}

export function cancelSignup(id: string): Promise<ShiftView> {
  return api.call(shiftApi.cancel, { params: { id } });
}

export function checkIn(id: string, body: z.input<typeof AttendanceBody>): Promise<RouteOutput<typeof shiftApi.checkIn>> {
  return api.call(shiftApi.checkIn, { params: { id }, body });
}

export function checkOut(id: string, body: z.input<typeof AttendanceBody>): Promise<RouteOutput<typeof shiftApi.checkOut>> {
  return api.call(shiftApi.checkOut, { params: { id }, body });
}

export function rateShift(id: string, body: z.input<typeof RateVolunteerBody>): Promise<RouteOutput<typeof shiftApi.rateShift>> {
  return api.call(shiftApi.rateShift, { params: { id }, body });
}

export function issueCertificate(): Promise<Certificate> {
  return api.call(volunteerApi.certificate);
}

// Organiser's calls
export function createProject(body: z.input<typeof CreateProjectBody>): Promise<RouteOutput<typeof organisationApi.createProject>> {
  return api.call(organisationApi.createProject, { body });
}

export function createShift(projectId: string, body: z.input<typeof CreateShiftBody>): Promise<ShiftView> {
  return api.call(organisationApi.publishShift, { params: { id: projectId }, body });
}

export function getShiftQr(id: string, purpose: QrPurpose): Promise<ShiftQr> {
  return api.call(shiftApi.qr, { params: { id }, query: { purpose } });
}

export function getRoster(id: string): Promise<ShiftRoster> {
  return api.call(shiftApi.roster, { params: { id } });
}

/** Who came and when, computed and confirmed hours, ratings given: one line per sign-up with attendance. */
export function getPresence(id: string): Promise<RouteOutput<typeof shiftApi.attendance>> {
  return api.call(shiftApi.attendance, { params: { id } });
}

export function confirmHours(id: string, signupId: string, body: z.input<typeof ConfirmHoursBody>): Promise<RouteOutput<typeof shiftApi.confirmHours>> {
  return api.call(shiftApi.confirmHours, { params: { id, signupId }, body });
}

/** After confirmation the ledger only takes corrections: a new entry that references the old one. */
export function correctHours(id: string, signupId: string, body: z.input<typeof ConfirmHoursBody>): Promise<RouteOutput<typeof shiftApi.correctHours>> {
  return api.call(shiftApi.correctHours, { params: { id, signupId }, body });
}

export function rateVolunteer(id: string, signupId: string, body: z.input<typeof RateVolunteerBody>): Promise<RouteOutput<typeof shiftApi.rateVolunteer>> {
  return api.call(shiftApi.rateVolunteer, { params: { id, signupId }, body });
}

/** The person in charge and contact printed on the community's certificates (community staff). */
export function getCertificateIssuer(communityId: string): Promise<CertificateIssuer> {
  return api.call(volunteerApi.certificateIssuer, { params: { communityId } });
}

export function setCertificateIssuer(communityId: string, body: z.input<typeof CertificateIssuerBody>): Promise<CertificateIssuer> {
  return api.call(volunteerApi.setCertificateIssuer, { params: { communityId }, body });
}
