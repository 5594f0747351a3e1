import { startTestServer, type TestServer } from '../../../test/http';
import { creditCode } from './enterprise-test-kit';
import { advanceClock, resetClock } from '../../platform/clock';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let officer: string;
beforeAll(async () => {
  server = await startTestServer('enterprise_desk');
  world = await setUpVolunteerWorld(server);
  officer = (await server.login('enterprise-service')).accessToken;
});
afterAll(async () => {
  resetClock();
  await server.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-desk')]);


let serial = 0;
const call = (method: string, path: string, token: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token, body });

/** A verified enterprise with its admin (and, when asked, a colleague who joined by invitation). */
async function verifiedEnterprise(prefix: string, withColleague = false): Promise<{ id: string; admin: string; colleague?: string }> {
  const admin = await residentAged(server, world, `${prefix}-admin`);
  const made = await call('POST', '/enterprises', admin, {
    name: `深圳${prefix}科技有限公司`, creditCode: creditCode(`91440300MA5D${String(++serial).padStart(5, '0')}`), legalRepresentative: '李建国', contactPhone: '13812345678',
    industry: 'I65', employees: 12, revenueWan: 800, assetsWan: 300, foundedOn: '2022-03-01', communityId: world.communityId, tags: ['科技型中小企业'],
  });
  if (made.status !== 201) throw new Error(`enterprise: ${made.status} ${JSON.stringify(made.body)}`);
  expect((await call('POST', `/enterprises/${made.body.id}/review`, officer, { decision: 'verify', reason: '材料齐全' })).status).toBe(200);
  if (!withColleague) return { id: made.body.id, admin };
  const colleague = await residentAged(server, world, `${prefix}-colleague`);
  const { code } = (await call('POST', `/enterprises/${made.body.id}/invitations`, admin)).body;
  expect((await call('POST', '/enterprises/join', colleague, { code })).status).toBe(200);
  return { id: made.body.id, admin, colleague };
}

async function publishedItem(title: string): Promise<string> {
  const res = await call('POST', '/enterprise-items', officer, {
    kind: 'policy', title, issuer: '区科技创新局', summary: '对科技型中小企业按研发投入给予补贴', validFrom: '2026-01-01', validUntil: '2027-12-31',
    benefit: '最高补贴50万元', benefitWan: 50, howToApply: '登录区政务服务网申报', criteria: { industries: ['I65'], maxEmployees: 300 },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('the enterprise service desk', () => {
  it('when an enterprise asks about an item, then the officers answer, it follows up, they answer again, it closes and rates once; the opener is told of each reply', async () => {
    const { id, admin, colleague } = await verifiedEnterprise('desk-flow', true);
    const itemId = await publishedItem('研发费用补贴（服务台测试）');
    const photo = (await server.upload(admin, PNG, { filename: 'licence.png', type: 'image/png' })).body.id as string;
    const opened = await call('POST', `/enterprises/${id}/cases`, admin, { kind: 'question', itemId, subject: '研发补贴怎么申报', text: '我们去年研发投入120万元，想了解申报材料。', photoIds: [photo] });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ state: 'open', kind: 'question', item: { id: itemId }, overdue: false, viewer: { side: 'enterprise', actions: ['close'] } });
    expect(opened.body.number).toMatch(/^QY\d{8}[0-9A-F]{4}$/);
    expect(Date.parse(opened.body.replyDueAt)).toBeGreaterThan(Date.now());
    const caseId = opened.body.id as string;

    // the colleague reads it; the officers see it in their queue, open and not overdue
    expect((await call('GET', `/enterprise-cases/${caseId}`, colleague!)).body.events).toHaveLength(1);
    const queued = (await call('GET', '/enterprise-cases?state=open', officer)).body.items as Array<{ id: string; overdue: boolean }>;
    expect(queued.find((c) => c.id === caseId)).toMatchObject({ overdue: false });
    const asOfficer = (await call('GET', `/enterprise-cases/${caseId}`, officer)).body;
    expect(asOfficer.viewer).toEqual({ side: 'officer', actions: ['reply'] });
    expect(asOfficer.events[0].label).toBe('深圳desk-flow科技有限公司 王*明');
    // the officer sees the attachment
    expect((await fetch(`${server.url}/api/v1/uploads/${photo}`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(200);

    const replied = await call('POST', `/enterprise-cases/${caseId}/reply`, officer, { text: '请准备研发费用加计扣除备案表和审计报告。' });
    expect(replied.body).toMatchObject({ state: 'answered' });
    expect(replied.body.replyDueAt).toBeUndefined();
    const asked = await call('POST', `/enterprise-cases/${caseId}/follow-up`, colleague!, { text: '审计报告需要哪一年的？' });
    expect(asked.body.state).toBe('open');
    expect(asked.body.replyDueAt).toBeDefined();
    expect((await call('POST', `/enterprise-cases/${caseId}/reply`, officer, { text: '上一年度的即可。' })).body.state).toBe('answered');
    const notices = (await server.rawDocuments('notices')).filter((n) => String(n._id).startsWith(`enterprise-case:${caseId}:`));
    expect(notices).toHaveLength(2);

    const closed = await call('POST', `/enterprise-cases/${caseId}/close`, admin);
    expect(closed.body).toMatchObject({ state: 'closed', viewer: { actions: ['rate'] } });
    expect((await call('POST', `/enterprise-cases/${caseId}/rating`, admin, { stars: 5, comment: '答复清楚' })).body.rating).toEqual({ stars: 5, comment: '答复清楚' });
    expect((await call('POST', `/enterprise-cases/${caseId}/rating`, colleague!, { stars: 1 })).body.error.code).toBe('ENTERPRISE_CASE_ALREADY_RATED');
    expect((await call('POST', `/enterprise-cases/${caseId}/reply`, officer, { text: '补充说明一下' })).body.error.code).toBe('ENTERPRISE_CASE_STATE_CONFLICT');
    expect((await call('POST', `/enterprise-cases/${caseId}/follow-up`, admin, { text: '还想再问问' })).status).toBe(409);
    const timeline = (await call('GET', `/enterprise-cases/${caseId}`, admin)).body.events.map((e: { action: string; by: string }) => `${e.by}:${e.action}`);
    expect(timeline).toEqual(['enterprise:open', 'officer:reply', 'enterprise:follow_up', 'officer:reply', 'enterprise:close', 'enterprise:rate']);
  });

  it('when others reach for a case, then another enterprise, a removed colleague and a resident get 404, and only officers read the queue', async () => {
    const { id, admin, colleague } = await verifiedEnterprise('desk-private', true);
    const other = await verifiedEnterprise('desk-nosy');
    const caseId = (await call('POST', `/enterprises/${id}/cases`, admin, { kind: 'help', subject: '招工难', text: '想请街道帮忙对接招聘会。' })).body.id as string;
    const resident = await residentAged(server, world, 'desk-resident');
    for (const t of [other.admin, resident, world.staff]) {
      expect((await call('GET', `/enterprise-cases/${caseId}`, t)).status).toBe(404);
      expect((await call('POST', `/enterprise-cases/${caseId}/close`, t)).status).toBe(404);
      expect((await call('GET', `/enterprises/${id}/cases`, t)).status).toBe(404);
      expect((await call('POST', `/enterprises/${id}/cases`, t, { kind: 'help', subject: '冒名提问', text: '冒充别的企业提问试试' })).status).toBe(404);
    }
    expect((await call('GET', '/enterprise-cases', resident)).status).toBe(403);
    expect((await call('POST', `/enterprise-cases/${caseId}/reply`, admin, { text: '自问自答一下' })).status).toBe(403);
    const members = (await call('GET', `/enterprises/${id}/members`, admin)).body.items as Array<{ userId: string; role: string }>;
    expect((await call('GET', `/enterprise-cases/${caseId}`, colleague!)).status).toBe(200);
    expect((await call('DELETE', `/enterprises/${id}/members/${members.find((m) => m.role === 'member')!.userId}`, admin)).status).toBe(204);
    expect((await call('GET', `/enterprise-cases/${caseId}`, colleague!)).status).toBe(404);
    expect((await call('GET', `/enterprises/${id}/cases`, other.admin)).status).toBe(404);
  });

  it('when input is malformed, then it is refused with 400 and nothing is stored', async () => {
    const { id, admin } = await verifiedEnterprise('desk-bad');
    const before = (await server.rawDocuments('enterprise_cases')).length;
    for (const body of [
      { kind: 'question', subject: '短', text: '内容足够长的问题' },
      { kind: 'question', subject: '标题正常', text: '短' },
      { kind: 'intent', subject: '标题正常', text: '意向申报走专门的入口' },
      { kind: 'question', itemId: { $gt: '' }, subject: '标题正常', text: '内容足够长的问题' },
      { kind: 'question', subject: '标题正常', text: '内容足够长的问题', state: 'closed' },
    ]) {
      expect((await call('POST', `/enterprises/${id}/cases`, admin, body)).status).toBe(400);
    }
    expect((await call('POST', `/enterprises/${id}/cases`, admin, { kind: 'question', itemId: '64b7f0c2a1b2c3d4e5f60718', subject: '标题正常', text: '内容足够长的问题' })).body.error.code).toBe('ENTERPRISE_ITEM_NOT_FOUND');
    expect((await server.rawDocuments('enterprise_cases')).length).toBe(before);
    const caseId = (await call('POST', `/enterprises/${id}/cases`, admin, { kind: 'question', subject: '标题正常', text: '内容足够长的问题' })).body.id as string;
    expect((await call('POST', `/enterprise-cases/${caseId}/reply`, officer, { text: 'x' })).status).toBe(400);
    expect((await call('POST', `/enterprise-cases/${caseId}/rating`, admin, { stars: 6 })).status).toBe(400);
    // rating before any reply: nothing to rate
    expect((await call('POST', `/enterprise-cases/${caseId}/close`, admin)).status).toBe(200);
    expect((await call('POST', `/enterprise-cases/${caseId}/rating`, admin, { stars: 3 })).body.error.code).toBe('ENTERPRISE_CASE_STATE_CONFLICT');
  });
});

describe('favourites, 意向申报 and the dashboard', () => {
  it('when an enterprise favourites an item and declares its intent (twice at once), then one intent case exists and the dashboard counts both', async () => {
    const { id, admin, colleague } = await verifiedEnterprise('desk-intent', true);
    const itemId = await publishedItem('稳岗补贴（意向测试）');
    expect((await call('PUT', `/enterprises/${id}/favourites/${itemId}`, admin)).status).toBe(204);
    expect((await call('PUT', `/enterprises/${id}/favourites/${itemId}`, colleague!)).status).toBe(204); // once per enterprise
    expect((await call('GET', `/enterprises/${id}/favourites`, colleague!)).body.items.map((i: { id: string }) => i.id)).toEqual([itemId]);
    expect((await call('PUT', `/enterprises/${id}/favourites/64b7f0c2a1b2c3d4e5f60718`, admin)).body.error.code).toBe('ENTERPRISE_ITEM_NOT_FOUND');

    const tries = await Promise.all([admin, colleague!].map((t) => call('POST', `/enterprises/${id}/intents/${itemId}`, t, {})));
    expect(tries.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(tries.find((r) => r.status === 409)!.body.error.code).toBe('ENTERPRISE_INTENT_EXISTS');
    const intent = tries.find((r) => r.status === 201)!.body;
    expect(intent).toMatchObject({ kind: 'intent', state: 'open', item: { id: itemId } });
    expect(intent.events[0].text).toContain('稳岗补贴（意向测试）');

    const board = (await call('GET', '/enterprise-dashboard', officer)).body;
    expect(board.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({ favourites: 1, intents: 1 });
    const matchedBefore = board.items.find((i: { id: string }) => i.id === itemId).matched as number;
    expect(matchedBefore).toBeGreaterThanOrEqual(1);
    // an enterprise verified after the item was published counts too; a rejected one does not
    await verifiedEnterprise('desk-intent-late');
    const rejectedOwner = await residentAged(server, world, 'desk-intent-rejected');
    const rejected = (await call('POST', '/enterprises', rejectedOwner, {
      name: '深圳驳回测试有限公司', creditCode: creditCode(`91440300MA5D${String(++serial).padStart(5, '0')}`), legalRepresentative: '李建国', contactPhone: '13812345678',
      industry: 'I65', employees: 12, revenueWan: 800, assetsWan: 300, foundedOn: '2022-03-01', communityId: world.communityId, tags: [],
    })).body.id as string;
    await call('POST', `/enterprises/${rejected}/review`, officer, { decision: 'reject', reason: '材料不全' });
    const later = (await call('GET', '/enterprise-dashboard', officer)).body;
    expect(later.items.find((i: { id: string }) => i.id === itemId).matched).toBe(matchedBefore + 1);
    expect(board.enterprises.verified).toBeGreaterThanOrEqual(1);
    expect(board.cases.open).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/enterprise-dashboard', admin)).status).toBe(403);

    expect((await call('DELETE', `/enterprises/${id}/favourites/${itemId}`, admin)).status).toBe(204);
    expect((await call('GET', `/enterprises/${id}/favourites`, admin)).body.items).toEqual([]);
  });

  it('when the officers miss the reply deadline (3 working days), then the case is flagged overdue in their queue and on the dashboard', async () => {
    const { id, admin } = await verifiedEnterprise('desk-late');
    const caseId = (await call('POST', `/enterprises/${id}/cases`, admin, { kind: 'question', subject: '场地租金补贴', text: '请问园区租金补贴今年还有吗？' })).body.id as string;
    const before = (await call('GET', '/enterprise-dashboard', officer)).body.cases.overdue as number;
    advanceClock(8 * 24 * 3600_000);
    const officerNow = (await server.login('enterprise-service')).accessToken;
    const overdue = (await call('GET', '/enterprise-cases?overdue=true', officerNow)).body.items as Array<{ id: string; overdue: boolean }>;
    expect(overdue.find((c) => c.id === caseId)).toMatchObject({ overdue: true });
    expect((await call('GET', '/enterprise-dashboard', officerNow)).body.cases.overdue).toBeGreaterThan(before);
    expect((await call('POST', `/enterprise-cases/${caseId}/reply`, officerNow, { text: '抱歉回复晚了，今年仍有。' })).body.overdue).toBe(false);
    resetClock();
  });
});
