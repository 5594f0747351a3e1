import mongoose, { Types, type Connection } from 'mongoose';
import { assessmentScores, type Satisfaction } from '@gongzhi/shared';
import { complaintDoc, insertComplaintDocs } from '../../../test/complaint-docs';
import { applyPendingTallies, applyTallyOps, COUNTED_MARK, countUncountedComplaints, recountComplaint, tallyChange } from './assessment-tallies';
import { startTestServer, type TestServer } from '../../../test/http';
import { Complaints } from '../complaints/complaint.model';
import { rowsFromCounts, tally, emptyCounts } from './assessment-counts';

let server: TestServer;
let conn: Connection;
let unitA: { id: string; name: string };
let unitB: { id: string; name: string };
let dispatcher: string;
const PERIOD = '2026-02';

function resolvedIn(unit: { id: string; name: string }, rating: { satisfaction: Satisfaction; resolved: boolean } | null, extra: Parameters<typeof complaintDoc>[0] = {}) {
  return complaintDoc({
    state: rating ? 'rated' : 'resolved',
    unitId: new Types.ObjectId(unit.id),
    unitName: unit.name,
    firstContactAt: new Date('2026-02-03T02:00:00Z'),
    resolvedAt: new Date('2026-02-05T02:00:00Z'),
    rating: rating ? { ...rating, source: 'resident', at: new Date('2026-02-06T02:00:00Z') } : null,
    ...extra,
    assessment: { period: PERIOD, unitId: new Types.ObjectId(unit.id), ...extra.assessment },
  });
}

const late = { overdue: { any: true, firstContact: true, level: 1 } };

beforeAll(async () => {
  server = await startTestServer('assessment');
  await server.seed();
  conn = await mongoose.createConnection(server.mongoUri).asPromise();
  const units = (await server.call('GET', '/api/v1/units?limit=100')).body.items as Array<{ id: string; name: string; code: string }>;
  unitA = units.find((u) => u.code === 'chengguan')!;
  unitB = units.find((u) => u.code === 'zhujian')!;
  dispatcher = (await server.login('dispatcher')).accessToken;

  const ratings: Array<[Satisfaction, boolean]> = [
    ['satisfied', true], ['satisfied', true], ['satisfied', true], ['satisfied', true], ['satisfied', false],
    ['basically_satisfied', true], ['basically_satisfied', true], ['basically_satisfied', true],
    ['unsatisfied', true], ['unsatisfied', false],
  ];
  await insertComplaintDocs(conn, [
    // unit A: 10 rated (5 satisfied, 3 basically, 2 unsatisfied; 8 resolved), one of them contacted late
    ...ratings.map(([satisfaction, resolved], i) => resolvedIn(unitA, { satisfaction, resolved }, i === 9 ? late : {})),
    // resolved, not yet rated: assessed, not rated
    resolvedIn(unitA, null),
    // an appeal upheld: out of every figure
    resolvedIn(unitA, { satisfaction: 'unsatisfied', resolved: false }, { assessment: { excluded: true } }),
    // sent back for redo: leaves the period until it is resolved again
    resolvedIn(unitA, null, { state: 'reopened' }),
    // another month
    resolvedIn(unitA, { satisfaction: 'satisfied', resolved: true }, { assessment: { period: '2026-03' } }),
    // rejected: never assessed
    complaintDoc({ state: 'rejected' }),
    // unit B: one satisfied
    resolvedIn(unitB, { satisfaction: 'satisfied', resolved: true }),
  ]);
});
afterAll(async () => {
  await conn.close();
  await server.close();
});

describe('assessment counting', () => {
  it('when a group is excluded, then it adds only to excluded', () => {
    const counts = tally(emptyCounts(), { excluded: true, lateContact: false, satisfaction: 'satisfied', resolved: true, count: 3 });
    expect(counts).toEqual({ ...emptyCounts(), excluded: 3 });
  });

  it('when a unit had nothing to assess, then its row shows zeros, not NaN', () => {
    const [row] = rowsFromCounts([{ id: 'u', name: '某单位' }], new Map());
    expect(row).toMatchObject({ assessed: 0, responseRate: 0, resolutionRate: 0, satisfactionRate: 0, score: 0 });
  });
});

