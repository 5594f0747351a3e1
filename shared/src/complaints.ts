import { z } from 'zod';
import { ObjectIdString, type Role } from './identity';
import { distanceMeters } from './geo';

/**
 * Citizen calls, street responds (市民呼叫、街社响应), PRODUCT.md §2.
 * A complaint (诉求) moves through these states; every move is an immutable event.
 */
export const COMPLAINT_STATES = [
  'submitted', // 已提交: waiting for the dispatch centre's admission check (事件准入)
  'accepted', // 已受理
  'rejected', // 不予受理 (with referral advice)
  'dispatched', // 已派单: waiting for the main unit to sign
  'returned', // 已退单: the unit sent it back to the dispatch centre with a reason
  'signed', // 已签收
  'in_progress', // 处理中: first contact with the resident made
  'resolved', // 已办结: waiting for the resident's rating (or a phone callback)
  'reopened', // 重办: the resident was unsatisfied and sent it back; the same unit handles it again
  'rated', // 已评价: open for the unit's appeal window
  'closed', // 已结案
] as const;
export const ComplaintState = z.enum(COMPLAINT_STATES);
export type ComplaintState = z.infer<typeof ComplaintState>;

export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  dispatched: '已派单',
  returned: '已退单',
  signed: '已签收',
  in_progress: '处理中',
  resolved: '已办结',
  reopened: '重办中',
  rated: '已评价',
  closed: '已结案',
};

/**
 * Who may move a complaint, from where, to where. Scope is checked on top of the role: a unit acts
 * only on its own tasks, a resident only on their own complaint. `system` is the BFF's deadline
 * sweep (it closes a rated complaint once the appeal window has passed). The BFF's action table
 * (bff/src/modules/complaints/complaint-actions.ts) adds each move's preconditions and the actions
 * that change flags only (supervise, appeal, ruleOnAppeal, follow) and keep the state.
 */
export const COMPLAINT_TRANSITIONS = {
  accept: { from: ['submitted'], to: 'accepted', roles: ['dispatcher'] },
  reject: { from: ['submitted'], to: 'rejected', roles: ['dispatcher'] },
  dispatch: { from: ['accepted', 'returned'], to: 'dispatched', roles: ['dispatcher'] },
  sign: { from: ['dispatched', 'reopened'], to: 'signed', roles: ['unit_staff', 'community_staff'] },
  return: { from: ['dispatched', 'reopened'], to: 'returned', roles: ['unit_staff', 'community_staff'] },
  recordContact: { from: ['signed'], to: 'in_progress', roles: ['unit_staff', 'community_staff'] },
  resolve: { from: ['in_progress'], to: 'resolved', roles: ['unit_staff', 'community_staff'] },
  rate: { from: ['resolved'], to: 'rated', roles: ['resident'] },
  sendBack: { from: ['resolved'], to: 'reopened', roles: ['resident'] },
  recordPhoneCallback: { from: ['resolved'], to: 'rated', roles: ['dispatcher'] },
  close: { from: ['rated'], to: 'closed', roles: ['dispatcher', 'system'] },
} as const satisfies Record<string, { from: readonly ComplaintState[]; to: ComplaintState; roles: readonly (Role | 'system')[] }>;
export type ComplaintAction = keyof typeof COMPLAINT_TRANSITIONS;

/** States in which the complaint is still being worked on: only these are offered as duplicates or can be followed. */
export const OPEN_COMPLAINT_STATES: readonly ComplaintState[] = ['submitted', 'accepted', 'dispatched', 'returned', 'signed', 'in_progress', 'reopened'];

export function canTransition(action: ComplaintAction, from: ComplaintState): boolean {
  return (COMPLAINT_TRANSITIONS[action].from as readonly ComplaintState[]).includes(from);
}

