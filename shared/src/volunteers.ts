import { z } from 'zod';
import { ObjectIdString } from './identity';
import { GeoPoint } from './complaints';
import { cstFields } from './time';

/** Volunteer service (志愿服务), PRODUCT.md §3. */

/**
 * Star levels by cumulative confirmed hours, with tenure since registration (national and Shenzhen
 * volunteer rules): ★ 100 h, ★★ 300 h (both 6 months), ★★★ 600 h, ★★★★ 1000 h (1 year),
 * ★★★★★ 1500 h (2 years and a nomination).
 */
export const STAR_LEVELS = [
  { stars: 1, hours: 100, tenureMonths: 6, nomination: false },
  { stars: 2, hours: 300, tenureMonths: 6, nomination: false },
  { stars: 3, hours: 600, tenureMonths: 12, nomination: false },
  { stars: 4, hours: 1000, tenureMonths: 12, nomination: false },
  { stars: 5, hours: 1500, tenureMonths: 24, nomination: true },
] as const;

/** Whole months from `from` to `to` (calendar months, China Standard Time days). */
export function monthsBetween(from: Date, to: Date): number {
  const a = cstFields(from);
  const b = cstFields(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

export function starLevel(input: { confirmedHours: number; registeredAt: Date; now: Date; nominated: boolean }): number {
  const tenure = monthsBetween(input.registeredAt, input.now);
  let level = 0;
  for (const l of STAR_LEVELS) {
    if (input.confirmedHours >= l.hours && tenure >= l.tenureMonths && (!l.nomination || input.nominated)) level = l.stars;
  }
  return level;
}

/** The next level and what is still missing, for the progress shown to a volunteer. */
export function starProgress(input: { confirmedHours: number; registeredAt: Date; now: Date; nominated: boolean }) {
  const current = starLevel(input);
  const next = STAR_LEVELS.find((l) => l.stars === current + 1);
  if (!next) return { current, next: null };
  return {
    current,
    next: {
      stars: next.stars,
      hoursMissing: Math.max(0, next.hours - input.confirmedHours),
      tenureMonthsMissing: Math.max(0, next.tenureMonths - monthsBetween(input.registeredAt, input.now)),
      needsNomination: next.nomination && !input.nominated,
    },
  };
}

/** Check-in opens this long before a shift starts (issue 4). */
export const CHECK_IN_OPENS_MINUTES = 30;
/** The organiser's QR code changes every this many seconds; a code stays valid for two periods. */
export const QR_PERIOD_SECONDS = 30;
/** Reported GPS accuracy counts toward the geofence up to this many metres. */
export const MAX_ACCURACY_ALLOWANCE_M = 100;

export const SKILLS = ['elderly_care', 'first_aid', 'tutoring', 'translation', 'photography', 'driving', 'it_support', 'cleanup', 'events'] as const;
export const Skill = z.enum(SKILLS);
export type Skill = z.infer<typeof Skill>;
export const SKILL_LABELS: Record<z.infer<typeof Skill>, string> = {
  elderly_care: '助老服务',
  first_aid: '应急救护',
  tutoring: '课业辅导',
  translation: '翻译',
  photography: '摄影',
  driving: '驾驶',
  it_support: '电脑维修',
  cleanup: '环境清洁',
  events: '活动组织',
};

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const RegisterVolunteerBody = z.strictObject({
  skills: z.array(Skill).max(SKILLS.length).default([]),
  availability: z.array(z.strictObject({ day: Weekday, part: z.enum(['morning', 'afternoon', 'evening']) })).max(21).default([]),
  /** required for volunteers aged 14–17 (PIPL art. 31; volunteer rules) */
  guardianConsent: z
    .strictObject({
      guardianName: z.string().trim().min(2).max(20),
      relation: z.enum(['father', 'mother', 'guardian']),
      agreed: z.literal(true),
    })
    .optional(),
});
export type RegisterVolunteerBody = z.infer<typeof RegisterVolunteerBody>;

export const VolunteerProfileView = z.object({
  volunteerNumber: z.string(),
  skills: z.array(Skill),
  registeredAt: z.string(),
  minor: z.boolean(),
  confirmedHours: z.number(),
  stars: z.number(),
  progress: z.object({
    current: z.number(),
    next: z
      .object({ stars: z.number(), hoursMissing: z.number(), tenureMonthsMissing: z.number(), needsNomination: z.boolean() })
      .nullable(),
  }),
  ratingAverage: z.number().nullable(),
  ratingCount: z.number(),
});

export const CreateTeamBody = z.strictObject({
  communityId: ObjectIdString,
  name: z.string().trim().min(2).max(40),
  leaderUserIds: z.array(ObjectIdString).max(10).default([]),
});

export const CreateProjectBody = z.strictObject({
  communityId: ObjectIdString,
  teamId: ObjectIdString.optional(),
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().min(2).max(2000),
});

export const CreateShiftBody = z.strictObject({
  place: z.strictObject({ point: GeoPoint, address: z.string().trim().min(2).max(200), radiusM: z.number().int().min(20).max(2000) }),
  startAt: z.iso.datetime({ offset: true }),
  endAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(500),
  requiredSkills: z.array(Skill).max(SKILLS.length).default([]),
  minStars: z.number().int().min(0).max(5).default(0),
  signupDeadline: z.iso.datetime({ offset: true }),
  /** cancelling after this is recorded as a no-show */
  cancelCutoff: z.iso.datetime({ offset: true }),
});
export type CreateShiftBody = z.infer<typeof CreateShiftBody>;

export const SignupStatus = z.enum(['confirmed', 'waitlisted', 'cancelled', 'no_show', 'attended']);
export const SIGNUP_STATUS_LABELS: Record<z.infer<typeof SignupStatus>, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  no_show: '未到岗',
  attended: '已服务',
};

export const ShiftView = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  /** 服务内容: what the volunteers will do, as the organiser wrote it ('' on shifts published before it was shown) */
  description: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  place: z.object({ point: z.object({ lat: z.number(), lng: z.number() }), address: z.string(), radiusM: z.number() }),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  requiredSkills: z.array(Skill),
  minStars: z.number(),
  signupDeadline: z.string(),
  cancelCutoff: z.string(),
  /** the caller's own sign-up, if any */
  mySignup: z.object({ status: SignupStatus, waitlistPosition: z.number().nullable() }).nullable(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ShiftListQuery = z.strictObject({
  from: z.iso.date().optional(),
  communityId: ObjectIdString.optional(),
  skill: Skill.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** What the volunteer's phone sends after scanning the organiser's code. */
export const AttendanceBody = z.strictObject({
  token: z.string().min(10).max(512),
  position: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracyM: z.number().min(0).max(5000) }),
});

export const ConfirmHoursBody = z.strictObject({
  /** omit to confirm the computed hours; give with a reason to adjust */
  hours: z.number().min(0).max(24).optional(),
  reason: z.string().trim().min(2).max(200).optional(),
});

export const RateVolunteerBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(200).optional(),
});

