import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from '../complaints/complaint-test-kit';
import { acceptSubscriptions, openidOf, outboxDeps } from './notification-test-kit';
import { runOutboxOnce } from './outbox-delivery';

let server: TestServer;
let world: ComplaintWorld;
let deps: Awaited<ReturnType<typeof outboxDeps>>;

beforeAll(async () => {
  server = await startTestServer('notifications');
  world = await setUpWorld(server);
  deps = await outboxDeps(server);
});
afterAll(async () => {
  await deps.close();
  await server.close();
});

const progressId = () => server.config.wechat.subscribeTemplates.complaintProgress;
const sentTo = (openid: string) => server.simulator.sentMessages().filter((m) => m.touser === openid);
const entriesOf = async (id: string) =>
  ((await server.rawDocuments('complaints')).find((d) => String(d._id) === id)!.outbox as Array<Record<string, unknown>>);
const messagesOf = (token: string, query = '') => server.call('GET', `/api/v1/messages${query}`, { token });
const unreadOf = async (token: string) => (await server.call('GET', '/api/v1/messages/unread-count', { token })).body.unread as number;

async function filedAndAccepted(token: string): Promise<string> {
  const filed = await fileComplaint(server, token, complaintBody(world));
  expect(filed.status).toBe(201);
  await act(server, world.dispatcher, filed.body.id, 'accept');
  return filed.body.id as string;
}

