import mongoose, { Types } from 'mongoose';
import type { CategoryView } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../../../test/http';
import { AppError } from '../../platform/errors';
import { createCatalogueService } from './catalogue.service';

let server: TestServer;
let adminToken: string;
let residentToken: string;
let conn: mongoose.Connection;
const unitIds: Record<string, string> = {};
const communityIds: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer('catalogue');
  await server.seed();
  adminToken = (await server.login('admin')).accessToken;
  residentToken = (await server.login('catalogue-resident')).accessToken;
  conn = await mongoose.createConnection(server.mongoUri).asPromise();
  for (const u of await server.rawDocuments('units')) unitIds[u.code as string] = String(u._id);
  for (const c of await server.rawDocuments('communities')) communityIds[c.code as string] = String(c._id);
});
afterAll(async () => {
  await conn.close();
  await server.close();
});

const GENERAL = {
  dispatch: { amount: 2, unit: 'working_hours' },
  sign: { amount: 2, unit: 'working_hours' },
  firstContact: { amount: 168, unit: 'hours' },
  resolve: { amount: 13, unit: 'working_days' },
};
const body = (over: Record<string, unknown> = {}) => ({
  code: `c-${new Types.ObjectId().toString().slice(-8)}`,
  name: '测试类别',
  urgency: 'general',
  admission: { accepted: true },
  deadlines: GENERAL,
  ...over,
});
const create = (b: object, token = adminToken) => server.call('POST', '/api/v1/admin/categories', { token, body: b });
const update = (id: string, b: object, token = adminToken) => server.call('PUT', `/api/v1/admin/categories/${id}`, { token, body: b });
const list = async () => (await server.call('GET', '/api/v1/categories', { token: residentToken })).body.items as CategoryView[];
const idOf = async (code: string) => String((await server.rawDocuments('categories')).find((c) => c.code === code)!._id);

describe('the category list residents pick from', () => {
  it('when nobody is signed in, then 401', async () => {
    expect((await server.call('GET', '/api/v1/categories')).status).toBe(401);
  });

  it('when a resident lists categories, then each group comes followed by its categories, with admission and deadlines', async () => {
    const items = await list();
    const names = items.map((c) => c.name);
    expect(names.slice(0, 5)).toEqual(['市容环境', '占道经营', '垃圾清运', '违规广告', '违章搭建']);
    const group = items.find((c) => c.name === '水电气')!;
    const gas = items.find((c) => c.name === '燃气异味')!;
    expect(group.parentId).toBeNull();
    expect(gas).toMatchObject({ parentId: group.id, urgency: 'urgent', admission: { accepted: true }, active: true });
    expect(gas.deadlines).toEqual({
      dispatch: { amount: 30, unit: 'minutes' },
      sign: { amount: 30, unit: 'minutes' },
      firstContact: { amount: 2, unit: 'hours' },
      resolve: { amount: 13, unit: 'working_days' },
    });
    expect(items.find((c) => c.name === '政策咨询')!.deadlines.resolve).toEqual({ amount: 3, unit: 'working_days' });
    const refused = items.find((c) => c.name === '民事纠纷')!;
    expect(refused.admission).toEqual({ accepted: false, referral: expect.stringContaining('人民调解委员会') });
    // residents never see how work is routed
    expect(gas).not.toHaveProperty('defaultUnitId');
  });
});