/** Rules with their sources (PRODUCT.md "Numbers the rules start from"). */
export const COMPLAINT_RULES = {
  maxPhotos: 9,
  maxPhotoBytes: 5 * 1024 * 1024,
  /** FixMyStreet practice: same category within 50 m and 7 days is offered as "join the existing one" */
  duplicateRadiusMeters: 50,
  duplicateWindowDays: 7,
  /** municipal practice: the resident rates within 7 days of resolution, then staff call back */
  ratingWindowDays: 7,
  /** "不满意退回重办": one send-back per resolution, and at most this many redo rounds in all */
  maxRedoRounds: 2,
  /** the unit may appeal (申诉) within 3 working days */
  appealWindowWorkingDays: 3,
} as const;

const DAY_MS = 86_400_000;

/**
 * "Someone nearby already reported this" (同类诉求): the one rule behind both the offer on the filing
 * page and the server's check when a resident follows instead of filing. Same category, still open,
 * within 50 m of where the resident stands and filed within the last 7 days.
 */
export function isSameProblemNearby(
  candidate: { categoryId: string; point: { lat: number; lng: number }; createdAt: Date | string; state: ComplaintState },
  position: { categoryId: string; lat: number; lng: number },
  at: Date,
): boolean {
  const age = at.getTime() - new Date(candidate.createdAt).getTime();
  return (
    candidate.categoryId === position.categoryId &&
    OPEN_COMPLAINT_STATES.includes(candidate.state) &&
    age <= COMPLAINT_RULES.duplicateWindowDays * DAY_MS &&
    distanceMeters(candidate.point, position) <= COMPLAINT_RULES.duplicateRadiusMeters
  );
}

export const Satisfaction = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export type Satisfaction = z.infer<typeof Satisfaction>;
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const ComplaintLocation = z.strictObject({
  point: GeoPoint,
  address: z.string().trim().min(2).max(200),
});

export const CreateComplaintBody = z.strictObject({
  categoryId: ObjectIdString,
  communityId: ObjectIdString,
  description: z.string().trim().min(5).max(2000),
  photoIds: z.array(ObjectIdString).max(COMPLAINT_RULES.maxPhotos).default([]),
  location: ComplaintLocation,
  /** whether the handling unit may see the resident's name and phone */
  showIdentityToUnit: z.boolean().default(true),
  /**
   * Whether the description and address may be published (Open311, people who follow it), after
   * phone numbers and the like are masked. Off: only category, state and an area rounded to ~100 m.
   */
  publicConsent: z.boolean().default(false),
  /** with publicConsent: publish the exact point rather than the ~100 m area (never for a hidden identity) */
  publicExactPoint: z.boolean().default(false),
});
export type CreateComplaintBody = z.infer<typeof CreateComplaintBody>;

