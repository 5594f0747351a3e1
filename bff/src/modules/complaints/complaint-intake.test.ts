import { advanceClock, resetClock, setClock } from '../../platform/clock';
import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, createCategory, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from './complaint-test-kit';

let server: TestServer;
let world: ComplaintWorld;
beforeAll(async () => {
  server = await startTestServer('complaint-intake');
  world = await setUpWorld(server);
});
afterEach(() => resetClock());
afterAll(() => server.close());

const DAY = 86_400_000;
/** ~0.000449° of latitude is 50 m */
const metresNorth = (point: { lat: number; lng: number }, m: number) => ({ lat: point.lat + m / 111_195, lng: point.lng });
const HERE = { lat: 22.5431, lng: 114.0579 };

describe('filing a complaint', () => {
  it('when the same Idempotency-Key is sent twice at once, then one complaint exists and both answers carry it', async () => {
    const resident = await registeredResident(server, world, 'idem-twice');
    const body = complaintBody(world);
    const [a, b] = await Promise.all([fileComplaint(server, resident, body, 'same-key-0001'), fileComplaint(server, resident, body, 'same-key-0001')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const later = await fileComplaint(server, resident, body, 'same-key-0001');
    expect(later.status).toBe(200);
    expect(later.body.id).toBe(a.body.id);
    expect((await server.call('GET', '/api/v1/complaints/mine', { token: resident })).body.items).toHaveLength(1);
  });

  it('when the same key comes with another body, then 422 IDEMPOTENCY_KEY_REUSED; without a key, 400', async () => {
    const resident = await registeredResident(server, world, 'idem-reuse');
    await fileComplaint(server, resident, complaintBody(world), 'reused-key-01');
    const other = await fileComplaint(server, resident, complaintBody(world, { description: '另一件事情，垃圾没有清运' }), 'reused-key-01');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await server.call('POST', '/api/v1/complaints', { token: resident, body: complaintBody(world) });
    expect(none.status).toBe(400);
  });

  it('when the resident has not done real-name registration, then 403 REAL_NAME_REQUIRED', async () => {
    const { accessToken } = await server.login('no-real-name');
    const res = await fileComplaint(server, accessToken, complaintBody(world));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REAL_NAME_REQUIRED');
  });

  it('when the description fails WeChat\'s content check, then 400 CONTENT_RISKY and nothing is filed', async () => {
    const resident = await registeredResident(server, world, 'risky-words');
    const res = await fileComplaint(server, resident, complaintBody(world, { description: '专业代开发票，价格优惠，联系微信' }), 'risky-key-001');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CONTENT_RISKY');
    expect((await server.call('GET', '/api/v1/complaints/mine', { token: resident })).body.items).toHaveLength(0);
  });
});

describe('the duplicate offer', () => {
  it('when the same category was reported within 50 m and 7 days, then it is offered; at 60 m or after 8 days it is not; and the resident can follow it', async () => {
    const categoryId = await createCategory(server);
    const filer = await registeredResident(server, world, 'dup-filer');
    const filed = await fileComplaint(server, filer, complaintBody(world, { categoryId, location: { point: HERE, address: '莲花路1号' } }));
    const similar = (p: { lat: number; lng: number }, token: string, category = categoryId) =>
      server.call('GET', `/api/v1/complaints/similar?categoryId=${category}&lat=${p.lat}&lng=${p.lng}`, { token });
    const neighbour = await registeredResident(server, world, 'dup-neighbour');
    expect((await similar(metresNorth(HERE, 45), neighbour)).body.items.map((c: { id: string }) => c.id)).toEqual([filed.body.id]);
    expect((await similar(metresNorth(HERE, 60), neighbour)).body.items).toEqual([]);
    expect((await similar(HERE, neighbour, await createCategory(server))).body.items).toEqual([]);

    const followed = await server.call('POST', `/api/v1/complaints/${filed.body.id}/follow`, {
      token: neighbour, body: { categoryId, location: metresNorth(HERE, 45) },
    });
    expect(followed.status).toBe(200);
    const mine = await server.call('GET', '/api/v1/complaints/mine', { token: neighbour });
    expect(mine.body.items.map((c: { id: string; viewerFollows?: boolean }) => [c.id, c.viewerFollows])).toEqual([[filed.body.id, true]]);
    // The follower is told of progress too.
    await act(server, world.dispatcher, filed.body.id, 'accept');
    const [doc] = (await server.rawDocuments('complaints')).filter((d) => String(d._id) === filed.body.id);
    expect((doc!.outbox as unknown[]).length).toBe(2);

    advanceClock(8 * DAY);
    const fresh = (await server.login('dup-neighbour')).accessToken;
    expect((await similar(metresNorth(HERE, 10), fresh)).body.items).toEqual([]);
  });
});

describe('deadlines', () => {
  it('when filed and dispatched, then each step’s deadline comes from the category on the working calendar', async () => {
    // Wednesday 4 March 2026, 10:00 China Standard Time: no holiday that week.
    const filedAt = Date.parse('2026-03-04T02:00:00Z');
    setClock(() => filedAt);
    const resident = await registeredResident(server, world, 'deadline-resident');
    const filed = await fileComplaint(server, resident, complaintBody(world));
    expect(filed.body.deadlines).toEqual({ dispatch: '2026-03-04T04:00:00.000Z' }); // 2 hours

    setClock(() => filedAt + 3600_000);
    const dispatcher = (await server.login('dispatcher')).accessToken;
    await act(server, dispatcher, filed.body.id, 'accept');
    const dispatched = await act(server, dispatcher, filed.body.id, 'dispatch', { unitId: world.units.chengguan });
    expect(dispatched.deadlines).toEqual({
      dispatch: '2026-03-04T04:00:00.000Z',
      sign: '2026-03-04T07:00:00.000Z', // 4 hours from dispatch
      firstContact: '2026-03-05T03:00:00.000Z', // 24 hours
      resolve: '2026-03-09T10:00:00.000Z', // 3 working days: Thu, Fri, Mon, to 18:00
    });
  });
});

describe('rating and sending back', () => {
  async function resolvedComplaint(residentName: string) {
    const resident = await registeredResident(server, world, residentName);
    const id = (await fileComplaint(server, resident, complaintBody(world))).body.id;
    await act(server, world.dispatcher, id, 'accept');
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
    await resolveRound(id);
    return { resident, id };
  }
  async function resolveRound(id: string) {
    await act(server, world.unitStaff, id, 'sign');
    await act(server, world.unitStaff, id, 'contact', { method: 'visit', note: '上门查看' });
    await act(server, world.unitStaff, id, 'resolve', { result: '已经处理完毕，请查看' });
  }
  const sendBack = (token: string, id: string) => server.call('POST', `/api/v1/complaints/${id}/send-back`, { token, body: { reason: '路灯还是不亮，没有修好' } });

  it('when unsatisfied, then the resident sends it back once per resolution and at most twice in all', async () => {
    const { resident, id } = await resolvedComplaint('redo-resident');
    const first = await sendBack(resident, id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'reopened', redoRounds: 1 });
    expect((await sendBack(resident, id)).status).toBe(409);

    await resolveRound(id);
    expect((await sendBack(resident, id)).body.redoRounds).toBe(2);
    await resolveRound(id);
    const third = await sendBack(resident, id);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('REDO_LIMIT_REACHED');
    const rated = await server.call('POST', `/api/v1/complaints/${id}/rating`, { token: resident, body: { satisfaction: 'unsatisfied', resolved: false } });
    expect(rated.body.state).toBe('rated');
  });

  it('when the rating window has passed, then rating and sending back are refused and the dispatch centre records a phone callback instead', async () => {
    const { id } = await resolvedComplaint('late-resident');
    const early = await server.call('POST', `/api/v1/staff/complaints/${id}/phone-callback`, { token: world.dispatcher, body: { reached: false } });
    expect(early.status).toBe(409);

    advanceClock(7 * DAY + 60_000);
    const resident = (await server.login('late-resident')).accessToken;
    const dispatcher = (await server.login('dispatcher')).accessToken;
    const rate = await server.call('POST', `/api/v1/complaints/${id}/rating`, { token: resident, body: { satisfaction: 'satisfied', resolved: true } });
    expect(rate.body.error.code).toBe('RATING_WINDOW_CLOSED');
    expect((await sendBack(resident, id)).body.error.code).toBe('RATING_WINDOW_CLOSED');
    const queue = await server.call('GET', '/api/v1/staff/complaints?filter=callback_due', { token: dispatcher });
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const callback = await server.call('POST', `/api/v1/staff/complaints/${id}/phone-callback`, {
      token: dispatcher,
      body: { reached: true, satisfaction: 'basically_satisfied', resolved: true },
    });
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ state: 'rated', rating: { satisfaction: 'basically_satisfied', source: 'phone' } });
    const publicView = await server.call('GET', `/api/v1/complaints/${id}`, { token: resident });
    expect(publicView.body.timeline.at(-1)).toMatchObject({ action: 'recordPhoneCallback', note: expect.stringContaining('电话回访') });
  });

  it('when the unit appeals the rating and the dispatch centre upholds it, then the complaint leaves the assessment', async () => {
    const { resident, id } = await resolvedComplaint('appeal-resident');
    await server.call('POST', `/api/v1/complaints/${id}/rating`, { token: resident, body: { satisfaction: 'unsatisfied', resolved: false } });
    const other = await server.call('POST', `/api/v1/staff/complaints/${id}/appeal`, { token: world.otherUnitStaff, body: { kind: 'rating', reason: '居民诉求超出职责范围' } });
    expect(other.status).toBe(404);
    const appeal = await server.call('POST', `/api/v1/staff/complaints/${id}/appeal`, { token: world.unitStaff, body: { kind: 'rating', reason: '居民诉求超出职责范围' } });
    expect(appeal.status).toBe(200);
    const twice = await server.call('POST', `/api/v1/staff/complaints/${id}/appeal`, { token: world.unitStaff, body: { kind: 'rating', reason: '再次申诉看看结果' } });
    expect(twice.body.error.code).toBe('APPEAL_ALREADY_FILED');
    const queue = await server.call('GET', '/api/v1/staff/complaints?filter=appeals', { token: world.dispatcher });
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    await act(server, world.dispatcher, id, 'appeal-ruling', { decision: 'upheld', reason: '经核实属实' });
    const [doc] = (await server.rawDocuments('complaints')).filter((d) => String(d._id) === id);
    expect(doc!.assessment).toMatchObject({ excluded: true });
    const again = await server.call('POST', `/api/v1/staff/complaints/${id}/appeal-ruling`, { token: world.dispatcher, body: { decision: 'dismissed', reason: '重复裁定' } });
    expect(again.body.error.code).toBe('NO_PENDING_APPEAL');
  });

  it('when the unit appeals a rating not yet given, or its assignment after the window, then the table refuses and stops offering it', async () => {
    const { id } = await resolvedComplaint('appeal-window-resident');
    const appeal = (token: string, kind: 'rating' | 'assignment') =>
      server.call('POST', `/api/v1/staff/complaints/${id}/appeal`, { token, body: { kind, reason: '不属于本单位职责范围' } });
    const offered = async (token: string) => (await server.call('GET', `/api/v1/staff/complaints/${id}`, { token })).body.allowedActions as string[];
    expect(await offered(world.unitStaff)).toContain('appeal'); // the assignment's window is open
    const early = await appeal(world.unitStaff, 'rating');
    expect([early.status, early.body.error.code]).toEqual([409, 'COMPLAINT_STATE_CONFLICT']);

    advanceClock(30 * DAY);
    const unit = (await server.login('unit-chengguan')).accessToken;
    expect(await offered(unit)).not.toContain('appeal');
    const late = await appeal(unit, 'assignment');
    expect([late.status, late.body.error.code]).toEqual([409, 'APPEAL_WINDOW_CLOSED']);
    const [doc] = (await server.rawDocuments('complaints')).filter((d) => String(d._id) === id);
    expect(doc!.appeal ?? null).toBeNull();
  });

  it('when the dispatch centre supervises without a note, then 400; with one, the flag is set', async () => {
    const { id } = await resolvedComplaint('supervised-resident');
    expect((await server.call('POST', `/api/v1/staff/complaints/${id}/supervise`, { token: world.dispatcher, body: {} })).status).toBe(400);
    const res = await act(server, world.dispatcher, id, 'supervise', { note: '请尽快回访' });
    expect(res.supervised).toBe(true);
  });
});
