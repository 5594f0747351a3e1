import { z } from 'zod';
import { ObjectIdString } from './identity';

/**
 * The complaint catalogue (诉求分类): categories with their urgency, admission rule (事件准入), the
 * handling unit by community and the four deadlines (PRODUCT.md §2).
 */
/** Durations in a category's deadlines: calendar time or working time (shared/src/calendar.ts). */
export const DeadlineDuration = z.strictObject({
  amount: z.number().int().positive().max(10_000),
  unit: z.enum(['minutes', 'hours', 'working_hours', 'working_days']),
});
export type DeadlineDuration = z.infer<typeof DeadlineDuration>;

export const CategoryDeadlines = z.strictObject({
  dispatch: DeadlineDuration,
  sign: DeadlineDuration,
  firstContact: DeadlineDuration,
  resolve: DeadlineDuration,
});
export type CategoryDeadlines = z.infer<typeof CategoryDeadlines>;

export const Urgency = z.enum(['urgent', 'general']);

/** Admission rule (事件准入): accepted, or refused with referral advice shown to the resident. */
export const Admission = z.discriminatedUnion('accepted', [
  z.strictObject({ accepted: z.literal(true) }),
  z.strictObject({ accepted: z.literal(false), referral: z.string().min(2).max(500) }),
]);

export const CategoryBody = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().min(2).max(40),
  parentId: ObjectIdString.optional(),
  urgency: Urgency,
  admission: Admission,
  /** default handling unit; per-community overrides below */
  defaultUnitId: ObjectIdString.optional(),
  unitByCommunity: z.array(z.strictObject({ communityId: ObjectIdString, unitId: ObjectIdString })).max(100).default([]),
  deadlines: CategoryDeadlines,
  active: z.boolean().default(true),
});
export type CategoryBody = z.infer<typeof CategoryBody>;

export const CategoryView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  urgency: Urgency,
  admission: z.object({ accepted: z.boolean(), referral: z.string().optional() }),
  deadlines: CategoryDeadlines,
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof CategoryView>;
