import { startTestServer, type TestServer } from '../../../../test/http';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, type VolunteerWorld } from '../volunteer-test-kit';

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
const userIdOf = async (token: string): Promise<string> => (await server.call('GET', '/api/v1/me', { token })).body.id;
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
    const leaderId = await userIdOf(leader);
    expect((await appoint(teamId, number)).status).toBe(200);
    const again = await appoint(teamId, number);
    expect(again.status).toBe(200);
    expect(again.body.leaders).toEqual([{ id: leaderId, volunteerNumber: number, name: '王*明' }]);
    const list = await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token: world.staff });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([{ id: teamId, communityId: world.communityId, name: '莲花青年志愿服务队', leaders: [{ id: leaderId, volunteerNumber: number, name: '王*明' }] }]),
    );
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

describe('simultaneous appointments', () => {
  it('when several leaders are appointed to one team at the same moment, then every appointment lands', async () => {
    const teamId = await newTeam('莲花应急服务队');
    const numbers = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => numberOf(await volunteer(server, world, `team-concurrent-${i}`))),
    );
    const results = await Promise.all(numbers.map((n) => appoint(teamId, n)));
    expect(results.map((r) => r.status)).toEqual(numbers.map(() => 200));
    const list = await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token: world.staff });
    const team = list.body.items.find((t: { id: string }) => t.id === teamId);
    expect(team.leaders.map((l: { volunteerNumber: string }) => l.volunteerNumber).sort()).toEqual([...numbers].sort());
  });
});

const removeLeader = (teamId: string, volunteerNumber: string, token = world.staff) =>
  server.call('DELETE', `/api/v1/volunteer-teams/${teamId}/leaders/${volunteerNumber}`, { token });