export const SimilarComplaintsQuery = z.strictObject({
  categoryId: ObjectIdString,
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

/**
 * Following instead of filing a twin: the follower says what they were about to file (category and
 * where they stand); the server holds the complaint to the same rule as the offer (isSameProblemNearby).
 */
export const FollowComplaintBody = z.strictObject({
  categoryId: ObjectIdString,
  location: GeoPoint,
});
export type FollowComplaintBody = z.infer<typeof FollowComplaintBody>;

export const RateComplaintBody = z.strictObject({
  satisfaction: Satisfaction,
  resolved: z.boolean(),
  comment: z.string().trim().max(500).optional(),
});
export type RateComplaintBody = z.infer<typeof RateComplaintBody>;

export const SendBackBody = z.strictObject({ reason: z.string().trim().min(5).max(500) });

export const ReasonBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const NoteBody = z.strictObject({ note: z.string().trim().max(500).optional() });
/**
 * `public`: the staff member's note may be shown to the public (Open311) and to followers, after
 * phone numbers and the like are masked. Off by default: the note then reaches the resident only.
 */
const PublicNote = z.boolean().default(false);
export const PublicNoteBody = NoteBody.extend({ public: PublicNote });
export const RejectBody = z.strictObject({
  reason: z.string().trim().min(2).max(500),
  referral: z.string().trim().max(500).optional(),
  public: PublicNote,
});
export const DispatchBody = z.strictObject({
  unitId: ObjectIdString,
  assistingUnitIds: z.array(ObjectIdString).max(5).default([]),
  note: z.string().trim().max(500).optional(),
  public: PublicNote,
});
export const ContactBody = z.strictObject({
  method: z.enum(['phone', 'visit', 'message']),
  note: z.string().trim().min(2).max(500),
  public: PublicNote,
});
export const ResolveBody = z.strictObject({
  result: z.string().trim().min(5).max(2000),
  photoIds: z.array(ObjectIdString).max(COMPLAINT_RULES.maxPhotos).default([]),
  public: PublicNote,
});
export const PhoneCallbackBody = z.strictObject({
  reached: z.boolean(),
  satisfaction: Satisfaction.optional(),
  resolved: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
});
export const AppealBody = z.strictObject({
  kind: z.enum(['rating', 'assignment']),
  reason: z.string().trim().min(5).max(1000),
});
export const AppealRulingBody = z.strictObject({
  /** upheld: the unit is right, the complaint is excluded from assessment; dismissed: it counts */
  decision: z.enum(['upheld', 'dismissed']),
  reason: z.string().trim().min(2).max(500),
});

/** 'assisting': open complaints the unit assists with (协办), to read; the main unit acts */
export const TaskFilter = z.enum(['to_sign', 'in_progress', 'overdue', 'reopened', 'resolved', 'assisting']);
export const QueueFilter = z.enum(['intake', 'returned', 'overdue', 'supervised', 'appeals', 'callback_due']);

/** A move on the timeline. `public` events are shown to the resident; the rest to staff only. */
export const ComplaintEventView = z.object({
  action: z.string(),
  from: ComplaintState.nullable(),
  to: ComplaintState.nullable(),
  at: z.string(),
  actorRole: z.string(),
  /** unit name for staff actors; never a staff member's personal name on the resident's view */
  actorLabel: z.string(),
  note: z.string().optional(),
  photoIds: z.array(z.string()).optional(),
  public: z.boolean(),
});

export const ComplaintSummaryView = z.object({
  id: z.string(),
  number: z.string(),
  state: ComplaintState,
  categoryName: z.string(),
  communityName: z.string(),
  summary: z.string(),
  address: z.string(),
  createdAt: z.string(),
  unitName: z.string().nullable(),
  overdue: z.boolean(),
  supervised: z.boolean(),
  /** in 我的诉求: the viewer follows this one (someone else filed it), so it is not theirs to rate */
  viewerFollows: z.boolean().optional(),
});
export type ComplaintSummaryView = z.infer<typeof ComplaintSummaryView>;

export const ComplaintView = ComplaintSummaryView.extend({
  description: z.string(),
  photoIds: z.array(z.string()),
  location: z.object({ point: z.object({ lat: z.number(), lng: z.number() }), address: z.string() }),
  deadlines: z.record(z.string(), z.string()),
  redoRounds: z.number(),
  rating: z
    .object({ satisfaction: Satisfaction, resolved: z.boolean(), comment: z.string().optional(), source: z.enum(['resident', 'phone']), at: z.string() })
    .nullable(),
  ratingDueAt: z.string().nullable(),
  /** present on staff views only, and only when the resident allowed the unit to see it (masked) */
  resident: z.object({ name: z.string(), phone: z.string() }).nullable(),
  timeline: z.array(ComplaintEventView),
  allowedActions: z.array(z.string()),
  /** staff views: the viewer's unit only assists (协办) with this complaint; the main unit acts */
  viewerAssists: z.boolean().optional(),
  /**
   * The viewer follows this complaint (someone else filed it): the public view only. Description and
   * address are empty unless the resident made them public (then masked), no photos, the point ~100 m.
   */
  viewerFollows: z.boolean().optional(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;
