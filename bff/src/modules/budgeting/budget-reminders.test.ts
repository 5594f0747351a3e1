import { startTestServer, type TestServer } from '../../../test/http';
import { nowMs } from '../../platform/clock';
import { runOutboxOnce } from '../notifications/outbox-delivery';
import { acceptSubscriptions, outboxDeps } from '../notifications/notification-test-kit';
import { NOTICES } from '../notifications/notices';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { runBudgetRemindersOnce } from './budget-reminders';

let server: TestServer;
let world: VolunteerWorld;
let deps: Awaited<ReturnType<typeof outboxDeps>>;
beforeAll(async () => {
  server = await startTestServer('budget-reminders');
  world = await setUpVolunteerWorld(server);
  deps = await outboxDeps(server);
});
afterAll(async () => {
  await deps.close();
  await server.close();
});

const HOUR = 3600_000;
const idOf = async (token: string) => (await server.call('GET', '/api/v1/me', { token })).body.id as string;
const roundNotices = async (id: string) => (await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === id);

describe('民生微实事 reminders through the outbox', () => {
  it('when a round opens, then its residents who asked are told once; a day before it closes, those who have not voted are reminded once, and no one of another community', async () => {
    const subscribed = await residentAged(server, world, 'remind-budget-sub');
    const quiet = await residentAged(server, world, 'remind-budget-quiet');
    const voted = await residentAged(server, world, 'remind-budget-voted');
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'remind-budget-elsewhere');
    await acceptSubscriptions(server, subscribed, 'polls');
    await acceptSubscriptions(server, elsewhere, 'polls');

    const t0 = nowMs();
    const closesAt = t0 + 72 * HOUR;
    const created = await server.call('POST', '/api/v1/budget-rounds', {
      token: world.staff,
      body: {
        title: '2027年民生微实事', description: '请选择项目', communityId: world.communityId, budget: 50_000,
        opensAt: new Date(t0 - 60_000).toISOString(), closesAt: new Date(closesAt).toISOString(),
        candidates: [{ id: 'lights', title: '楼道照明改造', cost: 30_000 }, { id: 'board', title: '社区公告栏', cost: 5_000 }],
      },
    });
    const id = created.body.id as string;
    expect((await server.call('POST', `/api/v1/budget-rounds/${id}/publish`, { token: world.staff })).status).toBe(200);
    const run = (at: number) => Promise.all([runBudgetRemindersOnce(deps, { now: new Date(at) }), runBudgetRemindersOnce(deps, { now: new Date(at) })]);

    await run(t0 - HOUR); // before it opens
    expect(await roundNotices(id)).toHaveLength(0);
    await run(t0);
    await run(t0 + HOUR);
    expect((await roundNotices(id)).map((n) => [n.kind, String(n.userId)])).toEqual([['budget_opened', await idOf(subscribed)]]);
    await runOutboxOnce(deps, { collections: [NOTICES], now: new Date(t0) });
    const sent = server.simulator.sentMessages().filter((m) => m.templateId === server.config.wechat.subscribeTemplates.pollReminder);
    expect(sent.map((m) => [m.page, m.data.phrase3?.value])).toEqual([[`packages/polls/budget/index?id=${id}`, '预算投票']]);

    expect((await server.call('POST', `/api/v1/budget-rounds/${id}/ballots`, { token: voted, body: { projects: ['board'] } })).status).toBe(201);
    await run(closesAt - 30 * HOUR); // not yet within the day
    expect((await roundNotices(id)).filter((n) => n.kind === 'budget_closing')).toHaveLength(0);
    await run(closesAt - 20 * HOUR);
    await run(closesAt - 10 * HOUR); // once only
    const closing = (await roundNotices(id)).filter((n) => n.kind === 'budget_closing').map((n) => String(n.userId));
    expect(closing).toEqual(expect.arrayContaining([await idOf(subscribed), await idOf(quiet)]));
    expect(closing).not.toContain(await idOf(voted));
    expect(closing).not.toContain(await idOf(elsewhere));
    expect(new Set(closing).size).toBe(closing.length);
    await runOutboxOnce(deps, { collections: [NOTICES], now: new Date(closesAt - 10 * HOUR) });
    const inbox = (await server.call('GET', '/api/v1/messages', { token: quiet })).body.items as Array<{ title: string }>;
    expect(inbox.map((m) => m.title)).toContain('民生微实事投票即将截止');
  });
});
