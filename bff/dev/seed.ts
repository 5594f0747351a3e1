import { Types, type Model, type QueryFilter, type UpdateQuery } from 'mongoose';
import { ROLE_LABELS, type Role, type RoleBinding } from '@gongzhi/shared';
import { connectDatabase, ensureIndexes } from '../src/platform/database';
import { Users } from '../src/modules/identity/user.model';
import { Communities, Streets, Units } from '../src/modules/reference/reference.model';
import { devOpenidFor } from './wechat-simulator';
import { seedCalendarAndCatalogue } from './seed-catalogue';

/** A demo district: one street office, its communities and the units that handle cases. */
const STREET = { code: 'lianhua', name: '莲花街道' };
const COMMUNITIES = [
  { code: 'lianhua', name: '莲花社区' },
  { code: 'hehua', name: '荷花社区' },
  { code: 'qingshui', name: '清水社区' },
  { code: 'xingfu', name: '幸福社区' },
  { code: 'wenhua', name: '文化社区' },
];
const UNITS = [
  { code: 'chengguan', name: '城管执法中队' },
  { code: 'zhujian', name: '住建办' },
  { code: 'shuiwu', name: '水务站' },
  { code: 'jiaotong', name: '交通管理站' },
  { code: 'shichang', name: '市场监管所' },
];

export interface DemoLogin {
  login: string;
  role: string;
  scope: string;
}

/** Idempotent: every record is upserted by its code (or openid), so running it twice changes nothing. */
export async function seedDemoDistrict(mongoUri: string, opts: { appId: string }): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const conn = await connectDatabase(mongoUri);
  try {
    Users(conn);
    await ensureIndexes(conn);
    const created = !(await Streets(conn).exists({ code: STREET.code }));
    const street = await upsertByCode(Streets(conn), STREET);
    const communities = [];
    for (const c of COMMUNITIES) communities.push({ ...c, id: await upsertByCode(Communities(conn), { ...c, streetId: street }) });
    const units = [];
    for (const u of UNITS) units.push({ ...u, id: await upsertByCode(Units(conn), { ...u, streetId: street, kind: 'department' }) });
    // Each community is also a handling unit, so a complaint can be dispatched to the community itself.
    const communityUnits = [];
    for (const c of communities) {
      const unit = { code: `community-unit-${c.code}`, name: c.name, streetId: street, kind: 'community' as const, communityId: c.id };
      communityUnits.push({ communityId: c.id, unitId: await upsertByCode(Units(conn), unit) });
    }
    await seedCalendarAndCatalogue(conn, { units: new Map(units.map((u) => [u.code, u.id])), communityUnits });

    const staff: Array<{ login: string; binding: RoleBinding; scope: string }> = [
      { login: 'admin', binding: { role: 'admin' }, scope: STREET.name },
      { login: 'dispatcher', binding: { role: 'dispatcher' }, scope: STREET.name },
      // 企业服务部 (issue 15): verifies enterprises and publishes support items for the street
      { login: 'enterprise-service', binding: { role: 'enterprise_officer' }, scope: STREET.name },
      ...communities.map((c) => ({ login: `community-${c.code}`, binding: { role: 'community_staff' as Role, communityId: c.id.toString() }, scope: c.name })),
      // 社区党委: publishes the community's activities (issue 14)
      ...communities.map((c) => ({ login: `party-${c.code}`, binding: { role: 'party_committee' as Role, communityId: c.id.toString() }, scope: c.name })),
      ...units.map((u) => ({ login: `unit-${u.code}`, binding: { role: 'unit_staff' as Role, unitId: u.id.toString() }, scope: u.name })),
    ];
    for (const s of staff) {
      const openid = devOpenidFor(opts.appId, s.login);
      await Users(conn).updateOne(
        { openid },
        { $setOnInsert: { _id: new Types.ObjectId(), openid, tokenVersion: 0, createdAt: new Date() }, $set: { roles: [s.binding] } },
        { upsert: true },
      );
    }
    return { created, logins: staff.map((s) => ({ login: s.login, role: `${ROLE_LABELS[s.binding.role]} ${s.binding.role}`, scope: s.scope })) };
  } finally {
    await conn.close();
  }
}

async function upsertByCode<T extends { _id: Types.ObjectId; code: string }>(model: Model<T>, record: Omit<T, '_id'>): Promise<Types.ObjectId> {
  const { code, ...rest } = record;
  // the _id from here, not from the server: FerretDB 2 / DocumentDB makes an upsert's ObjectId in
  // whichever PostgreSQL backend serves it, so ids made a moment apart need not sort in creation order
  const doc = await model
    .findOneAndUpdate({ code } as QueryFilter<T>, { $set: rest, $setOnInsert: { code, _id: new Types.ObjectId() } } as UpdateQuery<T>, { upsert: true, returnDocument: 'after' })
    .lean();
  return (doc as { _id: Types.ObjectId })._id;
}
