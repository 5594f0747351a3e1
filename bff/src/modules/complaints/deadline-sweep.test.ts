import mongoose, { Types, type Connection } from 'mongoose';
import { devOpenidFor } from '../../../dev/wechat-simulator';
import { complaintDoc } from '../../../test/complaint-docs';
import { startTestServer, type TestServer } from '../../../test/http';
import { resetClock, setClock } from '../../platform/clock';
import { assessmentCounting } from '../assessment/assessment-tallies';
import { Complaints, type ComplaintRecord } from './complaint.model';
import { SYSTEM_ACTOR } from './complaint-actions';
import { runDeadlineSweepOnce } from './deadline-sweep';
import { transition } from './transition';

let server: TestServer;
let conn: Connection;
let unit: { id: string; name: string };
let resident: { id: string; openid: string };
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const t0 = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Beijing

const at = (ms: number) => setClock(() => t0.getTime() + ms);
const sweep = () => runDeadlineSweepOnce({ conn, counting: assessmentCounting });
const read = async (id: Types.ObjectId) => (await Complaints(conn).findById(id).lean()) as ComplaintRecord;
const openid = (login: string) => devOpenidFor(server.config.wechat.appId, login);

async function insert(o: Parameters<typeof complaintDoc>[0]): Promise<Types.ObjectId> {
  const doc = complaintDoc({ unitId: new Types.ObjectId(unit.id), unitName: unit.name, createdAt: t0, stateChangedAt: t0, ...o });
  await Complaints(conn).collection.insertOne(doc);
  return doc._id;
}

function dispatchedAtT0(deadlines: ComplaintRecord['deadlines']) {
  return {
    state: 'dispatched' as const,
    deadlines,
    events: [{ action: 'dispatch', from: 'accepted' as const, to: 'dispatched' as const, at: t0, actorId: null, actorRole: 'dispatcher' as const, actorLabel: '街道指挥分拨中心', public: true }],
  };
}

beforeAll(async () => {
  server = await startTestServer('sweep');
  await server.seed();
  conn = await mongoose.createConnection(server.mongoUri).asPromise();
  const units = (await server.call('GET', '/api/v1/units?limit=100')).body.items as Array<{ id: string; name: string; code: string }>;
  unit = units.find((u) => u.code === 'chengguan')!;
  const login = await server.login('sweep-resident');
  resident = { id: login.user.id, openid: openid('sweep-resident') };
});
afterEach(() => resetClock());
afterAll(async () => {
  await conn.close();
  await server.close();
});

describe('deadline sweep: overdue flags', () => {
  it('when the sign-for deadline passes unsigned, then the complaint is flagged once and the dispatcher and the unit are told once', async () => {
    const id = await insert(dispatchedAtT0({ sign: new Date(t0.getTime() + HOUR), resolve: new Date(t0.getTime() + 3 * DAY) }));
    at(HOUR - 1);
    await sweep();
    expect((await read(id)).overdue.sign).toBe(false);

    at(HOUR + 1);
    await sweep();
    await sweep();
    const c = await read(id);
    expect(c.overdue).toMatchObject({ any: true, sign: true, resolve: false, level: 1 });
    expect(c.outbox.map((e) => e.touser).sort()).toEqual([openid('dispatcher'), openid('unit-chengguan')].sort());
    expect(c.outbox.every((e) => e.data.thing5!.value === '签收超时，请尽快处理')).toBe(true);
    expect(c.events.filter((e) => e.action === 'overdue')).toEqual([expect.objectContaining({ actorRole: 'system', note: '签收超时', public: false })]);
  });

  it('when several sweepers run at once, then one flag and one set of notifications', async () => {
    const id = await insert(dispatchedAtT0({ sign: new Date(t0.getTime() + HOUR) }));
    at(2 * HOUR - 1);
    await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    const c = await read(id);
    expect(c.outbox).toHaveLength(2);
    expect(c.events.filter((e) => e.action === 'overdue')).toHaveLength(1);
  });

  it('when the step is done before its deadline, then nothing is flagged', async () => {
    const id = await insert({ ...dispatchedAtT0({ sign: new Date(t0.getTime() + HOUR) }), state: 'signed' });
    at(5 * HOUR);
    await sweep();
    expect((await read(id)).overdue.any).toBe(false);
  });

  it('when an overdue step stays undone for another full deadline length, then the level rises and everyone is told again', async () => {
    const id = await insert(dispatchedAtT0({ sign: new Date(t0.getTime() + HOUR) }));
    at(HOUR + 1);
    await sweep();
    at(2 * HOUR - 1);
    await sweep();
    expect((await read(id)).overdue.level).toBe(1);
    at(2 * HOUR + 1);
    await sweep();
    await sweep();
    const c = await read(id);
    expect(c.overdue.level).toBe(2);
    expect(c.outbox).toHaveLength(4);
    expect(c.events.filter((e) => e.action === 'escalate')).toEqual([expect.objectContaining({ note: '超时升级至2级' })]);
  });
});

