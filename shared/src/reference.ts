import { z } from 'zod';

export const CommunityView = z.object({ id: z.string(), name: z.string(), code: z.string() });
export type CommunityView = z.infer<typeof CommunityView>;

export const UnitView = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(['department', 'community']),
});
export type UnitView = z.infer<typeof UnitView>;

export const StreetView = z.object({ id: z.string(), name: z.string() });

/** Cursor pagination, used by every list. */
export const CursorQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const CommunityList = pageOf(CommunityView);
export const UnitList = pageOf(UnitView);
