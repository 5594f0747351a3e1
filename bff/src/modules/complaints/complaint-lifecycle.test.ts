import { resetClock } from '../../platform/clock';
import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from './complaint-test-kit';

let server: TestServer;
let world: ComplaintWorld;
beforeAll(async () => {
  server = await startTestServer('complaint-lifecycle');
  world = await setUpWorld(server);
});
afterAll(async () => {
  resetClock();
  await server.close();
});

describe('a complaint from filing to closing', () => {
  it('when filed, accepted, dispatched, signed, contacted, resolved, rated and closed, then each step shows on the timelines', async () => {
    const resident = await registeredResident(server, world, 'lifecycle-resident');
    const filed = await fileComplaint(server, resident, complaintBody(world));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ state: 'submitted', number: expect.stringMatching(/^GZ\d{8}\d{6}$/), resident: null });
    const id = filed.body.id;

    await act(server, world.dispatcher, id, 'accept', { note: '已受理' });
    await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan, note: '请尽快处理' });
    await act(server, world.unitStaff, id, 'sign');
    await act(server, world.unitStaff, id, 'contact', { method: 'phone', note: '已电话联系居民' });
    const resolved = await act(server, world.unitStaff, id, 'resolve', { result: '已更换路灯灯泡，恢复照明' });
    expect(resolved).toMatchObject({ state: 'resolved', unitName: '城管执法中队' });

    const rated = await server.call('POST', `/api/v1/complaints/${id}/rating`, { token: resident, body: { satisfaction: 'satisfied', resolved: true, comment: '很快' } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ state: 'rated', rating: { satisfaction: 'satisfied', resolved: true, source: 'resident' } });

    const closed = await act(server, world.dispatcher, id, 'close');
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'accept', 'dispatch', 'sign', 'recordContact', 'resolve', 'rate', 'close',
    ]);

    const mine = await server.call('GET', `/api/v1/complaints/${id}`, { token: resident });
    expect(mine.body.state).toBe('closed');
    expect(mine.body.timeline.every((e: { public: boolean }) => e.public)).toBe(true);
    expect(mine.body.timeline.map((e: { actorLabel: string }) => e.actorLabel)).toContain('城管执法中队');

    const [doc] = (await server.rawDocuments('complaints')).filter((d) => String(d._id) === id);
    const outbox = doc!.outbox as Array<{ data: { phrase3: { value: string } } }>;
    expect(outbox.map((o) => o.data.phrase3.value)).toEqual(['已受理', '已派单', '已办结']);
    // filing, then 7 moves of one update each; the tally changes of resolving and rating were applied
    expect(doc!.version).toBe(7);
    expect((doc!.assessment as { tallyOps: unknown[] }).tallyOps).toEqual([]);
  });
});
