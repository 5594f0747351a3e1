import { referenceApi, type CommunityView, type UnitView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import { pageByObjectId } from '../../platform/pagination';
import { Communities, Units, type CommunityRecord, type UnitRecord } from './reference.model';

export const toCommunityView = (c: CommunityRecord): CommunityView => ({ id: c._id.toString(), name: c.name, code: c.code });
export const toUnitView = (u: UnitRecord): UnitView => ({ id: u._id.toString(), name: u.name, code: u.code, kind: u.kind });

export function referenceRoutes({ conn }: AppDeps): ApiRouter {
  const communities = Communities(conn);
  const units = Units(conn);
  return new ApiRouter()
    .mount(referenceApi.communities, (_ctx, { query }) => pageByObjectId(communities, query, toCommunityView))
    .mount(referenceApi.units, (_ctx, { query }) => pageByObjectId(units, query, toUnitView));
}