describe('removing a team leader', () => {
  it('when staff remove a leader, then from the next request on the leader cannot run the team\'s shifts, and the removal is audited once by ids', async () => {
    const teamId = await newTeam('莲花巡河服务队');
    const leader = await volunteer(server, world, 'team-removed-a');
    const number = await numberOf(leader);
    await appoint(teamId, number);
    const projectId = (await server.call('POST', '/api/v1/volunteer-projects', {
      token: leader,
      body: { communityId: world.communityId, teamId, title: '河道巡查', description: '每周巡查河道' },
    })).body.id as string;
    const shiftId = await createShift(server, leader, projectId, shiftBody({ startsInHours: 500 }));
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: leader })).status).toBe(200);

    const removed = await removeLeader(teamId, number);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: teamId, communityId: world.communityId, name: '莲花巡河服务队', leaders: [] });

    const roster = await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: leader });
    expect(roster.status).toBe(403);
    expect((await server.call('POST', `/api/v1/volunteer-projects/${projectId}/shifts`, { token: leader, body: shiftBody({ startsInHours: 600 }) })).status).toBe(403);
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/qr?purpose=check_in`, { token: leader })).status).toBe(403);
    const project = await server.call('POST', '/api/v1/volunteer-projects', { token: leader, body: { communityId: world.communityId, teamId, title: '再建项目', description: '不应被创建' } });
    expect(project.status).toBe(403);
    expect((await server.call('GET', '/api/v1/volunteer-teams/mine', { token: leader })).body.items).toEqual([]);
    // staff still run the shift the leader published
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: world.staff })).status).toBe(200);

    expect((await removeLeader(teamId, number)).status).toBe(200);
    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.subjectId === teamId);
    const leaderUserId = (await server.rawDocuments('volunteers')).find((v) => v.volunteerNumber === number)?.userId?.toString();
    expect(audit.map((e) => e.action)).toEqual(['volunteer_team.leader_appointed', 'volunteer_team.leader_removed']);
    expect(audit[1]).toMatchObject({ subjectType: 'volunteer_team', details: { leaderUserId, communityId: world.communityId } });
    expect(JSON.stringify(audit)).not.toContain('王');
  });

  it('when anyone but the community\'s staff tries to remove a leader, or names no volunteer, then the leader stays', async () => {
    const teamId = await newTeam('莲花守护服务队');
    const leader = await volunteer(server, world, 'team-removed-b');
    const number = await numberOf(leader);
    await appoint(teamId, number);
    for (const token of [world.otherStaff, leader, await volunteer(server, world, 'team-removed-plain')]) {
      const res = await removeLeader(teamId, number, token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await removeLeader(teamId, 'GZV2026000000')).body.error.code).toBe('VOLUNTEER_NOT_REGISTERED');
    expect((await removeLeader(teamId, 'GZV2026')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await removeLeader('0'.repeat(24), number)).status).toBe(404);
    const team = (await server.rawDocuments('volunteer_teams')).find((t) => String(t._id) === teamId);
    expect(team?.leaderUserIds).toHaveLength(1);
    expect((await server.call('GET', '/api/v1/volunteer-teams/mine', { token: leader })).body.items).toEqual([expect.objectContaining({ id: teamId })]);
  });

  it('when one leader is removed while another is appointed at the same moment, then both changes land', async () => {
    const teamId = await newTeam('莲花夜巡服务队');
    const [outgoingToken, incomingToken] = await Promise.all([volunteer(server, world, 'team-swap-out'), volunteer(server, world, 'team-swap-in')]);
    const [outgoing, incoming] = await Promise.all([numberOf(outgoingToken), numberOf(incomingToken)]);
    await appoint(teamId, outgoing);
    const [removed, appointed] = await Promise.all([removeLeader(teamId, outgoing), appoint(teamId, incoming)]);
    expect([removed.status, appointed.status]).toEqual([200, 200]);
    const list = await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token: world.staff });
    expect(list.body.items.find((t: { id: string }) => t.id === teamId).leaders).toEqual([{ id: await userIdOf(incomingToken), volunteerNumber: incoming, name: '王*明' }]);
  });

  it('when a leader named by user id at the team\'s creation never registered as a volunteer, then staff remove them by that id, audited, and they cannot run the team', async () => {
    const unregistered = (await server.login('team-leader-by-id')).accessToken;
    const leaderId = await userIdOf(unregistered);
    const created = await server.call('POST', '/api/v1/volunteer-teams', { token: world.staff, body: { communityId: world.communityId, name: '莲花楼栋服务队', leaderUserIds: [leaderId] } });
    expect(created.status).toBe(201);
    const teamId = created.body.id as string;
    const listed = await server.call('GET', `/api/v1/volunteer-teams?communityId=${world.communityId}`, { token: world.staff });
    expect(listed.body.items.find((t: { id: string }) => t.id === teamId).leaders).toEqual([{ id: leaderId, volunteerNumber: null, name: '' }]);
    expect((await server.call('GET', '/api/v1/volunteer-teams/mine', { token: unregistered })).body.items).toEqual([expect.objectContaining({ id: teamId })]);

    // only the community's staff, as with a number
    expect((await removeLeader(teamId, leaderId, world.otherStaff)).status).toBe(403);
    const removed = await removeLeader(teamId, leaderId);
    expect(removed.status).toBe(200);
    expect(removed.body.leaders).toEqual([]);
    expect((await server.call('GET', '/api/v1/volunteer-teams/mine', { token: unregistered })).body.items).toEqual([]);
    // again, or someone who never led it: nothing changes
    expect((await removeLeader(teamId, leaderId)).status).toBe(200);
    expect((await removeLeader(teamId, '0'.repeat(24))).body.leaders).toEqual([]);
    const audit = (await server.rawDocuments('audit_log')).filter((e) => e.subjectId === teamId);
    expect(audit.map((e) => [e.action, (e.details as { leaderUserId?: string } | undefined)?.leaderUserId])).toEqual([['volunteer_team.leader_removed', leaderId]]);
  });
});
