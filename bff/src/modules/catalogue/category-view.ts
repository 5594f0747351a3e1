import type { CategoryAdminView, CategoryView } from '@gongzhi/shared';
import type { CategoryRecord } from './category.model';

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