describe('subscribe messages under WeChat rules', () => {
  it('when the resident accepted once, then the first notice is delivered and the next is kept from WeChat, both in the message centre', async () => {
    const resident = await registeredResident(server, world, 'notify-once');
    const openid = await openidOf(server, resident);
    expect(await acceptSubscriptions(server, resident, 'complaint')).toContain(progressId());
    const id = await filedAndAccepted(resident);

    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 1, refused: 0, unsubscribed: 0 });
    expect(sentTo(openid)).toEqual([
      expect.objectContaining({ templateId: progressId(), page: `packages/complaints/detail/index?id=${id}`, data: expect.objectContaining({ phrase3: { value: '已受理' } }) }),
    ]);
    expect(server.simulator.subscriptionsOf(openid, progressId())).toBe(0);

    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0, unsubscribed: 1 });
    expect(sentTo(openid)).toHaveLength(1);
    expect((await entriesOf(id)).map((e) => e.status)).toEqual(['sent', 'unsubscribed']);

    const list = await messagesOf(resident);
    expect(list.body.items.map((m: { title: string }) => m.title)).toEqual(['您的诉求已派单', '您的诉求已受理']);
    expect(list.body.items[0]).toMatchObject({ page: `packages/complaints/detail/index?id=${id}`, read: false });
    expect(await unreadOf(resident)).toBe(2);
  });

  it('when the resident accepted twice, then two notices are delivered: one subscription spent per message', async () => {
    const resident = await registeredResident(server, world, 'notify-twice');
    const openid = await openidOf(server, resident);
    await acceptSubscriptions(server, resident, 'complaint');
    await acceptSubscriptions(server, resident, 'complaint');
    const id = await filedAndAccepted(resident);
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
    await runOutboxOnce(deps);
    expect(sentTo(openid).map((m) => m.data.phrase3!.value)).toEqual(['已受理', '已派单']);
    const me = (await server.call('GET', '/api/v1/me', { token: resident })).body.id;
    const held = (await server.rawDocuments('notification_subscriptions')).filter((s) => String(s.userId) === me);
    expect(held.map((s) => [s.template, s.remaining]).sort()).toEqual([['complaintProgress', 0], ['ratingReminder', 2]]);
  });

  it('when the BFF counts a subscription that WeChat does not hold, then WeChat answers 43101, the entry is refused for good, and the notice is still in the message centre', async () => {
    const resident = await registeredResident(server, world, 'notify-refused');
    const openid = await openidOf(server, resident);
    await acceptSubscriptions(server, resident, 'complaint', { tellWechat: false });
    const id = await filedAndAccepted(resident);

    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0, refused: 1 });
    expect(sentTo(openid)).toHaveLength(0);
    expect((await entriesOf(id))[0]).toMatchObject({ status: 'refused', errcode: 43101, attempts: 1 });
    // final: later runs, even much later, do not try again
    await runOutboxOnce(deps, { now: new Date(Date.now() + 3600_000) });
    expect((await entriesOf(id))[0]).toMatchObject({ status: 'refused', attempts: 1 });

    const list = await messagesOf(resident);
    expect(list.body.items).toEqual([expect.objectContaining({ title: '您的诉求已受理', read: false })]);
  });

  it('when the resident never accepted, then WeChat is not called and the notice is in the message centre only', async () => {
    const resident = await registeredResident(server, world, 'notify-never');
    const openid = await openidOf(server, resident);
    const id = await filedAndAccepted(resident);
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0, unsubscribed: 1 });
    expect(sentTo(openid)).toHaveLength(0);
    expect((await entriesOf(id))[0]).toMatchObject({ status: 'unsubscribed', attempts: 0 });
    expect(await unreadOf(resident)).toBe(1);
  });

  it('when a staff member moves a complaint, then the tap asks for the overdue alerts of their desk, and what they accept is held for them', async () => {
    const overdueId = server.config.wechat.subscribeTemplates.overdueAlert;
    const templates = await server.call('GET', '/api/v1/notifications/subscribe-templates', { token: world.dispatcher });
    expect(templates.body.staffWork).toEqual([overdueId]);
    expect(await acceptSubscriptions(server, world.dispatcher, 'staffWork')).toEqual([overdueId]);
    expect(server.simulator.subscriptionsOf(await openidOf(server, world.dispatcher), overdueId)).toBeGreaterThanOrEqual(1);
  });

  it('when the client reports a template id that is not ours, then it is refused and nothing is recorded', async () => {
    const resident = await registeredResident(server, world, 'notify-unknown');
    const before = (await server.rawDocuments('notification_subscriptions')).length;
    const res = await server.call('POST', '/api/v1/notifications/subscriptions', { token: resident, body: { templateIds: [progressId(), 'someone-elses-template'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('SUBSCRIBE_TEMPLATE_UNKNOWN');
    expect(await server.rawDocuments('notification_subscriptions')).toHaveLength(before);
  });
});

describe('the message centre', () => {
  let owner: string;
  let stranger: string;

  beforeAll(async () => {
    owner = await registeredResident(server, world, 'centre-owner');
    stranger = await registeredResident(server, world, 'centre-stranger');
    for (let i = 0; i < 3; i++) await filedAndAccepted(owner);
    await runOutboxOnce(deps);
  });

  it('when the list is paged, then the cursor walks it newest first without repeats; a bad cursor is refused', async () => {
    const first = await messagesOf(owner, '?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await messagesOf(owner, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    const ids = [...first.body.items, ...second.body.items].map((m: { id: string }) => m.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect((await messagesOf(owner, '?cursor=not-an-id')).status).toBe(400);
  });

  it('when someone marks another person’s message read, then it is not found and stays unread; the stranger sees none of them', async () => {
    const [message] = (await messagesOf(owner, '?limit=1')).body.items;
    const res = await server.call('POST', `/api/v1/messages/${message.id}/read`, { token: stranger });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('MESSAGE_NOT_FOUND');
    expect((await messagesOf(stranger)).body.items).toEqual([]);
    expect(await unreadOf(stranger)).toBe(0);
    expect(await unreadOf(owner)).toBe(3);
    expect((await server.call('POST', '/api/v1/messages/read-all', { token: stranger })).body).toEqual({ marked: 0 });
    expect(await unreadOf(owner)).toBe(3);
  });

  it('when the owner marks one read and then all, then the unread count follows and a second tap changes nothing', async () => {
    const [message] = (await messagesOf(owner, '?limit=1')).body.items;
    const read = await server.call('POST', `/api/v1/messages/${message.id}/read`, { token: owner });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: message.id, read: true });
    expect(await unreadOf(owner)).toBe(2);
    expect((await server.call('POST', `/api/v1/messages/${message.id}/read`, { token: owner })).body.read).toBe(true);
    expect(await unreadOf(owner)).toBe(2);
    expect((await server.call('POST', '/api/v1/messages/read-all', { token: owner })).body).toEqual({ marked: 2 });
    expect(await unreadOf(owner)).toBe(0);
    expect((await server.call('POST', '/api/v1/messages/nonsense/read', { token: owner })).status).toBe(404);
  });

  it('when nobody is signed in, then the message centre answers 401', async () => {
    expect((await server.call('GET', '/api/v1/messages')).status).toBe(401);
    expect((await server.call('GET', '/api/v1/messages/unread-count')).status).toBe(401);
  });
});
