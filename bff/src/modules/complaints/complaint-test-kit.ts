import { randomBytes } from 'node:crypto';
import { CURRENT_CONSENT_VERSION, type CategoryDeadlines } from '@gongzhi/shared';
import { phoneCode, phoneNumber, idNumberAged } from '../../../test/people';
import type { TestServer } from '../../../test/http';
import { connectDatabase } from '../../platform/database';
import { Categories } from '../catalogue/category.model';

/** What complaint tests share: a seeded district, a category, a registered resident and staff logins. */
export interface ComplaintWorld {
  communityId: string;
  units: Record<string, string>;
  categoryId: string;
  admin: string;
  dispatcher: string;
  /** staff of 城管执法中队 (chengguan), the unit the tests dispatch to */
  unitStaff: string;
  /** staff of 住建办 (zhujian), another unit */
  otherUnitStaff: string;
}

export const HOUR_DEADLINES: CategoryDeadlines = {
  dispatch: { amount: 2, unit: 'hours' },
  sign: { amount: 4, unit: 'hours' },
  firstContact: { amount: 24, unit: 'hours' },
  resolve: { amount: 3, unit: 'working_days' },
};

export async function setUpWorld(server: TestServer): Promise<ComplaintWorld> {
  const { communityId } = await server.seed();
  const unitList = await server.call('GET', '/api/v1/units?limit=100');
  const units: Record<string, string> = {};
  for (const u of unitList.body.items as Array<{ code: string; id: string }>) units[u.code] = u.id;
  const admin = (await server.login('admin')).accessToken;
  const categoryId = await createCategory(server, { deadlines: HOUR_DEADLINES });
  return {
    communityId,
    units,
    categoryId,
    admin,
    dispatcher: (await server.login('dispatcher')).accessToken,
    unitStaff: (await server.login('unit-chengguan')).accessToken,
    otherUnitStaff: (await server.login('unit-zhujian')).accessToken,
  };
}

/**
 * A category written straight into the catalogue collection, so each test picks its own deadlines
 * and admission rule (the catalogue's admin routes are tested in their own module).
 */
export async function createCategory(
  server: TestServer,
  opts: { deadlines?: CategoryDeadlines; admission?: { accepted: true } | { accepted: false; referral: string } } = {},
): Promise<string> {
  const conn = await connectDatabase(server.mongoUri);
  try {
    const created = await Categories(conn).create({
      code: `t-${randomBytes(4).toString('hex')}`,
      name: '路灯故障',
      urgency: 'general',
      admission: opts.admission ?? { accepted: true },
      unitByCommunity: [],
      deadlines: opts.deadlines ?? HOUR_DEADLINES,
      active: true,
      updatedAt: new Date(),
    });
    return created._id.toString();
  } finally {
    await conn.close();
  }
}

/** A resident who has done real-name registration; returns their access token. */
export async function registeredResident(server: TestServer, world: ComplaintWorld, name: string): Promise<string> {
  const { accessToken } = await server.login(name);
  const res = await server.call('POST', '/api/v1/me/real-name', {
    token: accessToken,
    body: { name: '李四', idNumber: idNumberAged(35), phoneCode: phoneCode(phoneNumber()), communityId: world.communityId, consentVersion: CURRENT_CONSENT_VERSION },
  });
  if (res.status !== 200) throw new Error(`real-name: ${res.status} ${JSON.stringify(res.body)}`);
  return accessToken;
}

export function complaintBody(world: ComplaintWorld, over: Record<string, unknown> = {}) {
  return {
    categoryId: world.categoryId,
    communityId: world.communityId,
    description: '小区门口的路灯坏了好几天，晚上很黑',
    location: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花路1号小区门口' },
    ...over,
  };
}

export async function fileComplaint(server: TestServer, token: string, body: unknown, key = `k-${randomBytes(8).toString('hex')}`) {
  return server.call('POST', '/api/v1/complaints', { token, body, headers: { 'idempotency-key': key } });
}

/** Posts a staff action and insists it succeeds; returns the staff view. */
export async function act(server: TestServer, token: string, id: string, action: string, body: unknown = {}) {
  const res = await server.call('POST', `/api/v1/staff/complaints/${id}/${action}`, { token, body });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
