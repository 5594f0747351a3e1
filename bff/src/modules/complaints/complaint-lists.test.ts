import mongoose, { Types, type Connection } from 'mongoose';
import { complaintDoc, insertComplaintDocs } from '../../../test/complaint-docs';
import { startTestServer, type TestServer } from '../../../test/http';
import { resetClock, setClock } from '../../platform/clock';
import { assessmentCounting } from '../assessment/assessment-tallies';
import { runDeadlineSweepOnce } from './deadline-sweep';

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

  it('when the intake queue is paged one at a time, then its complaints come newest first, each exactly once, across its states', async () => {
    const docs = [complaintDoc({ state: 'submitted' }), complaintDoc({ state: 'accepted' }), complaintDoc({ state: 'submitted' })];
    await insertComplaintDocs(conn, docs);
    const all = ids(await server.call('GET', '/api/v1/staff/complaints?filter=intake&limit=100', { token: dispatcher }));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await server.call(
        'GET', `/api/v1/staff/complaints?filter=intake&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: dispatcher },
      );
      paged.push(...ids(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect([...all].sort().reverse()).toEqual(all);
    for (const d of docs) expect(all).toContain(d._id.toHexString());
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
    await runDeadlineSweepOnce({ conn, counting: assessmentCounting });
    expect(ids(await queue('overdue'))).toContain(id);
    expect(ids(await tasks('overdue'))).toContain(id);
    const toSign = (await tasks('to_sign')).body.items.find((c: { id: string }) => c.id === id);
    expect(toSign).toMatchObject({ overdue: true, state: 'dispatched' });
  });
});
