import type { z } from 'zod';
import type {
  AttendanceBody,
  CertificateIssuerBody,
  CertificateIssuerView,
  CertificateView,
  ConfirmHoursBody,
  CreateProjectBody,
  CreateShiftBody,
  PresenceEntryView,
  PresenceListView,
  ProjectView,
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

const shiftPath = (id: string) => `/volunteer-shifts/${encodeURIComponent(id)}`;

// Volunteer's calls
export function registerVolunteer(body: z.input<typeof RegisterVolunteerBody>): Promise<VolunteerProfile> {
  return api.request<VolunteerProfile>('POST', '/volunteers', { body });
}

export function getVolunteerProfile(): Promise<VolunteerProfile> {
  return api.request<VolunteerProfile>('GET', '/volunteers/me');
}

export function listShifts(filter: ShiftFilter, cursor?: string): Promise<Page<ShiftView>> {
  return api.request<Page<ShiftView>>('GET', '/volunteer-shifts', { query: { ...filter, cursor } });
}

export function listMyShifts(cursor?: string): Promise<Page<ShiftView>> {
  return api.request<Page<ShiftView>>('GET', '/volunteer-shifts/mine', { query: { cursor } });
}

export function getShift(id: string): Promise<ShiftView> {
  return api.request<ShiftView>('GET', shiftPath(id));
}

export function signUpForShift(id: string): Promise<unknown> {
  return api.request<unknown>('POST', `${shiftPath(id)}/signup`);
}

export function cancelSignup(id: string): Promise<unknown> {
  return api.request<unknown>('POST', `${shiftPath(id)}/cancel`);
}

export function checkIn(id: string, body: z.input<typeof AttendanceBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${shiftPath(id)}/check-in`, { body });
}

export function checkOut(id: string, body: z.input<typeof AttendanceBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${shiftPath(id)}/check-out`, { body });
}

export function rateShift(id: string, body: z.input<typeof RateVolunteerBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${shiftPath(id)}/rating`, { body });
}

export function issueCertificate(): Promise<Certificate> {
  return api.request<Certificate>('GET', '/volunteers/me/certificate');
}

// Organiser's calls
export function createProject(body: z.input<typeof CreateProjectBody>): Promise<z.infer<typeof ProjectView>> {
  return api.request<z.infer<typeof ProjectView>>('POST', '/volunteer-projects', { body });
}

export function createShift(projectId: string, body: z.input<typeof CreateShiftBody>): Promise<ShiftView> {
  return api.request<ShiftView>('POST', `/volunteer-projects/${encodeURIComponent(projectId)}/shifts`, { body });
}

export function getShiftQr(id: string, purpose: QrPurpose): Promise<ShiftQr> {
  return api.request<ShiftQr>('GET', `${shiftPath(id)}/qr`, { query: { purpose } });
}

export function getRoster(id: string): Promise<ShiftRoster> {
  return api.request<ShiftRoster>('GET', `${shiftPath(id)}/roster`);
}

/** Who came and when, computed and confirmed hours, ratings given: one line per sign-up with attendance. */
export function getPresence(id: string): Promise<z.infer<typeof PresenceListView>> {
  return api.request<z.infer<typeof PresenceListView>>('GET', `${shiftPath(id)}/attendance`);
}

const attendancePath = (id: string, signupId: string) => `${shiftPath(id)}/attendance/${encodeURIComponent(signupId)}`;

export function confirmHours(id: string, signupId: string, body: z.input<typeof ConfirmHoursBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${attendancePath(id, signupId)}/confirm`, { body });
}

/** After confirmation the ledger only takes corrections: a new entry that references the old one. */
export function correctHours(id: string, signupId: string, body: z.input<typeof ConfirmHoursBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${attendancePath(id, signupId)}/corrections`, { body });
}

export function rateVolunteer(id: string, signupId: string, body: z.input<typeof RateVolunteerBody>): Promise<unknown> {
  return api.request<unknown>('POST', `${attendancePath(id, signupId)}/rating`, { body });
}

const issuerPath = (communityId: string) => `/volunteer-certificate-issuers/${encodeURIComponent(communityId)}`;

/** The person in charge and contact printed on the community's certificates (community staff). */
export function getCertificateIssuer(communityId: string): Promise<CertificateIssuer> {
  return api.request<CertificateIssuer>('GET', issuerPath(communityId));
}

export function setCertificateIssuer(communityId: string, body: z.input<typeof CertificateIssuerBody>): Promise<CertificateIssuer> {
  return api.request<CertificateIssuer>('PUT', issuerPath(communityId), { body });
}
