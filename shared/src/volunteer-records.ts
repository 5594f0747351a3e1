import { z } from 'zod';

/** Views of attendance, hours, stars, ratings and certificates (issue 4), beside volunteers.ts. */

export const QrPurpose = z.enum(['check_in', 'check_out']);

export const QrCodeQuery = z.strictObject({ purpose: QrPurpose.optional() });

/** The organiser's rotating code: show `token` as a QR image; fetch a new one before `expiresAt`. */
export const QrCodeView = z.object({ token: z.string(), expiresAt: z.string(), purpose: QrPurpose, periodSeconds: z.number() });

export const AttendanceView = z.object({
  signupId: z.string(),
  shiftId: z.string(),
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  /** closed at the shift's end by the sweep because the volunteer never checked out: the organiser should look */
  closedBySweep: z.boolean(),
  /** overlap of presence and shift, rounded by the configured rule (so far, while still on site) */
  computedHours: z.number(),
});
export type AttendanceView = z.infer<typeof AttendanceView>;

export const HoursEntryView = z.object({
  id: z.string(),
  signupId: z.string(),
  shiftId: z.string(),
  kind: z.enum(['confirmation', 'correction']),
  hours: z.number(),
  delta: z.number(),
  computedHours: z.number(),
  reason: z.string().nullable(),
  corrects: z.string().nullable(),
  at: z.string(),
});

/** One line of the organiser's presence list: who came, when, what the ledger says. */
export const PresenceEntryView = z.object({
  signupId: z.string(),
  userId: z.string(),
  attendance: AttendanceView.nullable(),
  confirmedHours: z.number().nullable(),
  entries: z.array(HoursEntryView),
  rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
});
export const PresenceListView = z.object({ items: z.array(PresenceEntryView) });

/** What confirming or correcting answers: the new entry and the volunteer's standing after it. */
export const ConfirmHoursResult = z.object({
  entry: HoursEntryView,
  volunteer: z.object({ confirmedHours: z.number(), stars: z.number() }),
});

export const StarHistoryView = z.object({
  items: z.array(z.object({ stars: z.number(), reachedAt: z.string(), confirmedHours: z.number() })),
});

export const MyHoursView = z.object({ confirmedHours: z.number(), items: z.array(HoursEntryView) });

export const RatingView = z.object({ score: z.number(), comment: z.string().nullable(), at: z.string() });

export const ShiftRatingSummaryView = z.object({ average: z.number().nullable(), count: z.number() });

/** The service certificate (志愿服务证明), fields per 《志愿服务记录与证明出具办法》. */
export const CertificateView = z.object({
  number: z.string(),
  issuedAt: z.string(),
  issuer: z.string(),
  personInCharge: z.string(),
  contact: z.string(),
  volunteer: z.object({ name: z.string(), idType: z.string(), idNumber: z.string(), volunteerNumber: z.string() }),
  totals: z.object({ hours: z.number(), shifts: z.number() }),
  records: z.array(
    z.object({ activity: z.string(), content: z.string(), date: z.string(), place: z.string(), hours: z.number(), organiser: z.string(), confirmedBy: z.string() }),
  ),
  /** the certificate as an SVG image, `data:image/svg+xml;base64,…`, for <Image src> */
  image: z.string(),
  verifyPath: z.string(),
});

/** What anyone may learn from a certificate number: that it exists, whose (masked) and the totals. */
export const CertificateVerificationView = z.object({
  number: z.string(),
  issuedAt: z.string(),
  issuer: z.string(),
  name: z.string(),
  totals: z.object({ hours: z.number(), shifts: z.number() }),
});

/**
 * Who answers for a community's certificates, as its staff keep them (GET/PUT
 * /volunteer-certificate-issuers/:communityId). The mini-program checks the same rules before sending.
 */
export const CertificateIssuerBody = z.strictObject({
  personInCharge: z.string().trim().min(2, '请填写负责人姓名或职务（2至20字）').max(20, '请填写负责人姓名或职务（2至20字）'),
  // a mobile, a landline with its area code, or a service number such as 12345
  contact: z.string().trim().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\d{5,8})$/, '请填写手机号、带区号的座机号或服务热线'),
});
export type CertificateIssuerBody = z.infer<typeof CertificateIssuerBody>;

export const CertificateIssuerView = z.object({
  communityId: z.string(),
  personInCharge: z.string(),
  contact: z.string(),
  /** null while the community uses the defaults */
  updatedAt: z.string().nullable(),
});
export type CertificateIssuerView = z.infer<typeof CertificateIssuerView>;
