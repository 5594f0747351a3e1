import { startTestServer, type TestServer } from '../../../test/http';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, type VolunteerWorld } from './volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('volunteer-teams');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  await server.close();
});

const numberOf = async (token: string): Promise<string> => (await server.call('GET', '/api/v1/volunteers/me', { token })).body.volunteerNumber;
const newTeam = async (name: string) => {
  const res = await server.call('POST', '/api/v1/volunteer-teams', { token: world.staff, body: { communityId: world.communityId, name } });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const appoint = (teamId: string, volunteerNumber: unknown, token = world.staff) =>
  server.call('POST', `/api/v1/volunteer-teams/${teamId}/leaders`, { token, body: { volunteerNumber } });

describe('team leaders appointed by volunteer number', () => {
  it('when staff appoint a volunteer by number, twice, then the team lists the leader once, by number and masked name', async () => {
    const teamId = await newTeam('莲花青年志愿服务队');
    const leader = await volunteer(server, world, 'team-leader-a');
    const number = await numberOf(leader);
    expect((await appoint(teamId, number)).status).toBe(200);
    const again = await appoint(teamId, number);
    expect(again.status).toBe(200);
    expect(again.body.leaders).toEqual([{ volunteerNumber: number, name: '王*明' }]);
    const list = await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token: world.staff });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(expect.arrayContaining([{ id: teamId, communityId: world.communityId, name: '莲花青年志愿服务队', leaders: [{ volunteerNumber: number, name: '王*明' }] }]));
    expect(JSON.stringify(list.body)).not.toContain('王小明');
  });

  it('when the leader adds a project to the team and publishes a shift, then they see its roster, and find the team under mine', async () => {
    const teamId = await newTeam('莲花助老服务队');
    const leader = await volunteer(server, world, 'team-leader-b');
    await appoint(teamId, await numberOf(leader));
    const project = await server.call('POST', '/api/v1/volunteer-projects', {
      token: leader,
      body: { communityId: world.communityId, teamId, title: '助老上门', description: '每周陪伴独居老人' },
    });
    expect(project.status).toBe(201);
    const shiftId = await createShift(server, leader, project.body.id, shiftBody({ startsInHours: 300 }));
    await signUp(server, await volunteer(server, world, 'team-member-b'), shiftId);
    const roster = await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: leader });
    expect(roster.status).toBe(200);
    expect(roster.body.items).toHaveLength(1);
    const mine = await server.call('GET', '/api/v1/volunteer-teams/mine', { token: leader });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: teamId, name: '莲花助老服务队', projects: [expect.objectContaining({ id: project.body.id, teamId })] })]);
  });

  it('when a leader of another team or a plain volunteer tries to run the team, then 403 and nothing is written', async () => {
    const teamId = await newTeam('莲花环保服务队');
    const otherTeam = await newTeam('莲花文化服务队');
    const otherLeader = await volunteer(server, world, 'team-leader-c');
    await appoint(otherTeam, await numberOf(otherLeader));
    const plain = await volunteer(server, world, 'team-plain-c');
    for (const token of [otherLeader, plain]) {
      const project = await server.call('POST', '/api/v1/volunteer-projects', {
        token,
        body: { communityId: world.communityId, teamId, title: '越权项目', description: '不应被创建' },
      });
      expect(project.status).toBe(403);
      expect((await appoint(teamId, await numberOf(token), token)).status).toBe(403);
      expect((await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token })).status).toBe(403);
    }
    const staffProject = await server.call('POST', '/api/v1/volunteer-projects', {
      token: world.staff,
      body: { communityId: world.communityId, teamId, title: '垃圾分类督导', description: '周末督导分类投放' },
    });
    const shiftId = await createShift(server, world.staff, staffProject.body.id, shiftBody({ startsInHours: 400 }));
    expect((await server.call('POST', `/api/v1/volunteer-projects/${staffProject.body.id}/shifts`, { token: otherLeader, body: shiftBody() })).status).toBe(403);
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: otherLeader })).status).toBe(403);
    expect((await appoint(teamId, await numberOf(otherLeader), world.otherStaff)).status).toBe(403);
    expect((await server.rawDocuments('volunteer_projects')).some((p) => p.title === '越权项目')).toBe(false);
    expect((await server.call('GET', '/api/v1/volunteer-teams/mine', { token: plain })).body.items).toEqual([]);
  });

  it('when the number is unknown or not a plain string, then nobody is appointed', async () => {
    const teamId = await newTeam('莲花平安服务队');
    const unknown = await appoint(teamId, 'GZV2026000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('VOLUNTEER_NOT_REGISTERED');
    const operator = await appoint(teamId, { $gt: '' });
    expect(operator.status).toBe(400);
    expect(operator.body.error.code).toBe('FORBIDDEN_KEY');
    for (const notANumber of [{ gt: '' }, ['GZV2026000000'], '', 'GZV2026']) {
      const res = await appoint(teamId, notANumber);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const team = (await server.rawDocuments('volunteer_teams')).find((t) => String(t._id) === teamId);
    expect(team?.leaderUserIds ?? []).toEqual([]);
  });
});
