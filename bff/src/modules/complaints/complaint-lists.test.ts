import mongoose, { Types, type Connection } from 'mongoose';
import { complaintDoc, insertComplaintDocs } from '../../../test/complaint-docs';
import { startTestServer, type TestServer } from '../../../test/http';
import { resetClock, setClock } from '../../platform/clock';
import { runDeadlineSweepOnce } from '../complaints-sweep/deadline-sweep';
import { complaintListBuilder, listKeys, listKeysOf } from './complaint-lists';
import { Complaints } from './complaint.model';

let server: TestServer;
let conn: Connection;
let unit: { id: string; name: string };
let dispatcher: string;
let unitStaff: string;
const t0 = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Beijing
const HOUR = 3600_000;

const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((c) => c.id);
const queue = (filter: string) => server.call('GET', `/api/v1/staff/complaints?filter=${filter}`, { token: dispatcher });
const tasks = (filter: string) => server.call('GET', `/api/v1/staff/tasks?filter=${filter}`, { token: unitStaff });

beforeAll(async () => {
  server = await startTestServer('complaint_lists');
  await server.seed();
  conn = await mongoose.createConnection(server.mongoUri).asPromise();
  const units = (await server.call('GET', '/api/v1/units?limit=100')).body.items as Array<{ id: string; name: string; code: string }>;
  unit = units.find((u) => u.code === 'chengguan')!;
  dispatcher = (await server.login('dispatcher')).accessToken;
  unitStaff = (await server.login('unit-chengguan')).accessToken;
});
afterEach(() => resetClock());
afterAll(async () => {
  await conn.close();
  await server.close();
});

describe('complaint lists', () => {
  it('when a complaint is in a state, then it is in exactly the lists of that state', () => {
    const unitId = new Types.ObjectId();
    const residentId = new Types.ObjectId();
    const follower = new Types.ObjectId();
    const c = complaintDoc({ state: 'signed', unitId, residentId, followerIds: [follower], supervised: true, overdue: { any: true, sign: true, level: 1 } });
    expect(listKeysOf(c).sort()).toEqual(
      [
        listKeys.mine(residentId), listKeys.mine(follower), listKeys.queue('overdue'), listKeys.queue('supervised'),
        listKeys.tasks(unitId, 'in_progress'), listKeys.tasks(unitId, 'overdue'), listKeys.similar(c.categoryId),
      ].sort(),
    );
    expect(listKeysOf({ ...c, state: 'closed', assessment: { excluded: false, period: '2026-03', unitId } }).sort()).toEqual(
      [listKeys.mine(residentId), listKeys.mine(follower), listKeys.tasks(unitId, 'resolved'), listKeys.assessment('2026-03', unitId)].sort(),
    );
  });

  it('when the dispatcher accepts, then the complaint stays in the intake queue until it is dispatched, then it is the unit\'s to sign', async () => {
    const doc = complaintDoc({ state: 'submitted' });
    await insertComplaintDocs(conn, [doc]);
    const id = doc._id.toHexString();
    const act = (action: string, body: object = {}) => server.call('POST', `/api/v1/staff/complaints/${id}/${action}`, { token: dispatcher, body });
    expect(ids(await queue('intake'))).toContain(id);
    expect((await act('accept')).status).toBe(200);
    expect((await queue('intake')).body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ state: 'accepted' });
    expect((await act('dispatch', { unitId: unit.id })).status).toBe(200);
    expect(ids(await queue('intake'))).not.toContain(id);
    expect(ids(await tasks('to_sign'))).toContain(id);
  });

  it('when the sweep flags a task overdue, then it joins the overdue queue and the unit\'s overdue list, and stays in to-sign', async () => {
    const doc = complaintDoc({
      state: 'dispatched', unitId: new Types.ObjectId(unit.id), unitName: unit.name, createdAt: t0, stateChangedAt: t0,
      deadlines: { sign: new Date(t0.getTime() + HOUR) },
    });
    await insertComplaintDocs(conn, [doc]);
    const id = doc._id.toHexString();
    expect(ids(await tasks('to_sign'))).toContain(id);
    expect(ids(await queue('overdue'))).not.toContain(id);

    setClock(() => t0.getTime() + 2 * HOUR);
    await runDeadlineSweepOnce({ conn });
    expect(ids(await queue('overdue'))).toContain(id);
    expect(ids(await tasks('overdue'))).toContain(id);
    const toSign = (await tasks('to_sign')).body.items.find((c: { id: string }) => c.id === id);
    expect(toSign).toMatchObject({ overdue: true, state: 'dispatched' });
  });

  it('when a process died between a write and its relisting, then the sweep puts the complaint where it belongs and takes it out of where it was', async () => {
    // the complaint was in the intake queue, then accepted and dispatched; the relist never happened
    const doc = complaintDoc({ state: 'dispatched', unitId: new Types.ObjectId(unit.id), unitName: unit.name, listsStale: true });
    await Complaints(conn).collection.insertOne(doc);
    const before = complaintListBuilder();
    before.add({ ...doc, state: 'submitted' });
    await before.write(conn);
    const id = doc._id.toHexString();
    expect(ids(await queue('intake'))).toContain(id);
    expect(ids(await tasks('to_sign'))).not.toContain(id);

    const { relisted } = await runDeadlineSweepOnce({ conn });
    expect(relisted).toBeGreaterThanOrEqual(1);
    expect(ids(await queue('intake'))).not.toContain(id);
    expect(ids(await tasks('to_sign'))).toContain(id);
    expect((await Complaints(conn).findById(doc._id).lean())!.listsStale).toBe(false);
  });
});