export const TeamView = z.object({ id: z.string(), communityId: z.string(), name: z.string(), leaderUserIds: z.array(z.string()) });

export const ProjectView = z.object({
  id: z.string(),
  communityId: z.string(),
  teamId: z.string().nullable(),
  title: z.string(),
  description: z.string(),
});

/** One line of an organiser's roster: confirmed by seat, then the waitlist in order. */
export const RosterEntryView = z.object({
  signupId: z.string(),
  userId: z.string(),
  volunteerNumber: z.string(),
  /** masked (张*三): enough to call the roll with the volunteer number */
  name: z.string(),
  status: SignupStatus,
  seat: z.number().nullable(),
  waitlistPosition: z.number().nullable(),
});
export const ShiftRosterView = z.object({ shift: ShiftView, items: z.array(RosterEntryView) });

/** A volunteer number as issued (GZV + year + 6 digits); anything else names nobody. */
export const VolunteerNumber = z.string().trim().regex(/^GZV\d{10}$/, '志愿者编号格式为 GZV 加 10 位数字');

export const TeamListQuery = z.strictObject({ communityId: ObjectIdString });

export const AppointLeaderBody = z.strictObject({ volunteerNumber: VolunteerNumber });
export type AppointLeaderBody = z.infer<typeof AppointLeaderBody>;

/**
 * A leader as staff see them: the volunteer number and a masked name (null number: not a registered
 * volunteer, e.g. named by user id when the team was created). `id` is the leader's user id, which
 * every leader has: it is what 移除队长 sends.
 */
export const TeamLeaderView = z.object({ id: z.string(), volunteerNumber: z.string().nullable(), name: z.string() });

export const TeamSummaryView = z.object({ id: z.string(), communityId: z.string(), name: z.string(), leaders: z.array(TeamLeaderView) });
export type TeamSummaryView = z.infer<typeof TeamSummaryView>;

/** A team the caller leads, with the projects whose shifts they run. */
export const LedTeamView = z.object({ id: z.string(), communityId: z.string(), name: z.string(), projects: z.array(ProjectView) });
export type LedTeamView = z.infer<typeof LedTeamView>;