describe('admins keep the catalogue', () => {
  it('when someone who is not an admin creates or edits a category, then 403 and nothing is stored', async () => {
    const dispatcher = (await server.login('dispatcher')).accessToken;
    const b = body();
    expect((await create(b, dispatcher)).status).toBe(403);
    expect((await update(await idOf('tingshui'), b, residentToken)).body.error.code).toBe('FORBIDDEN');
    expect((await server.call('GET', '/api/v1/admin/categories', { token: residentToken })).status).toBe(403);
    expect((await server.rawDocuments('categories')).some((c) => c.code === b.code)).toBe(false);
  });

  it('when an admin adds a group and a category under it, then residents see them, routed and audited', async () => {
    const group = await create(body({ name: '园林绿化' }));
    expect(group.status).toBe(201);
    const child = await create(
      body({
        name: '树木倒伏',
        parentId: group.body.id,
        urgency: 'urgent',
        defaultUnitId: unitIds.zhujian,
        unitByCommunity: [{ communityId: communityIds.hehua, unitId: unitIds['community-unit-hehua'] }],
      }),
    );
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({
      parentId: group.body.id,
      defaultUnitId: unitIds.zhujian,
      unitByCommunity: [{ communityId: communityIds.hehua, unitId: unitIds['community-unit-hehua'] }],
    });
    const names = (await list()).map((c) => c.name);
    expect(names.indexOf('树木倒伏')).toBe(names.indexOf('园林绿化') + 1);
    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.action === 'category.created').map((e) => e.subjectId);
    expect(audit).toEqual(expect.arrayContaining([group.body.id, child.body.id]));
  });

  it('when the code is already used, then 409 CATEGORY_CODE_TAKEN, on create and on edit', async () => {
    expect((await create(body({ code: 'tingshui' }))).body.error.code).toBe('CATEGORY_CODE_TAKEN');
    const mine = await create(body());
    const res = await update(mine.body.id, body({ code: 'tingshui' }));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CATEGORY_CODE_TAKEN');
  });

  it('when the parent is missing or is itself a second-level category, then the category is refused', async () => {
    const missing = await create(body({ parentId: new Types.ObjectId().toString() }));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CATEGORY_NOT_FOUND');
    const third = await create(body({ parentId: await idOf('tingshui') }));
    expect(third.status).toBe(400);
    expect(third.body.error.details).toEqual([{ path: 'body.parentId', message: '上级类别必须是一级类别' }]);
  });

  it('when a unit or community named does not exist, then 404 UNIT_NOT_FOUND or COMMUNITY_NOT_FOUND', async () => {
    const ghost = new Types.ObjectId().toString();
    expect((await create(body({ defaultUnitId: ghost }))).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await create(body({ unitByCommunity: [{ communityId: communityIds.hehua, unitId: ghost }] }))).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await create(body({ unitByCommunity: [{ communityId: ghost, unitId: unitIds.zhujian }] }))).body.error.code).toBe('COMMUNITY_NOT_FOUND');
  });

  it('when a refused category has no referral, or a deadline has an unknown unit, then 400 VALIDATION_FAILED', async () => {
    expect((await create(body({ admission: { accepted: false } }))).body.error.code).toBe('VALIDATION_FAILED');
    expect((await create(body({ deadlines: { ...GENERAL, resolve: { amount: 3, unit: 'weeks' } } }))).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when an admin edits a category, then the new settings replace the old and left-out units are cleared', async () => {
    const created = await create(body({ name: '旧名称', parentId: await idOf('shizheng'), defaultUnitId: unitIds.jiaotong }));
    const res = await update(created.body.id, body({ code: created.body.code, name: '新名称', parentId: await idOf('shizheng') }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新名称', defaultUnitId: null });
    const raw = (await server.rawDocuments('categories')).find((c) => c.code === created.body.code)!;
    expect(raw).not.toHaveProperty('defaultUnitId');
    expect((await server.rawDocuments('audit_log')).some((e) => e.action === 'category.updated' && e.subjectId === created.body.id)).toBe(true);
  });

  it('when a category is switched off, then residents no longer see it; a group switched off hides its categories', async () => {
    const group = await create(body({ name: '停用分组' }));
    const child = await create(body({ name: '停用子类', parentId: group.body.id }));
    const other = await create(body({ name: '单独停用', parentId: group.body.id }));
    await update(other.body.id, body({ code: other.body.code, name: '单独停用', parentId: group.body.id, active: false }));
    expect((await list()).map((c) => c.name)).toEqual(expect.arrayContaining(['停用分组', '停用子类']));
    expect((await list()).map((c) => c.name)).not.toContain('单独停用');
    await update(group.body.id, body({ code: group.body.code, name: '停用分组', active: false }));
    expect((await list()).map((c) => c.name)).not.toContain('停用分组');
    expect((await list()).map((c) => c.name)).not.toContain('停用子类');
    const all = (await server.call('GET', '/api/v1/admin/categories', { token: adminToken })).body.items;
    expect(all.find((c: { id: string }) => c.id === child.body.id)).toMatchObject({ active: true });
  });

  it('when a group that has categories is moved under another group, or under itself, then 400', async () => {
    const group = await create(body({ name: '有子类的组' }));
    await create(body({ parentId: group.body.id }));
    const moved = await update(group.body.id, body({ code: group.body.code, parentId: await idOf('zixun') }));
    expect(moved.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.parentId', message: expect.stringContaining('子类别') }] });
    const lone = await create(body());
    const self = await update(lone.body.id, body({ code: lone.body.code, parentId: lone.body.id }));
    expect(self.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.parentId', message: '不能以自身为上级类别' }] });
  });

  it('when the category to edit does not exist, then 404 CATEGORY_NOT_FOUND', async () => {
    expect((await update(new Types.ObjectId().toString(), body())).body.error.code).toBe('CATEGORY_NOT_FOUND');
    expect((await update('not-an-id', body())).status).toBe(404);
  });
});

describe('catalogue service', () => {
  it('when a category is active under an active group, then it is returned; otherwise CATEGORY_NOT_FOUND', async () => {
    const catalogue = createCatalogueService({ conn });
    expect((await catalogue.getActiveCategory(await idOf('tingshui'))).name).toBe('停水');
    const group = await create(body());
    const child = await create(body({ parentId: group.body.id }));
    await update(group.body.id, body({ code: group.body.code, active: false }));
    for (const id of [child.body.id, group.body.id, new Types.ObjectId().toString(), 'nope']) {
      await expect(catalogue.getActiveCategory(id)).rejects.toEqual(expect.objectContaining({ code: 'CATEGORY_NOT_FOUND', status: 404 }));
    }
    await expect(catalogue.getActiveCategory('nope')).rejects.toBeInstanceOf(AppError);
  });

  it("when a category routes by community, then that community's unit is chosen, else the default, else none", async () => {
    const catalogue = createCatalogueService({ conn });
    const noise = await catalogue.getActiveCategory(await idOf('zaoyin-raomin'));
    expect(catalogue.defaultUnitFor(noise, communityIds.qingshui!)?.toString()).toBe(unitIds['community-unit-qingshui']);
    expect(catalogue.defaultUnitFor(noise, new Types.ObjectId())).toBeUndefined();
    const lamp = await catalogue.getActiveCategory(await idOf('ludeng-guzhang'));
    expect(catalogue.defaultUnitFor(lamp, new Types.ObjectId(communityIds.qingshui!))?.toString()).toBe(unitIds.zhujian);
  });
});
