import { startTestServer, type TestServer } from '../../../../test/http';
import { createProject, createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let shiftId: string;
beforeAll(async () => {
  server = await startTestServer('volunteer-scope');
  world = await setUpVolunteerWorld(server);
  shiftId = await createShift(server, world.staff, world.projectId);
  await signUp(server, await volunteer(server, world, 'scope-volunteer'), shiftId);
});
afterAll(async () => {
  await server.close();
});

const roster = (token: string, id = shiftId) => server.call('GET', `/api/v1/volunteer-shifts/${id}/roster`, { token });

describe('who runs a community\'s shifts', () => {
  it('when community staff read their own shift\'s roster, then they see the volunteers with masked names', async () => {
    const res = await roster(world.staff);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ name: '王*明', status: 'confirmed', seat: expect.any(Number), volunteerNumber: expect.stringMatching(/^GZV/) }),
    ]);
  });

  it('when staff of another community try to run this community\'s shifts, then they are refused and learn nothing', async () => {
    const r = await roster(world.otherStaff);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(r.body)).not.toContain('王');
    const create = await server.call('POST', `/api/v1/volunteer-projects/${world.projectId}/shifts`, { token: world.otherStaff, body: shiftBody() });
    expect(create.status).toBe(403);
    const team = await server.call('POST', '/api/v1/volunteer-teams', { token: world.otherStaff, body: { communityId: world.communityId, name: '莲花志愿队' } });
    expect(team.status).toBe(403);
    const project = await server.call('POST', '/api/v1/volunteer-projects', {
      token: world.otherStaff,
      body: { communityId: world.communityId, title: '越权项目', description: '不应被创建' },
    });
    expect(project.status).toBe(403);
    expect((await server.rawDocuments('volunteer_projects')).some((p) => p.title === '越权项目')).toBe(false);
  });

  it('when a volunteer or unit staff asks for a roster, or a project does not exist, then 403 or 404', async () => {
    const plain = await volunteer(server, world, 'scope-plain');
    expect((await roster(plain)).status).toBe(403);
    expect((await roster((await server.login('unit-chengguan')).accessToken)).status).toBe(403);
    const missing = await server.call('POST', '/api/v1/volunteer-projects/000000000000000000000000/shifts', { token: world.staff, body: shiftBody() });
    expect(missing.status).toBe(404);
  });

  it('when a team leader runs the team\'s project, then they may publish its shifts and read the roster, but not other projects\'', async () => {
    const leaderToken = await volunteer(server, world, 'scope-leader');
    const leaderId = (await server.call('GET', '/api/v1/me', { token: leaderToken })).body.id;
    const team = await server.call('POST', '/api/v1/volunteer-teams', { token: world.staff, body: { communityId: world.communityId, name: '莲花志愿服务队', leaderUserIds: [leaderId] } });
    expect(team.status).toBe(201);
    const teamProject = await createProject(server, world.staff, world.communityId, team.body.id);
    const ownShift = await createShift(server, leaderToken, teamProject, shiftBody({ startsInHours: 500 }));
    expect((await roster(leaderToken, ownShift)).status).toBe(200);
    expect((await roster(leaderToken, shiftId)).status).toBe(403);
    const elsewhere = await server.call('POST', `/api/v1/volunteer-projects/${world.projectId}/shifts`, { token: leaderToken, body: shiftBody() });
    expect(elsewhere.status).toBe(403);
  });

  it('when a shift\'s times contradict each other, then it is refused naming the fields', async () => {
    const body = shiftBody();
    const res = await server.call('POST', `/api/v1/volunteer-projects/${world.projectId}/shifts`, {
      token: world.staff,
      body: { ...body, endAt: body.startAt, signupDeadline: body.endAt },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.endAt', 'body.signupDeadline']);
  });
});
