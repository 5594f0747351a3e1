import { startTestServer, type TestServer } from '../../../test/http';
import { creditCode } from './enterprise-test-kit';
import { connectDatabase } from '../../platform/database';
import { createFieldCipher } from '../../platform/field-crypto';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { createEnterpriseService } from './enterprises.service';

let server: TestServer;
let world: VolunteerWorld;
let officer: string;
beforeAll(async () => {
  server = await startTestServer('enterprises');
  world = await setUpVolunteerWorld(server);
  officer = (await server.login('enterprise-service')).accessToken;
});
afterAll(async () => {
  await server.close();
});


const enterprise = (over: Record<string, unknown> = {}) => ({
  name: '深圳莲花软件有限公司',
  creditCode: '91350100M000100Y43',
  legalRepresentative: '李建国',
  contactPhone: '13812345678',
  industry: 'I65',
  employees: 12,
  revenueWan: 800,
  assetsWan: 300,
  foundedOn: '2022-03-01',
  communityId: world.communityId,
  tags: ['科技型中小企业'],
  ...over,
});

const item = (over: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '科技型中小企业研发费用补贴',
  issuer: '区科技创新局',
  summary: '对科技型中小企业按研发投入给予补贴',
  validFrom: '2026-01-01',
  validUntil: '2027-12-31',
  benefit: '最高补贴50万元',
  benefitWan: 50,
  howToApply: '登录区政务服务网申报',
  criteria: { industries: ['I65', 'I64'], maxEmployees: 300, minYears: 2, tagsRequired: ['科技型中小企业'] },
  ...over,
});

describe('registering and verifying an enterprise', () => {
  it('when a resident registers with a wrong credit code, then it is refused beside the field with the reason; with a good one it waits for the officer, who verifies it', async () => {
    const owner = await residentAged(server, world, 'ent-owner');
    const bad = await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: '91350100M000100Y44' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('校验码不正确');
    const made = await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise() });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ state: 'pending', sizeClass: 'small', industryName: '软件和信息技术服务业', contactPhone: '138****5678' });
    const raw = (await server.rawDocuments('enterprises')).find((e) => String(e._id) === made.body.id)!;
    expect(JSON.stringify(raw)).not.toContain('13812345678');

    expect((await server.call('GET', `/api/v1/enterprises/${made.body.id}/matches`, { token: owner })).body.error.code).toBe('ENTERPRISE_NOT_VERIFIED');
    const queue = (await server.call('GET', '/api/v1/enterprises/review', { token: officer })).body.items.map((e: { id: string }) => e.id);
    expect(queue).toContain(made.body.id);
    expect((await server.call('GET', '/api/v1/enterprises/review', { token: owner })).status).toBe(403);
    const verified = await server.call('POST', `/api/v1/enterprises/${made.body.id}/review`, { token: officer, body: { decision: 'verify', reason: '营业执照核验一致' } });
    expect(verified.body).toMatchObject({ state: 'verified', review: { reason: '营业执照核验一致' } });
    expect((await server.call('POST', `/api/v1/enterprises/${made.body.id}/review`, { token: officer, body: { decision: 'reject', reason: '再审' } })).body.error.code).toBe('ENTERPRISE_ALREADY_REVIEWED');
    expect((await server.call('GET', '/api/v1/enterprises/mine', { token: owner })).body.items.map((e: { state: string }) => e.state)).toEqual(['verified']);
  });

  it('when the same credit code is registered twice (also at once), then one enterprise exists and the others are told why', async () => {
    const code = creditCode('91440300MA5F0000' + '1');
    const people = await Promise.all(['x', 'y', 'z'].map((n) => residentAged(server, world, `ent-dup-${n}`)));
    const tries = await Promise.all(people.map((t) => server.call('POST', '/api/v1/enterprises', { token: t, body: enterprise({ creditCode: code, name: '重复登记测试公司' }) })));
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    expect(tries.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ENTERPRISE_CREDIT_CODE_TAKEN')).toBe(true);
    expect((await server.rawDocuments('enterprises')).filter((e) => e.creditCode === code)).toHaveLength(1);
  });

  it('when another enterprise, a resident or someone without a real name asks, then they get nothing', async () => {
    const owner = await residentAged(server, world, 'ent-private');
    const id = (await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: creditCode('91440300MA5F00002') }) })).body.id as string;
    const otherOwner = await residentAged(server, world, 'ent-nosy');
    await server.call('POST', '/api/v1/enterprises', { token: otherOwner, body: enterprise({ creditCode: creditCode('91440300MA5F00003') }) });
    for (const t of [otherOwner, world.staff]) {
      expect((await server.call('GET', `/api/v1/enterprises/${id}`, { token: t })).status).toBe(404);
      expect((await server.call('GET', `/api/v1/enterprises/${id}/matches`, { token: t })).status).toBe(404);
    }
    const anonymous = (await server.login('ent-anon')).accessToken;
    expect((await server.call('POST', '/api/v1/enterprises', { token: anonymous, body: enterprise({ creditCode: creditCode('91440300MA5F00004') }) })).body.error.code).toBe('REAL_NAME_REQUIRED');
    for (const body of [enterprise({ employees: -1 }), enterprise({ industry: 'ZZ' }), enterprise({ name: { $gt: '' } }), enterprise({ foundedOn: '2099-01-01' })]) {
      expect((await server.call('POST', '/api/v1/enterprises', { token: owner, body })).status).toBe(400);
    }
  });
});

