import mongoose, { type Connection } from 'mongoose';
import { databaseNameOf } from '../dev/database';
import { connectDatabase } from '../src/platform/database';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld } from '../src/modules/complaints/complaint-test-kit';
import { runProposalSweepOnce } from '../src/modules/proposals/proposal-sweep';
import { createShift, residentAged, setUpVolunteerWorld, shiftBody, signUp, volunteer } from '../src/modules/volunteers/volunteer-test-kit';
import { startTestServer, type TestServer } from './http';
import { fillCollections, FILL_TO, judgePlan, recordQueries, type PlanVerdict } from './query-plans';

/**
 * Reference collections that stay small by nature (a street has a few dozen communities, units and
 * categories) may be read whole; every other query a request makes must be served by an index.
 */
// small by nature: reference tables, the mutual-aid categories an admin keeps (about ten), and the
// enterprise office's 资源包 (a theme each: a dozen or so)
const BOUNDED = new Set(['communities', 'units', 'categories', 'calendar_years', 'volunteer_certificate_issuers', 'aid_categories', 'enterprise_bundles']);

/** When a resident, the dispatch centre, a unit and volunteers go about their day, then every query they caused is served by an index. */
describe('query plans of the request paths', () => {
  let server: TestServer;
  let conn: Connection;
  let recorder: ReturnType<typeof recordQueries>;

  beforeAll(async () => {
    server = await startTestServer('query-plans', { monitorCommands: true });
    const dbName = databaseNameOf(server.mongoUri)!;
    const appConn = mongoose.connections.find((c) => c.name === dbName && c.getClient().options.monitorCommands);
    if (!appConn) throw new Error('the BFF connection with command monitoring was not found');
    conn = await connectDatabase(server.mongoUri);
    // the world is set up before recording: seeding writes straight to the database
    const world = await setUpWorld(server);
    const vWorld = await setUpVolunteerWorld(server);
    recorder = recordQueries(appConn.getClient(), dbName);

    const resident = await registeredResident(server, world, 'plans-resident');
    const call = (path: string, token: string) => server.call('GET', path, { token });
    await call('/api/v1/me', resident);
    const filed = await fileComplaint(server, resident, complaintBody(world));
    const id = filed.body.id as string;
    await call('/api/v1/complaints/mine', resident);
    await call(`/api/v1/complaints/${id}`, resident);
    await call(`/api/v1/complaints/similar?categoryId=${world.categoryId}&lat=22.5431&lng=114.0579`, resident);
    await call('/api/v1/staff/complaints', world.dispatcher);
    await act(server, world.dispatcher, id, 'accept');
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
    await call('/api/v1/staff/tasks', world.unitStaff);
    await act(server, world.unitStaff, id, 'sign');
    await call(`/api/v1/staff/complaints/${id}`, world.unitStaff);
    await call('/api/v1/staff/assessment', world.dispatcher);
    await call('/open311/v2/requests.json', '');

    const shiftId = await createShift(server, vWorld.staff, vWorld.projectId, shiftBody());
    const v = await volunteer(server, vWorld, 'plans-volunteer');
    await signUp(server, v, shiftId);
    await call('/api/v1/volunteer-shifts', v);
    await call('/api/v1/volunteer-shifts/mine', v);
    await call(`/api/v1/volunteer-shifts/${shiftId}`, v);
    await call(`/api/v1/volunteer-shifts/${shiftId}/roster`, vWorld.staff);
    await call('/api/v1/volunteers/me/hours', v);

    const now = Date.now();
    const poll = await server.call('POST', '/api/v1/polls', {
      token: vWorld.staff,
      body: {
        title: '社区议事', questions: [{ id: 'q', kind: 'single', title: '是否同意', options: [{ id: 'y', label: '同意' }, { id: 'n', label: '不同意' }] }],
        audience: { scope: 'communities', communityIds: [vWorld.communityId] }, opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(), results: 'live', ballot: 'secret',
      },
    });
    const pollId = poll.body.id as string;
    await server.call('POST', `/api/v1/polls/${pollId}/publish`, { token: vWorld.staff });
    await call('/api/v1/polls', v);
    await call(`/api/v1/polls/${pollId}`, v);
    await server.call('POST', `/api/v1/polls/${pollId}/ballots`, { token: v, body: { answers: [{ questionId: 'q', choices: ['y'] }] } });
    await call(`/api/v1/polls/${pollId}/results`, v);
    await call('/api/v1/polls/managed', vWorld.staff);

    const round = await server.call('POST', '/api/v1/budget-rounds', {
      token: vWorld.staff,
      body: {
        title: '民生微实事', communityId: vWorld.communityId, budget: 100, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(),
        candidates: [{ id: 'a', title: '项目一', cost: 60 }, { id: 'b', title: '项目二', cost: 40 }],
      },
    });
    const roundId = round.body.id as string;
    await server.call('POST', `/api/v1/budget-rounds/${roundId}/publish`, { token: vWorld.staff });
    await call('/api/v1/budget-rounds', v);
    await call(`/api/v1/budget-rounds/${roundId}`, v);
    await server.call('POST', `/api/v1/budget-rounds/${roundId}/ballots`, { token: v, body: { projects: ['a'] } });
    await call('/api/v1/budget-rounds/managed', vWorld.staff);
    // proposals: propose, support to the threshold, list both orders and pages, answer, report progress, sweep
    await server.call('PUT', `/api/v1/proposal-settings/${vWorld.communityId}`, { token: vWorld.staff, body: { threshold: 2 } });
    await call(`/api/v1/proposal-settings/${vWorld.communityId}`, vWorld.staff);
    const proposalBody = { title: '增设充电桩', text: '建议在3号楼北侧增设电动车充电桩。', photoIds: [] };
    const proposal = await server.call('POST', '/api/v1/proposals', { token: v, body: proposalBody });
    const proposalId = proposal.body.id as string;
    for (const name of ['plans-supporter-1', 'plans-supporter-2']) {
      await server.call('POST', `/api/v1/proposals/${proposalId}/supports`, { token: await residentAged(server, vWorld, name) });
    }
    const other = await server.call('POST', '/api/v1/proposals', { token: v, body: proposalBody });
    for (const order of ['newest', 'supported']) {
      const first = await call(`/api/v1/proposals?order=${order}&limit=1`, v);
      await call(`/api/v1/proposals?order=${order}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, v);
    }
    await call('/api/v1/proposals/mine', v);
    await call(`/api/v1/proposals/${proposalId}`, v);
    await call('/api/v1/proposals/queue?queue=awaiting&limit=1', vWorld.staff);
    await server.call('POST', `/api/v1/proposals/${proposalId}/answer`, { token: vWorld.staff, body: { decision: 'adopted', text: '采纳，下月施工' } });
    await server.call('POST', `/api/v1/proposals/${proposalId}/progress`, { token: vWorld.staff, body: { text: '已完成选址' } });
    await call('/api/v1/proposals/queue?queue=adopted', vWorld.staff);
    await server.call('POST', `/api/v1/proposals/${other.body.id}/withdraw`, { token: v });
    await runProposalSweepOnce({ conn: appConn });
    // a minute on: the answered proposal's count is checked against its supports
    await runProposalSweepOnce({ conn: appConn }, { now: new Date(Date.now() + 120_000) });

    const soon = Date.now() + 3600_000;
    const aidBody = {
      kind: 'ask', category: 'errand', text: '请邻居帮忙取一下快递', startsAt: new Date(soon).toISOString(), endsAt: new Date(soon + 4 * 3600_000).toISOString(),
      place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花小区3栋502', area: '莲花小区3栋附近' },
    };
    const aidPost = (await server.call('POST', '/api/v1/aid/posts', { token: v, body: aidBody })).body.id as string;
    const helper = await residentAged(server, vWorld, 'plans-aid-helper');
    await call('/api/v1/aid/posts?limit=5', helper);
    await call('/api/v1/aid/posts?limit=5&kind=ask&category=errand', helper);
    await call('/api/v1/aid/posts?sort=nearest&lat=22.5431&lng=114.0579', helper);
    await call(`/api/v1/aid/posts/${aidPost}`, helper);
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/responses`, { token: helper, body: {} });
    const helperId = (await call('/api/v1/me', helper)).body.id as string;
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/accept`, { token: v, body: { responderId: helperId } });
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/messages`, { token: helper, body: { text: '我到了' } });
    await call(`/api/v1/aid/posts/${aidPost}/messages`, v);
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/complete`, { token: helper, body: { hours: 1 } });
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/confirm`, { token: v, body: { hours: 1 } });
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/ratings`, { token: v, body: { stars: 5 } });
    await call('/api/v1/aid/posts/mine?role=author', v);
    await call('/api/v1/aid/posts/mine?role=helper', helper);
    await call('/api/v1/aid/time-bank', helper);
    await call('/api/v1/aid/unanswered', vWorld.staff);
    await call('/api/v1/aid/moderation', vWorld.staff);
    await call(`/api/v1/aid/people/${helperId}`, v);
    await server.call('POST', `/api/v1/aid/posts/${aidPost}/phone`, { token: v });
    await server.call('PUT', '/api/v1/aid/me/nickname', { token: helper, body: { nickname: '查询计划邻居' } });
    await call('/api/v1/aid/me', helper);
    await server.call('POST', '/api/v1/aid/reports', { token: v, body: { target: 'person', id: helperId, reason: '测试举报' } });
    await call('/api/v1/aid/moderation/people', vWorld.staff);
    await server.call('POST', '/api/v1/aid/suspensions', { token: vWorld.staff, body: { userId: helperId, reason: '测试暂停', until: new Date(Date.now() + 86_400_000).toISOString() } });
    await call('/api/v1/aid/suspensions', vWorld.staff);
    await server.call('DELETE', `/api/v1/aid/suspensions/${helperId}`, { token: vWorld.staff });

    const party = (await server.login('party-lianhua')).accessToken;
    const starts = Date.now() + 30 * 60_000;
    const activity = await server.call('POST', '/api/v1/activities', {
      token: party,
      body: {
        title: '社区健康讲座', body: '讲座内容', startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 3600_000).toISOString(),
        place: { point: { lat: 22.5431, lng: 114.0579 }, address: '党群服务中心' }, capacity: 1, registrationDeadline: new Date(starts - 60_000).toISOString(),
        cancelCutoff: new Date(starts - 60_000).toISOString(), audience: 'community', realNameRequired: true, price: { kind: 'free' },
      },
    });
    const activityId = activity.body.id as string;
    await server.call('POST', `/api/v1/activities/${activityId}/publish`, { token: party });
    await call('/api/v1/activities', v);
    await server.call('POST', `/api/v1/activities/${activityId}/registrations`, { token: v });
    await server.call('POST', `/api/v1/activities/${activityId}/registrations`, { token: helper });
    await call(`/api/v1/activities/${activityId}`, helper);
    await server.call('POST', `/api/v1/activities/${activityId}/registrations/cancel`, { token: v });
    await call('/api/v1/activities/mine', helper);
    await call('/api/v1/activities/managed', party);
    await call(`/api/v1/activities/${activityId}/roster`, party);
    const code = (await call(`/api/v1/activities/${activityId}/qr`, party)).body.token as string;
    await server.call('POST', `/api/v1/activities/${activityId}/check-in`, { token: helper, body: { token: code } });

    const officer = (await server.login('enterprise-service')).accessToken;
    const firm = await server.call('POST', '/api/v1/enterprises', {
      token: v,
      body: {
        name: '查询计划测试公司', creditCode: '91350100M000100Y43', legalRepresentative: '李建国', contactPhone: '13812345678', industry: 'I65',
        employees: 12, revenueWan: 800, assetsWan: 300, foundedOn: '2022-03-01', communityId: vWorld.communityId, tags: [],
      },
    });
    await call('/api/v1/enterprises/review', officer);
    await server.call('POST', `/api/v1/enterprises/${firm.body.id}/review`, { token: officer, body: { decision: 'verify', reason: '核验一致' } });
    await server.call('POST', '/api/v1/enterprise-items', {
      token: officer,
      body: { kind: 'policy', title: '研发补贴', issuer: '科创局', summary: '研发补贴', validFrom: '2026-01-01', validUntil: '2030-12-31', benefit: '最高50万元', howToApply: '网上申报', criteria: { maxEmployees: 300 } },
    });
    await call('/api/v1/enterprises/mine', v);
    await call(`/api/v1/enterprises/${firm.body.id}`, v);
    await call(`/api/v1/enterprises/${firm.body.id}/matches`, v);
    const invitation = await server.call('POST', `/api/v1/enterprises/${firm.body.id}/invitations`, { token: v });
    await server.call('POST', '/api/v1/enterprises/join', { token: helper, body: { code: invitation.body.code } });
    await call(`/api/v1/enterprises/${firm.body.id}/members`, v);
    // the service desk, favourites, 意向申报, versions, bundles and the dashboard
    const itemId = (await call('/api/v1/enterprise-items', officer)).body.items[0].id as string;
    await server.call('PUT', `/api/v1/enterprises/${firm.body.id}/favourites/${itemId}`, { token: v });
    await call(`/api/v1/enterprises/${firm.body.id}/favourites`, v);
    const deskCase = await server.call('POST', `/api/v1/enterprises/${firm.body.id}/cases`, { token: v, body: { kind: 'question', subject: '研发补贴', text: '请问如何申报研发补贴？' } });
    await server.call('POST', `/api/v1/enterprises/${firm.body.id}/intents/${itemId}`, { token: helper, body: {} });
    await call(`/api/v1/enterprises/${firm.body.id}/cases`, v);
    await call('/api/v1/enterprise-cases?state=open', officer);
    await call('/api/v1/enterprise-cases?overdue=true', officer);
    await call(`/api/v1/enterprise-cases/${deskCase.body.id}`, officer);
    await server.call('POST', `/api/v1/enterprise-cases/${deskCase.body.id}/reply`, { token: officer, body: { text: '请登录政务服务网申报。' } });
    await server.call('POST', `/api/v1/enterprise-cases/${deskCase.body.id}/close`, { token: v });
    await server.call('POST', `/api/v1/enterprise-cases/${deskCase.body.id}/rating`, { token: v, body: { stars: 5 } });
    await server.call('POST', '/api/v1/enterprise-bundles', { token: officer, body: { title: '科技包', itemIds: [itemId] } });
    await server.call('PUT', `/api/v1/enterprise-items/${itemId}`, {
      token: officer,
      body: { kind: 'policy', title: '研发补贴', issuer: '科创局', summary: '研发补贴', validFrom: '2026-01-01', validUntil: '2030-12-31', benefit: '最高80万元', howToApply: '网上申报', criteria: { maxEmployees: 300 } },
    });
    await server.call('POST', '/api/v1/enterprise-items/preview', { token: officer, body: { criteria: { maxEmployees: 100 } } });
    await call('/api/v1/enterprise-dashboard', officer);
    await server.call('DELETE', `/api/v1/enterprises/${firm.body.id}/members/${helperId}`, { token: v });
    recorder.stop();
  }, 300_000);

  afterAll(async () => {
    await conn?.close();
    await server?.close();
  });

  it(`when each collection holds ${FILL_TO} documents, then no captured query reads a whole collection`, async () => {
    const queries = recorder.queries().filter((q) => !BOUNDED.has(q.collection));
    expect(queries.length).toBeGreaterThan(10);
    const proposalQueries = queries.filter((q) => q.collection.startsWith('proposal'));
    expect(new Set(proposalQueries.map((q) => q.collection))).toEqual(new Set(['proposals', 'proposal_supports', 'proposal_settings']));
    expect(proposalQueries.some((q) => JSON.stringify(q.filter).includes('$or'))).toBe(true);
    await fillCollections(conn, queries.map((q) => q.collection));
    const verdicts: PlanVerdict[] = [];
    for (const q of queries) verdicts.push(await judgePlan(conn, q));
    const scans = verdicts.filter((v) => v.index === null).map((v) => `${v.query.collection} ${v.query.command} ${JSON.stringify(v.query.filter)}`);
    expect(scans).toEqual([]);
  }, 300_000);
});
