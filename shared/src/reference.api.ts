import { defineRoute } from './contract';
import { CommunityList, CursorQuery, UnitList } from './reference';

export const referenceApi = {
  communities: defineRoute({ method: 'GET', path: '/communities', summary: '社区列表', access: 'public', query: CursorQuery, response: CommunityList }),
  units: defineRoute({ method: 'GET', path: '/units', summary: '处置单位列表', access: 'public', query: CursorQuery, response: UnitList }),
};