describe('the business licence', () => {
  it('when an enterprise registers with a photo of its licence, then its members and the officers see the photo and nobody else; someone else\'s upload is refused', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-licence')]);
    const owner = await residentAged(server, world, 'ent-licence');
    const stranger = await residentAged(server, world, 'ent-licence-stranger');
    const strangers = (await server.upload(stranger, PNG, { filename: 'x.png', type: 'image/png' })).body.id as string;
    const refused = await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: creditCode('91440300MA5F30001'), licencePhotoId: strangers }) });
    expect(refused.status).toBe(400);
    const licence = (await server.upload(owner, PNG, { filename: 'licence.png', type: 'image/png' })).body.id as string;
    const made = await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: creditCode('91440300MA5F30001'), licencePhotoId: licence }) });
    expect(made.status).toBe(201);
    expect(made.body.licencePhotoId).toBe(licence);
    const fetchAs = (token: string) => fetch(`${server.url}/api/v1/uploads/${licence}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await fetchAs(officer)).toBe(200);
    expect(await fetchAs(stranger)).toBe(404);
    expect(await fetchAs(world.staff)).toBe(404);
    expect((await server.call('GET', `/api/v1/enterprises/${made.body.id}`, { token: officer })).body.licencePhotoId).toBe(licence);
  });
});

describe('colleagues', () => {
  it('when the admin invites a colleague, then the colleague acts for the enterprise until removed; codes are spent once; the last admin cannot leave', async () => {
    const admin = await residentAged(server, world, 'ent-col-admin');
    const id = (await server.call('POST', '/api/v1/enterprises', { token: admin, body: enterprise({ creditCode: creditCode('91440300MA5F20001') }) })).body.id as string;
    const colleague = await residentAged(server, world, 'ent-col-member');
    const invited = await server.call('POST', `/api/v1/enterprises/${id}/invitations`, { token: admin });
    expect(invited.status).toBe(201);
    expect(invited.body.code).toMatch(/^[A-Z0-9]{8}$/);
    expect((await server.call('GET', `/api/v1/enterprises/${id}`, { token: colleague })).status).toBe(404);
    expect((await server.call('POST', '/api/v1/enterprises/join', { token: colleague, body: { code: invited.body.code } })).body.id).toBe(id);
    expect((await server.call('GET', `/api/v1/enterprises/${id}`, { token: colleague })).status).toBe(200);
    // spent: a third person cannot use it
    const third = await residentAged(server, world, 'ent-col-third');
    expect((await server.call('POST', '/api/v1/enterprises/join', { token: third, body: { code: invited.body.code } })).body.error.code).toBe('ENTERPRISE_INVITATION_INVALID');
    // a member is not an admin
    expect((await server.call('POST', `/api/v1/enterprises/${id}/invitations`, { token: colleague })).body.error.code).toBe('ENTERPRISE_ADMIN_ONLY');
    const members = (await server.call('GET', `/api/v1/enterprises/${id}/members`, { token: admin })).body.items as Array<{ userId: string; role: string; name: string }>;
    expect(members.map((m) => m.role).sort()).toEqual(['admin', 'member']);
    expect(members.every((m) => m.name === '王*明')).toBe(true);
    const colleagueId = members.find((m) => m.role === 'member')!.userId;
    const adminId = members.find((m) => m.role === 'admin')!.userId;
    expect((await server.call('DELETE', `/api/v1/enterprises/${id}/members/${adminId}`, { token: colleague })).body.error.code).toBe('ENTERPRISE_ADMIN_ONLY');
    expect((await server.call('DELETE', `/api/v1/enterprises/${id}/members/${adminId}`, { token: admin })).body.error.code).toBe('ENTERPRISE_LAST_ADMIN');
    expect((await server.call('DELETE', `/api/v1/enterprises/${id}/members/${colleagueId}`, { token: admin })).status).toBe(204);
    expect((await server.call('GET', `/api/v1/enterprises/${id}`, { token: colleague })).status).toBe(404);
    expect((await server.call('GET', '/api/v1/enterprises/mine', { token: colleague })).body.items).toEqual([]);
  });
});

describe('matching', () => {
  it('when officers publish items, then a verified enterprise sees each as eligible, possibly eligible or not, eligible first, with one line per criterion', async () => {
    const owner = await residentAged(server, world, 'ent-match');
    const id = (await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: creditCode('91440300MA5F00005') }) })).body.id as string;
    await server.call('POST', `/api/v1/enterprises/${id}/review`, { token: officer, body: { decision: 'verify', reason: '核验一致' } });
    const published = await Promise.all([
      server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item() }),
      server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ title: '稳岗就业补贴', benefit: '每人1000元', benefitWan: 0.1, criteria: { minEmployees: 20, maxEmployees: 300 } }) }),
      server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ kind: 'financing', title: '科创贷', benefit: '最高500万元信用贷款', benefitWan: 500, criteria: { sizeClasses: ['small', 'micro'], judgement: ['近两年无不良信用记录'] } }) }),
    ]);
    expect(published.map((p) => p.status)).toEqual([201, 201, 201]);
    expect((await server.call('POST', '/api/v1/enterprise-items', { token: owner, body: item() })).status).toBe(403);
    expect((await server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ criteria: { minEmployees: 10, maxEmployees: 5 } }) })).status).toBe(400);

    const found = (await server.call('GET', `/api/v1/enterprises/${id}/matches`, { token: owner })).body.items as Array<{ title: string; fit: string; lines: Array<{ verdict: string; text: string }> }>;
    const ours = found.filter((m) => ['科技型中小企业研发费用补贴', '稳岗就业补贴', '科创贷'].includes(m.title));
    expect(ours.map((m) => [m.title, m.fit])).toEqual([['科技型中小企业研发费用补贴', 'eligible'], ['科创贷', 'possible'], ['稳岗就业补贴', 'ineligible']]);
    expect(ours[2]!.lines).toEqual([{ verdict: 'unmet', text: '员工 12 人，要求20至300人：不符合' }]);
    expect(ours[1]!.lines.map((l) => l.text)).toEqual(['规模 小型，要求：小型、微型：符合', '近两年无不良信用记录：需确认']);
    const financing = (await server.call('GET', `/api/v1/enterprises/${id}/matches?kind=financing`, { token: owner })).body.items.map((m: { kind: string }) => m.kind);
    expect(new Set(financing)).toEqual(new Set(['financing']));
  });

  it('when an item is published, then every verified enterprise it fits is told once (also when the announcement runs twice at once), and it shows as 新匹配 until the enterprise has looked', async () => {
    const owners = await Promise.all(['a', 'b', 'c'].map((n) => residentAged(server, world, `ent-fan-${n}`)));
    const ids: string[] = [];
    for (const [i, t] of owners.entries()) {
      const made = await server.call('POST', '/api/v1/enterprises', { token: t, body: enterprise({ creditCode: creditCode(`91440300MA5F1000${i}`), employees: i === 2 ? 500 : 12 }) });
      ids.push(made.body.id);
      await server.call('POST', `/api/v1/enterprises/${made.body.id}/review`, { token: officer, body: { decision: 'verify', reason: '核验一致' } });
    }
    // a fourth, not verified, is never told
    const pending = await residentAged(server, world, 'ent-fan-pending');
    await server.call('POST', '/api/v1/enterprises', { token: pending, body: enterprise({ creditCode: creditCode('91440300MA5F10009') }) });
    // the members have looked once before the item comes
    await server.call('GET', `/api/v1/enterprises/${ids[0]}/matches`, { token: owners[0]! });

    const published = await server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ title: '小微企业稳岗补贴', criteria: { maxEmployees: 100 } }) });
    const conn = await connectDatabase(server.mongoUri);
    try {
      const cipher = createFieldCipher({ keys: { t: Buffer.alloc(32, 1) }, currentKeyId: 't', blindIndexKey: Buffer.alloc(32, 2) });
      const service = createEnterpriseService({ conn, cipher });
      await Promise.all([service.announceItem(published.body.id), service.announceItem(published.body.id)]);
    } finally {
      await conn.close();
    }
    const told = (await server.rawDocuments('notices')).filter((n) => String(n.subjectId) === published.body.id);
    const ownerIds = await Promise.all(owners.map(async (t) => (await server.call('GET', '/api/v1/me', { token: t })).body.id as string));
    const toldIds = told.map((n) => String(n.userId));
    expect(new Set(toldIds).size).toBe(toldIds.length); // once each, though announced twice at once
    // of these three, the 500-person one does not fit; the pending one is never told
    expect(toldIds.filter((u) => ownerIds.includes(u)).sort()).toEqual([ownerIds[0], ownerIds[1]].sort());
    expect(toldIds).not.toContain((await server.call('GET', '/api/v1/me', { token: pending })).body.id);

    const first = (await server.call('GET', `/api/v1/enterprises/${ids[0]}/matches`, { token: owners[0]! })).body.items.find((m: { title: string }) => m.title === '小微企业稳岗补贴');
    expect(first.isNew).toBe(true);
    const again = (await server.call('GET', `/api/v1/enterprises/${ids[0]}/matches`, { token: owners[0]! })).body.items.find((m: { title: string }) => m.title === '小微企业稳岗补贴');
    expect(again.isNew).toBe(false);
  });
});

describe('versions, previews and bundles', () => {
  async function verified(name: string, code: string, over: Record<string, unknown> = {}): Promise<{ id: string; owner: string }> {
    const owner = await residentAged(server, world, name);
    const made = await server.call('POST', '/api/v1/enterprises', { token: owner, body: enterprise({ creditCode: creditCode(code), ...over }) });
    await server.call('POST', `/api/v1/enterprises/${made.body.id}/review`, { token: officer, body: { decision: 'verify', reason: '核验一致' } });
    return { id: made.body.id as string, owner };
  }
  const matchOf = async (e: { id: string; owner: string }, title: string) =>
    ((await server.call('GET', `/api/v1/enterprises/${e.id}/matches`, { token: e.owner })).body.items as Array<Record<string, unknown>>).find((m) => m.title === title);

  it('when an officer edits an item, then the old version is kept, a matched enterprise sees what changed and is told once for the new version; an edit that changes nothing is no new version', async () => {
    const e = await verified('ent-ver', '91440300MA5F40001');
    const made = (await server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ title: '研发补贴（版本测试）', criteria: { maxEmployees: 100 } }) })).body;
    expect(made.version).toBe(1);
    expect((await matchOf(e, '研发补贴（版本测试）'))!.isNew).toBe(true); // and now looked at

    const edited = await server.call('PUT', `/api/v1/enterprise-items/${made.id}`, { token: officer, body: item({ title: '研发补贴（版本测试）', benefit: '最高补贴80万元', validUntil: '2028-06-30', criteria: { maxEmployees: 200 } }) });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.changes).toEqual(['支持内容：由“最高补贴50万元”改为“最高补贴80万元”', '有效期：由 2026-01-01 至 2027-12-31 改为 2026-01-01 至 2028-06-30', '申报条件有调整，请查看逐条说明']);
    const seen = (await matchOf(e, '研发补贴（版本测试）'))!;
    expect(seen).toMatchObject({ isNew: false, isChanged: true, benefit: '最高补贴80万元', version: 2 });
    expect((await matchOf(e, '研发补贴（版本测试）'))!.isChanged).toBe(false); // seen now
    const kept = (await server.rawDocuments('enterprise_item_versions')).find((v) => v._id === `${made.id}:1`)!;
    expect(kept).toMatchObject({ benefit: '最高补贴50万元', version: 1 });
    const ownerId = (await server.call('GET', '/api/v1/me', { token: e.owner })).body.id as string;
    const notices = (await server.rawDocuments('notices')).filter((n) => String(n.subjectId) === made.id && String(n.userId) === ownerId);
    expect(notices.map((n) => String(n._id).includes(':v2:')).sort()).toEqual([false, true]);

    expect((await server.call('PUT', `/api/v1/enterprise-items/${made.id}`, { token: officer, body: item({ title: '研发补贴（版本测试）', benefit: '最高补贴80万元', validUntil: '2028-06-30', criteria: { maxEmployees: 200 } }) })).body.version).toBe(2);
    // two edits at once: each that lands is a version of its own
    const both = await Promise.all(['最高补贴90万元', '最高补贴100万元'].map((benefit) => server.call('PUT', `/api/v1/enterprise-items/${made.id}`, { token: officer, body: item({ title: '研发补贴（版本测试）', benefit, criteria: { maxEmployees: 200 } }) })));
    const landed = both.filter((r) => r.status === 200).length;
    expect(landed).toBeGreaterThanOrEqual(1);
    expect(both.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.error.code === 'ENTERPRISE_ITEM_CHANGED')).toBe(true);
    expect((await matchOf(e, '研发补贴（版本测试）'))!.version).toBe(2 + landed);
    expect((await server.call('PUT', `/api/v1/enterprise-items/${made.id}`, { token: e.owner, body: item() })).status).toBe(403);
    expect((await server.call('PUT', '/api/v1/enterprise-items/64b7f0c2a1b2c3d4e5f60718', { token: officer, body: item() })).status).toBe(404);
  });

  it('when an officer previews criteria, then it counts the verified enterprises they reach, before anything is published', async () => {
    await verified('ent-prev-small', '91440300MA5F40002', { employees: 8 });
    await verified('ent-prev-big', '91440300MA5F40003', { employees: 900, revenueWan: 50000, assetsWan: 20000 });
    const wide = (await server.call('POST', '/api/v1/enterprise-items/preview', { token: officer, body: { criteria: {} } })).body;
    const narrow = (await server.call('POST', '/api/v1/enterprise-items/preview', { token: officer, body: { criteria: { maxEmployees: 10 } } })).body;
    const judged = (await server.call('POST', '/api/v1/enterprise-items/preview', { token: officer, body: { criteria: { maxEmployees: 10, judgement: ['无欠税'] } } })).body;
    expect(wide.eligible).toBe(wide.verified);
    expect(narrow.eligible).toBeLessThan(wide.eligible);
    expect(narrow.eligible).toBeGreaterThanOrEqual(1);
    expect(judged).toMatchObject({ eligible: 0, possible: narrow.eligible });
    expect((await server.call('POST', '/api/v1/enterprise-items/preview', { token: officer, body: { criteria: { minEmployees: 5, maxEmployees: 1 } } })).status).toBe(400);
    expect((await server.call('POST', '/api/v1/enterprise-items/preview', { token: world.staff, body: { criteria: {} } })).status).toBe(403);
  });

  it('when officers bundle items, then an enterprise filters its matches by bundle, an item can be in several, and unknown items are refused', async () => {
    const e = await verified('ent-bundle', '91440300MA5F40004');
    const a = (await server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ title: '初创场地补贴' }) })).body.id as string;
    const b = (await server.call('POST', '/api/v1/enterprise-items', { token: officer, body: item({ title: '初创贷款贴息', kind: 'financing' }) })).body.id as string;
    const start = await server.call('POST', '/api/v1/enterprise-bundles', { token: officer, body: { title: '初创企业包', description: '成立三年内', itemIds: [a, b] } });
    expect(start.status).toBe(201);
    const jobs = (await server.call('POST', '/api/v1/enterprise-bundles', { token: officer, body: { title: '稳岗就业包', itemIds: [b] } })).body;
    const inStart = ((await server.call('GET', `/api/v1/enterprises/${e.id}/matches?bundle=${start.body.id}`, { token: e.owner })).body.items as Array<{ id: string; bundleIds: string[] }>);
    expect(inStart.map((m) => m.id).sort()).toEqual([a, b].sort());
    expect(inStart.find((m) => m.id === b)!.bundleIds.sort()).toEqual([start.body.id, jobs.id].sort());
    const listed = (await server.call('GET', '/api/v1/enterprise-bundles', { token: e.owner })).body.items.map((x: { title: string }) => x.title);
    expect(listed).toEqual(expect.arrayContaining(['初创企业包', '稳岗就业包']));
    expect((await server.call('PUT', `/api/v1/enterprise-bundles/${jobs.id}`, { token: officer, body: { title: '稳岗就业包', itemIds: [a] } })).body.itemIds).toEqual([a]);
    expect((await server.call('POST', '/api/v1/enterprise-bundles', { token: officer, body: { title: '空包', itemIds: ['64b7f0c2a1b2c3d4e5f60718'] } })).status).toBe(404);
    expect((await server.call('POST', '/api/v1/enterprise-bundles', { token: e.owner, body: { title: '自建包', itemIds: [a] } })).status).toBe(403);
    expect((await server.call('GET', `/api/v1/enterprises/${e.id}/matches?bundle=${'x'.repeat(24)}`, { token: e.owner })).status).toBe(400);
  });
});