describe('deadline sweep: rating window', () => {
  it('when the rating window is about to end, then the resident gets one reminder; when it ends, the timeline says a callback is due', async () => {
    const id = await insert({
      state: 'resolved',
      residentId: new Types.ObjectId(resident.id),
      resolvedAt: t0,
      ratingDueAt: new Date(t0.getTime() + 7 * DAY),
    });
    at(5 * DAY);
    await sweep();
    expect((await read(id)).outbox).toHaveLength(0);

    at(6 * DAY + HOUR);
    await sweep();
    await sweep();
    const reminded = await read(id);
    expect(reminded.outbox).toEqual([expect.objectContaining({ touser: resident.openid, data: expect.objectContaining({ phrase3: { value: '待评价' } }) })]);

    at(7 * DAY + 1);
    await sweep();
    await sweep();
    const lapsed = await read(id);
    expect(lapsed.state).toBe('resolved');
    expect(lapsed.events.filter((e) => e.action === 'callbackDue')).toEqual([expect.objectContaining({ public: true, note: '居民7日内未评价，转电话回访' })]);
  });
});

describe('deadline sweep: closing rated complaints', () => {
  const rated = (appealDue: Date) => ({
    state: 'rated' as const,
    rating: { satisfaction: 'satisfied' as const, resolved: true, source: 'resident' as const, at: t0 },
    appealDueAt: { rating: appealDue },
  });

  it('when the appeal window has passed, then the complaint is closed by the system, on the timeline', async () => {
    const id = await insert(rated(new Date(t0.getTime() + 3 * DAY)));
    at(3 * DAY - 1);
    await sweep();
    expect((await read(id)).state).toBe('rated');
    at(3 * DAY + 1);
    await sweep();
    const c = await read(id);
    expect(c.state).toBe('closed');
    expect(c.events.at(-1)).toMatchObject({ action: 'close', from: 'rated', to: 'closed', actorRole: 'system' });
  });

  it('when the appeal window is counted in working days, then a weekend does not close it early', async () => {
    // rated Friday 10:00 Beijing, no stamped due date: 3 working days end the next Wednesday
    const friday = new Date('2026-03-06T02:00:00Z');
    const id = await insert({ ...rated(friday), rating: { satisfaction: 'satisfied', resolved: true, source: 'resident', at: friday }, appealDueAt: {} });
    setClock(() => friday.getTime() + 4 * DAY); // Tuesday
    await sweep();
    expect((await read(id)).state).toBe('rated');
    setClock(() => friday.getTime() + 6 * DAY); // Thursday
    await sweep();
    expect((await read(id)).state).toBe('closed');
  });

  it('when an appeal is filed after the sweep read the complaint, then the system\'s close is refused by the action table and nothing changes', async () => {
    const id = await insert({
      ...rated(new Date(t0.getTime() + 3 * DAY)),
      appeal: { kind: 'rating', reason: '居民诉求超出职责范围', filedAt: t0, unitId: new Types.ObjectId(unit.id), status: 'pending' },
    });
    const before = await read(id);
    const close = transition({ conn, counting: assessmentCounting }, { id, actor: SYSTEM_ACTOR, action: 'close', event: { public: true, note: '申诉期满，自动结案' } });
    await expect(close).rejects.toMatchObject({ code: 'APPEAL_ALREADY_FILED', status: 409 });
    expect(await read(id)).toEqual(before);
  });

  it('when the unit signed after the sweep read the complaint, then the sign-overdue flag is refused by the action table and nothing changes', async () => {
    const id = await insert({ ...dispatchedAtT0({ sign: new Date(t0.getTime() + HOUR) }), state: 'signed' });
    at(2 * HOUR);
    const before = await read(id);
    const flag = (step: 'sign' | 'resolve') =>
      transition({ conn, counting: assessmentCounting }, { id, actor: SYSTEM_ACTOR, action: 'overdue', input: { step }, set: { [`overdue.${step}`]: true }, event: { public: false, note: '超时' } });
    await expect(flag('sign')).rejects.toMatchObject({ code: 'COMPLAINT_STATE_CONFLICT', status: 409 });
    await expect(flag('resolve')).rejects.toMatchObject({ code: 'COMPLAINT_STATE_CONFLICT', status: 409 }); // its deadline is not even set
    expect(await read(id)).toEqual(before);
  });

  it('when the system asks for a move the table gives only to people, then it is refused before any read', async () => {
    const id = await insert({ state: 'submitted' });
    const accept = transition({ conn, counting: assessmentCounting }, { id, actor: SYSTEM_ACTOR, action: 'accept', event: { public: true } });
    await expect(accept).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect((await read(id)).state).toBe('submitted');
  });

  it('when an appeal is pending, then the complaint stays rated', async () => {
    const id = await insert({
      ...rated(new Date(t0.getTime() + 3 * DAY)),
      appeal: { kind: 'rating', reason: '居民诉求超出职责范围', filedAt: t0, unitId: new Types.ObjectId(unit.id), status: 'pending' },
    });
    at(10 * DAY);
    await sweep();
    expect((await read(id)).state).toBe('rated');
  });
});
