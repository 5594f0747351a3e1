import { startTestServer, type TestServer } from '../../../test/http';
import { nowMs } from '../../platform/clock';
import { runOutboxOnce } from '../notifications/outbox-delivery';
import { acceptSubscriptions, outboxDeps } from '../notifications/notification-test-kit';
import { NOTICES } from '../notifications/notices';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { createMiniProgramApi } from '../../wechat/miniprogram';
import { createPollService } from './polls.service';
import { runPollRemindersOnce } from './poll-reminders';

let server: TestServer;
let world: VolunteerWorld;
let deps: Awaited<ReturnType<typeof outboxDeps>>;
beforeAll(async () => {
  server = await startTestServer('poll-reminders');
  world = await setUpVolunteerWorld(server);
  deps = await outboxDeps(server);
});
afterAll(async () => {
  await deps.close();
  await server.close();
});

const HOUR = 3600_000;
const idOf = async (token: string) => (await server.call('GET', '/api/v1/me', { token })).body.id as string;
const pollNotices = async (pollId: string) => (await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === pollId);

describe('poll reminders through the outbox', () => {
  it('when a poll opens, then residents of its audience who asked are told once; a day before it closes, those who have not answered are reminded once', async () => {
    const subscribed = await residentAged(server, world, 'remind-poll-sub');
    const quiet = await residentAged(server, world, 'remind-poll-quiet');
    const answered = await residentAged(server, world, 'remind-poll-done');
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'remind-poll-elsewhere');
    await acceptSubscriptions(server, subscribed, 'polls');
    await acceptSubscriptions(server, elsewhere, 'polls');

    const t0 = nowMs();
    const closesAt = t0 + 72 * HOUR;
    const created = await server.call('POST', '/api/v1/polls', {
      token: world.staff,
      body: {
        title: '社区菜市场营业时间征集', questions: [{ id: 'q', kind: 'single', title: '您希望几点开门？', options: [{ id: 'a', label: '6点' }, { id: 'b', label: '7点' }] }],
        audience: { scope: 'communities', communityIds: [world.communityId] }, opensAt: new Date(t0 - 60_000).toISOString(), closesAt: new Date(closesAt).toISOString(),
        results: 'live', ballot: 'secret',
      },
    });
    const id = created.body.id as string;
    await server.call('POST', `/api/v1/polls/${id}/publish`, { token: world.staff });
    const run = (at: number) => Promise.all([runPollRemindersOnce(deps, { now: new Date(at) }), runPollRemindersOnce(deps, { now: new Date(at) })]);

    await run(t0 - HOUR); // before it opens
    expect(await pollNotices(id)).toHaveLength(0);
    await run(t0);
    const opened = await pollNotices(id);
    expect(opened.map((n) => [n.kind, String(n.userId)])).toEqual([['poll_opened', await idOf(subscribed)]]);
    await runOutboxOnce(deps, { collections: [NOTICES], now: new Date(t0) });
    const sent = server.simulator.sentMessages().filter((m) => m.templateId === server.config.wechat.subscribeTemplates.pollReminder);
    expect(sent.map((m) => [m.page, m.data.phrase3?.value])).toEqual([[`packages/polls/poll/index?id=${id}`, '新问卷']]);

    // the poll is answered by one of them once it is open
    expect((await server.call('POST', `/api/v1/polls/${id}/ballots`, { token: answered, body: { answers: [{ questionId: 'q', choices: ['a'] }] } })).status).toBe(201);
    await run(closesAt - 30 * HOUR); // not yet within the day
    expect((await pollNotices(id)).filter((n) => n.kind === 'poll_closing')).toHaveLength(0);
    await run(closesAt - 20 * HOUR);
    await run(closesAt - 10 * HOUR); // once only
    const closing = (await pollNotices(id)).filter((n) => n.kind === 'poll_closing').map((n) => String(n.userId));
    expect(closing).toEqual(expect.arrayContaining([await idOf(subscribed), await idOf(quiet)]));
    expect(closing).not.toContain(await idOf(answered));
    expect(closing).not.toContain(await idOf(elsewhere));
    expect(new Set(closing).size).toBe(closing.length);
    // the one without a subscription is told in the message centre
    await runOutboxOnce(deps, { collections: [NOTICES], now: new Date(closesAt - 10 * HOUR) });
    const inbox = (await server.call('GET', '/api/v1/messages', { token: quiet })).body.items as Array<{ title: string }>;
    expect(inbox.map((m) => m.title)).toContain('意见征集即将截止');
  });

  it('when a closed poll is due, then the settling job recounts it once and later reads find it settled', async () => {
    const t0 = nowMs();
    const created = await server.call('POST', '/api/v1/polls', {
      token: world.staff,
      body: {
        title: '停车收费方案征集', questions: [{ id: 'q', kind: 'single', title: '是否同意', options: [{ id: 'y', label: '同意' }, { id: 'n', label: '不同意' }] }],
        audience: { scope: 'communities', communityIds: [world.communityId] }, opensAt: new Date(t0 - HOUR).toISOString(), closesAt: new Date(t0 + HOUR).toISOString(),
        results: 'live', ballot: 'secret',
      },
    });
    const id = created.body.id as string;
    await server.call('POST', `/api/v1/polls/${id}/publish`, { token: world.staff });
    await server.call('POST', `/api/v1/polls/${id}/ballots`, { token: await residentAged(server, world, 'settle-job-1'), body: { answers: [{ questionId: 'q', choices: ['y'] }] } });
    const wechat = createMiniProgramApi({ baseUrl: server.simulator.url, appId: server.config.wechat.appId, appSecret: server.config.secrets.wechatAppSecret });
    const polls = createPollService({ conn: deps.conn, wechat });
    await polls.settleDue(new Date(t0 + HOUR + 30_000)); // closed by time, but ballots may still land
    expect((await server.rawDocuments('polls')).find((p) => String(p._id) === id)!.settled).toBeUndefined();
    await polls.settleDue(new Date(t0 + HOUR + 61_000));
    const settled = (await server.rawDocuments('polls')).find((p) => String(p._id) === id)!.settled as { ballots: number; sha256: string };
    expect(settled).toMatchObject({ ballots: 1, participations: 1, repaired: false });
    expect(settled.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
