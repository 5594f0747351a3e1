import { startTestServer, type TestServer } from '../../../../test/http';
import { runOutboxOnce } from '../../notifications/outbox-delivery';
import { acceptSubscriptions } from '../../notifications/notification-test-kit';
import { NOTICES } from '../../notifications/notices';
import { cancel, createShift, setUpVolunteerWorld, shiftBody, signUp, tokensByUser, volunteers, workerDeps, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let tokens: string[];
beforeAll(async () => {
  server = await startTestServer('volunteer-storm');
  world = await setUpVolunteerWorld(server);
  tokens = await volunteers(server, world, 'storm', 200);
}, 180_000);
afterAll(async () => {
  await server.close();
});

describe('200 volunteers sign up for 20 places at once', () => {
  let shiftId: string;
  let answers: Array<{ status: number; body: { mySignup: { status: string; waitlistPosition: number | null } } }>;

  beforeAll(async () => {
    shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ capacity: 20 }));
    answers = await Promise.all(tokens.map((t) => signUp(server, t, shiftId)));
  }, 120_000);

  it('then exactly 20 are confirmed and the other 180 are waitlisted', async () => {
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const signups = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId);
    expect(signups).toHaveLength(200);
    const confirmed = signups.filter((s) => s.status === 'confirmed');
    expect(confirmed).toHaveLength(20);
    const [shift] = (await server.rawDocuments('volunteer_shifts')).filter((s) => String(s._id) === shiftId);
    expect(shift).toMatchObject({ confirmedCount: 20, waitlistedCount: 180, ticketsIssued: 180 });
    expect(signups.filter((s) => s.status === 'waitlisted')).toHaveLength(180);
    const detail = await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}`, { token: tokens[0] });
    expect(detail.body).toMatchObject({ capacity: 20, confirmed: 20, waitlisted: 180 });
  });

  it('then the waitlist is in ticket order: every waitlisted sign-up holds its own ticket and its place in line is that ticket\'s rank', async () => {
    const waitlisted = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId && s.status === 'waitlisted');
    const tickets = waitlisted.map((s) => s.ticket as number).sort((a, b) => a - b);
    expect(tickets).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    const roster = await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/roster`, { token: world.staff });
    expect(roster.status).toBe(200);
    const line = (roster.body.items as Array<{ signupId: string; status: string; waitlistPosition: number }>).filter((e) => e.status === 'waitlisted');
    expect(line.map((e) => e.waitlistPosition)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(line.map((e) => waitlisted.find((s) => String(s._id) === e.signupId)!.ticket)).toEqual(tickets);
    // the answer each waitlisted volunteer got named their place in line as it was then
    const answered = answers.filter((a) => a.body.mySignup.status === 'waitlisted').map((a) => a.body.mySignup.waitlistPosition);
    expect(new Set(answered).size).toBe(180);
  });

  it('when a confirmed volunteer cancels, then the first in line takes the seat and is told by a subscribe message', async () => {
    const signups = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId);
    const leaving = signups.find((s) => s.status === 'confirmed')!;
    const line = signups.filter((s) => s.status === 'waitlisted').sort((a, b) => (a.ticket as number) - (b.ticket as number));
    const first = line[0]!;
    const res = await cancel(server, await tokenOf(String(leaving.userId)), shiftId);
    expect(res.status).toBe(200);
    expect(res.body.mySignup.status).toBe('cancelled');

    const after = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId);
    const promoted = after.find((s) => String(s._id) === String(first._id))!;
    expect(promoted).toMatchObject({ status: 'confirmed', ticket: null });
    expect(after.filter((s) => s.status === 'confirmed')).toHaveLength(20);
    expect(res.body).toMatchObject({ confirmed: 20, waitlisted: 179 });

    const secondInLine = await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}`, { token: await tokenOf(String(line[1]!.userId)) });
    expect(secondInLine.body.mySignup).toEqual({ status: 'waitlisted', waitlistPosition: 1 });

    const notices = (await server.rawDocuments(NOTICES)).filter((n) => n._id === `promoted:${String(first._id)}`);
    expect(notices).toHaveLength(1);
    // the first in line had accepted the shift template on the sign-up tap
    await acceptSubscriptions(server, await tokenOf(String(first.userId)), 'volunteerSignup');
    const deps = await workerDeps(server);
    await runOutboxOnce(deps, { collections: [NOTICES] }).finally(() => deps.close());
    const sent = server.simulator.sentMessages().filter((m) => m.templateId === server.config.wechat.subscribeTemplates.volunteerShift);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data.phrase4!.value).toBe('候补成功');
  });

  it('when ten confirmed volunteers cancel at once, then the next ten in line are promoted, each once, and the shift stays at 20', async () => {
    const before = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId);
    const leaving = before.filter((s) => s.status === 'confirmed' && !s.promotedAt).slice(0, 10);
    const results = await Promise.all(leaving.map(async (s) => cancel(server, await tokenOf(String(s.userId)), shiftId)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const after = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === shiftId);
    expect(after.filter((s) => s.status === 'confirmed')).toHaveLength(20);
    const line = before.filter((s) => s.status === 'waitlisted').sort((a, b) => (a.ticket as number) - (b.ticket as number));
    const promoted = after.filter((s) => s.status === 'confirmed' && s.promotedAt).map((s) => String(s._id));
    expect(promoted.sort()).toEqual(line.slice(0, 10).map((s) => String(s._id)).concat(before.filter((s) => s.promotedAt).map((s) => String(s._id))).sort());
    const [shift] = (await server.rawDocuments('volunteer_shifts')).filter((s) => String(s._id) === shiftId);
    expect(shift).toMatchObject({ confirmedCount: 20, waitlistedCount: 169 });
    expect((await server.rawDocuments(NOTICES)).filter((n) => String(n._id).startsWith('promoted:'))).toHaveLength(11);
  });

  it('when a volunteer signs up for the same shift twice, then the second is refused and nothing changes', async () => {
    const again = await signUp(server, tokens[0]!, shiftId);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_SIGNED_UP');
  });
});

let byUser: Map<string, string> | undefined;
async function tokenOf(userId: string): Promise<string> {
  byUser ??= await tokensByUser(server, tokens);
  return byUser.get(userId)!;
}
