import { advanceClock, resetClock } from '../../../platform/clock';
import { startTestServer, type TestServer } from '../../../../test/http';
import { cancel, createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('volunteer-signup-rules');
  world = await setUpVolunteerWorld(server);
});
afterEach(() => resetClock());
afterAll(async () => {
  await server.close();
});

const HOUR = 3600_000;
/** Access tokens live minutes: after moving the clock by hours, sign in again. */
const relogin = async (name: string) => (await server.login(name)).accessToken;
const detail = (token: string, id: string) => server.call('GET', `/api/v1/volunteer-shifts/${id}`, { token });

describe('signing up', () => {
  it('when a volunteer signs up for a shift that overlaps one they hold, then it is refused', async () => {
    const token = await volunteer(server, world, 'rules-overlap');
    const first = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 100, hours: 3 }));
    const overlapping = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 102, hours: 2 }));
    const after = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 103, hours: 2 }));
    expect((await signUp(server, token, first)).status).toBe(200);
    const refused = await signUp(server, token, overlapping);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SHIFT_OVERLAP');
    expect((await detail(token, overlapping)).body.mySignup).toBeNull();
    // back to back is not an overlap
    expect((await signUp(server, token, after)).status).toBe(200);
    // with the first cancelled, 102–104 h still overlaps the shift at 103–105 h
    expect((await cancel(server, token, first)).status).toBe(200);
    expect((await signUp(server, token, overlapping)).body.error.code).toBe('SHIFT_OVERLAP');
  });

  it('when a volunteer signs up for two overlapping shifts at the same moment, then exactly one wins and the other is refused as an overlap', async () => {
    const token = await volunteer(server, world, 'rules-overlap-race');
    for (let round = 0; round < 4; round++) {
      const a = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 200 + 10 * round, hours: 3 }));
      const b = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 201 + 10 * round, hours: 3 }));
      const answers = await Promise.all([signUp(server, token, a), signUp(server, token, b)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.status === 409)!.body.error.code).toBe('SHIFT_OVERLAP');
      const mine = await Promise.all([a, b].map((id) => detail(token, id)));
      expect(mine.filter((r) => r.body.mySignup !== null)).toHaveLength(1);
    }
  });

  it('when the sign-up deadline has passed, then signing up is refused', async () => {
    await volunteer(server, world, 'rules-deadline');
    const id = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 72 }));
    advanceClock(67 * HOUR); // the deadline is 6 hours before the start
    const res = await signUp(server, await relogin('rules-deadline'), id);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('SHIFT_SIGNUP_CLOSED');
  });

  it('when a confirmed volunteer cancels after the cut-off, then it is recorded as a no-show and the seat still goes to the first in line', async () => {
    const early = await volunteer(server, world, 'rules-cutoff-a');
    const waiting = await volunteer(server, world, 'rules-cutoff-b');
    const id = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 72, capacity: 1 }));
    expect((await signUp(server, early, id)).body.mySignup).toEqual({ status: 'confirmed', waitlistPosition: null });
    expect((await signUp(server, waiting, id)).body.mySignup).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
    advanceClock(49 * HOUR); // the cut-off is 24 hours before the start
    const res = await cancel(server, await relogin('rules-cutoff-a'), id);
    expect(res.status).toBe(200);
    expect(res.body.mySignup.status).toBe('no_show');
    expect((await detail(await relogin('rules-cutoff-b'), id)).body.mySignup).toEqual({ status: 'confirmed', waitlistPosition: null });
  });

  it('when a volunteer cancels before the cut-off, then it is a plain cancellation and a second cancel finds nothing', async () => {
    const token = await volunteer(server, world, 'rules-cancel');
    const id = await createShift(server, world.staff, world.projectId, shiftBody());
    await signUp(server, token, id);
    expect((await cancel(server, token, id)).body.mySignup.status).toBe('cancelled');
    const again = await cancel(server, token, id);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('SIGNUP_NOT_FOUND');
  });

  it('when a shift needs a skill or a star level the volunteer lacks, then signing up is refused', async () => {
    const plain = await volunteer(server, world, 'rules-plain');
    const medic = await volunteer(server, world, 'rules-medic', { skills: ['first_aid'] });
    const needsSkill = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 300, requiredSkills: ['first_aid'] }));
    const needsStar = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 400, minStars: 1 }));
    const refused = await signUp(server, plain, needsSkill);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SHIFT_REQUIREMENTS_NOT_MET');
    expect((await signUp(server, medic, needsSkill)).status).toBe(200);
    const noStar = await signUp(server, medic, needsStar);
    expect(noStar.status).toBe(403);
    expect(noStar.body.error.code).toBe('SHIFT_REQUIREMENTS_NOT_MET');
  });

  it('when a resident who is not a volunteer signs up, then they are asked to register first', async () => {
    const { accessToken } = await server.login('rules-not-volunteer');
    const id = await createShift(server, world.staff, world.projectId, shiftBody());
    const res = await signUp(server, accessToken, id);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('VOLUNTEER_NOT_REGISTERED');
  });

  it('when a shift id names nothing, then 404 SHIFT_NOT_FOUND', async () => {
    const token = await volunteer(server, world, 'rules-missing');
    for (const id of ['000000000000000000000000', 'not-an-id']) {
      const res = await signUp(server, token, id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('SHIFT_NOT_FOUND');
    }
  });
});

describe('browsing', () => {
  it('when shifts are listed by day, community and skill, then only matching shifts come, page by page, and "mine" lists my sign-ups', async () => {
    const token = await volunteer(server, world, 'browse', { skills: ['photography'] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 1000 + i, hours: 1, requiredSkills: ['photography'] })));
    const first = await server.call('GET', `/api/v1/volunteer-shifts?skill=photography&communityId=${world.communityId}&limit=2`, { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    const second = await server.call('GET', `/api/v1/volunteer-shifts?skill=photography&limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2]]);
    expect(second.body.nextCursor).toBeNull();
    const other = await server.call('GET', `/api/v1/volunteer-shifts?skill=photography&communityId=${world.otherCommunityId}`, { token });
    expect(other.body.items).toEqual([]);
    const day = new Date(Date.now() + 1200 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
    expect((await server.call('GET', `/api/v1/volunteer-shifts?skill=photography&from=${day}`, { token })).body.items).toEqual([]);

    await signUp(server, token, ids[1]!);
    const mine = await server.call('GET', '/api/v1/volunteer-shifts/mine', { token });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: ids[1], projectTitle: '关爱独居老人', description: '每周上门陪伴社区独居老人', communityName: '莲花社区', mySignup: { status: 'confirmed' },
    });
  });
});
