import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from './complaint-test-kit';

let server: TestServer;
let world: ComplaintWorld;
let owner: string;
let stranger: string;
let id: string;
beforeAll(async () => {
  server = await startTestServer('complaint-scope');
  world = await setUpWorld(server);
  owner = await registeredResident(server, world, 'scope-owner');
  stranger = await registeredResident(server, world, 'scope-stranger');
  id = (await fileComplaint(server, owner, complaintBody(world, { showIdentityToUnit: false }))).body.id;
  await act(server, world.dispatcher, id, 'accept');
  await act(server, world.dispatcher, id, 'dispatch', { unitId: world.units.chengguan });
});
afterAll(() => server.close());

const ABSENT = '0123456789abcdef01234567';

describe('who sees and acts on which complaint', () => {
  it("when another resident asks for a resident's complaint, then 404 exactly as for one that does not exist", async () => {
    const theirs = await server.call('GET', `/api/v1/complaints/${id}`, { token: stranger });
    const absent = await server.call('GET', `/api/v1/complaints/${ABSENT}`, { token: stranger });
    expect(theirs.status).toBe(404);
    expect({ ...theirs.body.error, requestId: undefined }).toEqual({ ...absent.body.error, requestId: undefined });
    const rating = await server.call('POST', `/api/v1/complaints/${id}/rating`, { token: stranger, body: { satisfaction: 'unsatisfied', resolved: false } });
    expect(rating.status).toBe(404);
    const list = await server.call('GET', '/api/v1/complaints/mine', { token: stranger });
    expect(list.body.items).toEqual([]);
  });

  it("when another unit's staff read or act on the task, then 404 and nothing changes; its own unit can", async () => {
    expect((await server.call('GET', `/api/v1/staff/complaints/${id}`, { token: world.otherUnitStaff })).status).toBe(404);
    const sign = await server.call('POST', `/api/v1/staff/complaints/${id}/sign`, { token: world.otherUnitStaff, body: {} });
    expect(sign.status).toBe(404);
    expect(sign.body.error.code).toBe('COMPLAINT_NOT_FOUND');
    const tasks = await server.call('GET', '/api/v1/staff/tasks?filter=to_sign', { token: world.otherUnitStaff });
    expect(tasks.body.items).toEqual([]);
    const own = await server.call('GET', '/api/v1/staff/tasks?filter=to_sign', { token: world.unitStaff });
    expect(own.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('when a unit assists (协办), then its staff see the task in their assisting list and read it, but only the main unit acts', async () => {
    const assisted = (await fileComplaint(server, owner, complaintBody(world))).body.id;
    await act(server, world.dispatcher, assisted, 'accept');
    await act(server, world.dispatcher, assisted, 'dispatch', { unitId: world.units.chengguan, assistingUnitIds: [world.units.zhujian] });

    const list = await server.call('GET', '/api/v1/staff/tasks?filter=assisting', { token: world.otherUnitStaff });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([assisted]);
    const read = await server.call('GET', `/api/v1/staff/complaints/${assisted}`, { token: world.otherUnitStaff });
    expect(read.status).toBe(200);
    expect(read.body.allowedActions).toEqual([]);
    expect(read.body.viewerAssists).toBe(true);
    const sign = await server.call('POST', `/api/v1/staff/complaints/${assisted}/sign`, { token: world.otherUnitStaff, body: {} });
    expect(sign.status).toBe(404);
    const main = await server.call('GET', `/api/v1/staff/complaints/${assisted}`, { token: world.unitStaff });
    expect(main.body.allowedActions).toContain('sign');
    expect(main.body.viewerAssists).toBeUndefined();
    expect((await server.call('POST', `/api/v1/staff/complaints/${assisted}/sign`, { token: world.unitStaff, body: {} })).status).toBe(200);
    // the main unit's own lists never show it as assisting
    expect((await server.call('GET', '/api/v1/staff/tasks?filter=assisting', { token: world.unitStaff })).body.items).toEqual([]);
  });

  it('when a resident calls staff routes, then 403 without a word about the complaint', async () => {
    for (const [method, path] of [
      ['GET', `/api/v1/staff/complaints/${id}`],
      ['GET', '/api/v1/staff/complaints?filter=intake'],
      ['GET', '/api/v1/staff/tasks'],
      ['POST', `/api/v1/staff/complaints/${id}/sign`],
      ['POST', `/api/v1/staff/complaints/${ABSENT}/accept`],
    ] as const) {
      const res = await server.call(method, path, { token: owner, body: method === 'POST' ? {} : undefined });
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
  });

  it("when the community's own unit is dispatched the complaint, then that community's staff handle it and another community's staff cannot see it", async () => {
    const units = await server.call('GET', '/api/v1/units?limit=100');
    const lianhua = units.body.items.find((u: { code: string }) => u.code === 'community-unit-lianhua');
    const other = (await fileComplaint(server, owner, complaintBody(world))).body.id;
    await act(server, world.dispatcher, other, 'accept');
    await act(server, world.dispatcher, other, 'dispatch', { unitId: lianhua.id });
    const mine = (await server.login('community-lianhua')).accessToken;
    const theirs = (await server.login('community-hehua')).accessToken;
    expect((await server.call('POST', `/api/v1/staff/complaints/${other}/sign`, { token: theirs, body: {} })).status).toBe(404);
    expect((await server.call('POST', `/api/v1/staff/complaints/${other}/sign`, { token: mine, body: {} })).status).toBe(200);
  });

  it('when ids or fields carry an operator such as {"$gt": ""}, then the request is refused and finds nothing', async () => {
    const body = await fileComplaint(server, owner, complaintBody(world, { categoryId: { $gt: '' } }));
    expect(body.status).toBe(400);
    expect(body.body.error.code).toBe('FORBIDDEN_KEY');
    const inPath = await server.call('GET', `/api/v1/complaints/${encodeURIComponent('{"$gt":""}')}`, { token: owner });
    expect(inPath.status).toBe(404);
    const inQuery = await server.call('GET', '/api/v1/complaints/similar?categoryId[$gt]=&lat=1&lng=1', { token: owner });
    expect(inQuery.status).toBe(400);
    const inStaffPath = await server.call('POST', `/api/v1/staff/complaints/${encodeURIComponent('{"$ne":null}')}/accept`, { token: world.dispatcher, body: {} });
    expect(inStaffPath.status).toBe(404);
  });
});

describe("the resident's identity on staff views", () => {
  it('when the resident did not allow it, then the unit sees no name or phone while the dispatch centre sees them masked, and each showing is audited', async () => {
    const auditBefore = (await server.rawDocuments('audit_log')).filter((a) => a.action === 'personal_data.read').length;
    const unitView = await server.call('GET', `/api/v1/staff/complaints/${id}`, { token: world.unitStaff });
    expect(unitView.status).toBe(200);
    expect(unitView.body.resident).toBeNull();
    const dispatcherView = await server.call('GET', `/api/v1/staff/complaints/${id}`, { token: world.dispatcher });
    expect(dispatcherView.body.resident).toEqual({ name: '李*', phone: expect.stringMatching(/^139\*{4}\d{4}$/) });
    const residentView = await server.call('GET', `/api/v1/complaints/${id}`, { token: owner });
    expect(residentView.body.resident).toBeNull();
    const reads = (await server.rawDocuments('audit_log')).filter((a) => a.action === 'personal_data.read');
    expect(reads.length).toBe(auditBefore + 1);
  });
});
