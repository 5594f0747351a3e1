import { CommunityList, CursorQuery, UnitList, type CommunityView, type UnitView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppDeps } from '../../platform/deps';
import { pageByObjectId } from '../../platform/pagination';
import { Communities, Units, type CommunityRecord, type UnitRecord } from './reference.model';

export const toCommunityView = (c: CommunityRecord): CommunityView => ({ id: c._id.toString(), name: c.name, code: c.code });
export const toUnitView = (u: UnitRecord): UnitView => ({ id: u._id.toString(), name: u.name, code: u.code, kind: u.kind });

export function referenceRoutes({ conn }: AppDeps): ApiRouter {
  const communities = Communities(conn);
  const units = Units(conn);
  return new ApiRouter('/api/v1')
    .route({ method: 'get', path: '/communities', summary: '社区列表', query: CursorQuery, response: CommunityList }, (_ctx, { query }) =>
      pageByObjectId(communities, query, toCommunityView),
    )
    .route({ method: 'get', path: '/units', summary: '处置单位列表', query: CursorQuery, response: UnitList }, (_ctx, { query }) =>
      pageByObjectId(units, query, toUnitView),
    );
}