describe('GET /staff/assessment', () => {
  it('when the dispatcher reads a month, then each unit has the exact counts, rates and score of PRODUCT.md', async () => {
    const res = await server.call('GET', `/api/v1/staff/assessment?period=${PERIOD}`, { token: dispatcher });
    expect(res.status).toBe(200);
    const a = res.body.items.find((r: { unitId: string }) => r.unitId === unitA.id);
    expect(a).toMatchObject({
      unitName: unitA.name, assessed: 11, contactedInTime: 10, rated: 10, ratedResolved: 8, satisfied: 5, basicallySatisfied: 3, excluded: 1,
    });
    expect(a.responseRate).toBeCloseTo(10 / 11, 4);
    expect(a.resolutionRate).toBe(0.8);
    expect(a.satisfactionRate).toBe(0.74); // (5 + 0.8 × 3) ÷ 10
    expect(a.score).toBeCloseTo(100 * (0.1 * (10 / 11) + 0.45 * 0.8 + 0.45 * 0.74), 2);
    const b = res.body.items.find((r: { unitId: string }) => r.unitId === unitB.id);
    expect(b).toMatchObject({ assessed: 1, rated: 1, satisfied: 1, score: 100 });
    expect(res.body.items.length).toBeGreaterThan(2); // quiet units are listed with zeros
  });

  it('when an appeal is upheld, then the complaint leaves every figure and the score changes', async () => {
    const target = await Complaints(conn).findOne({ unitId: new Types.ObjectId(unitA.id), 'rating.satisfaction': 'unsatisfied', 'assessment.excluded': false, 'overdue.firstContact': true }).lean();
    // the flag, then the tallies follow (the appeal ruling records both in one update)
    await Complaints(conn).collection.updateOne({ _id: target!._id }, { $set: { 'assessment.excluded': true } });
    await recountComplaint(conn, target!._id);
    try {
      const res = await server.call('GET', `/api/v1/staff/assessment?period=${PERIOD}&unitId=${unitA.id}`, { token: dispatcher });
      expect(res.body.items).toHaveLength(1);
      const counts = { assessed: 10, contactedInTime: 10, rated: 9, ratedResolved: 8, satisfied: 5, basicallySatisfied: 3 };
      expect(res.body.items[0]).toMatchObject({ ...counts, excluded: 2 });
      expect(res.body.items[0].score).toBeCloseTo(assessmentScores(counts).score, 2);
    } finally {
      await Complaints(conn).collection.updateOne({ _id: target!._id }, { $set: { 'assessment.excluded': false } });
      await recountComplaint(conn, target!._id);
    }
  });

  it('when unit staff read the table, then they get their own row only, and another unit is forbidden', async () => {
    const staff = (await server.login('unit-chengguan')).accessToken;
    const own = await server.call('GET', `/api/v1/staff/assessment?period=${PERIOD}`, { token: staff });
    expect(own.body.items.map((r: { unitId: string }) => r.unitId)).toEqual([unitA.id]);
    const other = await server.call('GET', `/api/v1/staff/assessment?period=${PERIOD}&unitId=${unitB.id}`, { token: staff });
    expect(other.status).toBe(403);
    const drill = await server.call('GET', `/api/v1/staff/assessment/complaints?period=${PERIOD}&unitId=${unitB.id}&metric=assessed`, { token: staff });
    expect(drill.status).toBe(403);
  });

  it('when a resident asks, then 403; when the period is malformed, then 400', async () => {
    const resident = (await server.login('assessment-resident')).accessToken;
    expect((await server.call('GET', `/api/v1/staff/assessment?period=${PERIOD}`, { token: resident })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/staff/assessment?period=2026-13', { token: dispatcher })).body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /staff/assessment/complaints (drill-down)', () => {
  async function drill(metric: string, limit = 100) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await server.call(
        'GET',
        `/api/v1/staff/assessment/complaints?period=${PERIOD}&unitId=${unitA.id}&metric=${metric}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: dispatcher },
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }

  it('when each number is drilled into, then exactly that many complaints come back', async () => {
    expect(await drill('assessed')).toHaveLength(11);
    expect(await drill('contacted_in_time')).toHaveLength(10);
    expect(await drill('rated')).toHaveLength(10);
    expect(await drill('rated_resolved')).toHaveLength(8);
    expect(await drill('satisfied')).toHaveLength(5);
    expect(await drill('basically_satisfied')).toHaveLength(3);
    expect(await drill('excluded')).toHaveLength(1);
  });

  it('when paged three at a time, then every complaint comes exactly once', async () => {
    const paged = await drill('assessed', 3);
    expect(new Set(paged).size).toBe(11);
    expect(paged.sort()).toEqual((await drill('assessed')).sort());
  });
});

describe('assessment tallies', () => {
  it('when a process died between a write and its tally change, then the sweep applies it, and applying it again counts nothing twice', async () => {
    const period = '2026-04';
    const doc = resolvedIn(unitB, { satisfaction: 'basically_satisfied', resolved: true }, { assessment: { period } });
    await Complaints(conn).collection.insertOne(doc);
    // the write recorded its tally change with itself, then the process died
    const change = tallyChange(doc, doc);
    expect(change.ops).toHaveLength(1);
    await Complaints(conn).updateOne({ _id: doc._id }, { $set: change.set, $push: { 'assessment.tallyOps': { $each: change.ops } }, $inc: { version: 1 } });
    const row = async () => (await server.call('GET', `/api/v1/staff/assessment?period=${period}&unitId=${unitB.id}`, { token: dispatcher })).body.items[0];
    expect(await row()).toMatchObject({ assessed: 0, basicallySatisfied: 0 });

    expect(await applyPendingTallies(conn)).toBeGreaterThanOrEqual(1);
    const once = { assessed: 1, contactedInTime: 1, rated: 1, ratedResolved: 1, satisfied: 0, basicallySatisfied: 1, excluded: 0 };
    expect(await row()).toMatchObject(once);
    expect((await Complaints(conn).findById(doc._id).lean())!.assessment.tallyOps).toEqual([]);

    await applyTallyOps(conn, doc._id, change.ops); // a retry of the same change
    await recountComplaint(conn, doc._id); // and a recount of a complaint already counted
    expect(await row()).toMatchObject(once);
  });

  it('when a database holds complaints assessed before the tallies existed, then the first start counts them, and later starts do not', async () => {
    const period = '2026-05';
    const doc = resolvedIn(unitB, { satisfaction: 'satisfied', resolved: true }, { assessment: { period } });
    await Complaints(conn).collection.insertOne(doc); // written without counting, as older data was
    await conn.db!.collection<{ _id: string }>('assessment_tallies').deleteOne({ _id: COUNTED_MARK }); // a database from before the tallies
    const row = async () => (await server.call('GET', `/api/v1/staff/assessment?period=${period}&unitId=${unitB.id}`, { token: dispatcher })).body.items[0];
    expect(await row()).toMatchObject({ assessed: 0 });
    expect(await countUncountedComplaints(conn)).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ assessed: 1, satisfied: 1 });
    expect(await countUncountedComplaints(conn)).toBe(0);
    expect(await row()).toMatchObject({ assessed: 1, satisfied: 1 });
  });
});

describe('GET /staff/assessment.csv', () => {
  it('when exported, then it is UTF-8 CSV with a BOM, a Chinese header and one line per unit', async () => {
    const res = await fetch(`${server.url}/api/v1/staff/assessment.csv?period=${PERIOD}`, { headers: { authorization: `Bearer ${dispatcher}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines[0]).toBe('考核期,单位,参评件数,按时联系,已评价,评价已解决,满意,基本满意,申诉核减,响应率,解决率,满意率,综合得分');
    expect(lines).toContainEqual(`${PERIOD},${unitA.name},11,10,10,8,5,3,1,90.91%,80.00%,74.00%,78.39`);
  });

  it('when unit staff ask for the export, then 403', async () => {
    const staff = (await server.login('unit-chengguan')).accessToken;
    expect((await server.call('GET', `/api/v1/staff/assessment.csv?period=${PERIOD}`, { token: staff })).status).toBe(403);
  });
});
