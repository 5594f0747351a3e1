import { z } from 'zod';
import { CategoryView } from '@gongzhi/shared';
import type { CategoryRecord } from './category.model';

/** What the admin edits: the public view plus the handling units. */
export const CategoryAdminView = CategoryView.extend({
  defaultUnitId: z.string().nullable(),
  unitByCommunity: z.array(z.object({ communityId: z.string(), unitId: z.string() })),
});
export type CategoryAdminView = z.infer<typeof CategoryAdminView>;

export function toCategoryView(c: CategoryRecord): CategoryView {
  return {
    id: c._id.toString(),
    code: c.code,
    name: c.name,
    parentId: c.parentId?.toString() ?? null,
    urgency: c.urgency,
    admission: c.admission.accepted ? { accepted: true } : { accepted: false, referral: c.admission.referral },
    deadlines: {
      dispatch: duration(c.deadlines.dispatch),
      sign: duration(c.deadlines.sign),
      firstContact: duration(c.deadlines.firstContact),
      resolve: duration(c.deadlines.resolve),
    },
    active: c.active,
  };
}

export function toCategoryAdminView(c: CategoryRecord): CategoryAdminView {
  return {
    ...toCategoryView(c),
    defaultUnitId: c.defaultUnitId?.toString() ?? null,
    unitByCommunity: (c.unitByCommunity ?? []).map((o) => ({ communityId: o.communityId.toString(), unitId: o.unitId.toString() })),
  };
}

const duration = (d: { amount: number; unit: CategoryRecord['deadlines']['dispatch']['unit'] }) => ({ amount: d.amount, unit: d.unit });
