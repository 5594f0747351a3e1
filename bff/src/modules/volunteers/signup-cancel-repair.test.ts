import { startTestServer, type TestServer } from '../../../test/http';
import { NOTICES } from './notices';
import { runVolunteerRemindersOnce } from './reminders';
import { tallyLimits } from './shift-tally';
import { cancel, createShift, setUpVolunteerWorld, shiftBody, signUp, tokensByUser, volunteers, workerDeps, type VolunteerWorld } from './volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let tokens: string[];
let deps: Awaited<ReturnType<typeof workerDeps>>;
/** A second worker process: its own connection, so its own tally queues. */
let otherDeps: Awaited<ReturnType<typeof workerDeps>>;
let idOf: (token: string) => string;
const deadline = tallyLimits.batchDeadlineMs;
/** A shift in good order, which no repair may change. */
let bystander: { shiftId: string; before: Record<string, unknown[]> };

beforeAll(async () => {
  server = await startTestServer('volunteer-cancel-repair');
  world = await setUpVolunteerWorld(server);
  tokens = await volunteers(server, world, 'repair', 4);
  const byUser = await tokensByUser(server, tokens);
  const userOf = new Map([...byUser].map(([user, token]) => [token, user]));
  idOf = (t) => userOf.get(t)!;
  deps = await workerDeps(server);
  otherDeps = await workerDeps(server);

  const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 500, capacity: 2 }));
  for (const t of tokens) expect((await signUp(server, t, shiftId)).status).toBe(200);
  expect((await cancel(server, tokens[0]!, shiftId)).status).toBe(200); // a cancellation that went through
  bystander = { shiftId, before: await stateOf(shiftId) };
}, 120_000);
afterAll(async () => {
  tallyLimits.batchDeadlineMs = deadline;
  await deps.close();
  await otherDeps.close();
  await server.close();
});
afterEach(async () => {
  tallyLimits.batchDeadlineMs = deadline;
  await deps.conn.db!.collection<{ _id: string }>('version_claims').deleteMany({});
});

const MINUTE = 60_000;
const ofShift = async (collection: string, shiftId: string) => (await server.rawDocuments(collection)).filter((d) => String(d.shiftId) === shiftId);
const tallyOf = async (shiftId: string) => (await server.rawDocuments('volunteer_shift_tallies')).find((t) => String(t._id) === shiftId)!;
const signupOf = async (shiftId: string, token: string) => (await ofShift('volunteer_signups', shiftId)).find((s) => String(s.userId) === idOf(token))!;
const detail = (shiftId: string, token: string) => server.call('GET', `/api/v1/volunteer-shifts/${shiftId}`, { token });
/** Everything a repair could touch for a shift. */
async function stateOf(shiftId: string): Promise<Record<string, unknown[]>> {
  return {
    tally: [await tallyOf(shiftId)],
    signups: await ofShift('volunteer_signups', shiftId),
    seats: await ofShift('volunteer_seats', shiftId),
    notices: await ofShift(NOTICES, shiftId),
  };
}

/** Another process holds the tally's current version and never writes it: every tally write fails within 1 s. */
async function blockTally(shiftId: string): Promise<void> {
  const { version } = await tallyOf(shiftId);
  await deps.conn.db!.collection<{ _id: string; at: number }>('version_claims').insertOne({ _id: `volunteer_shift_tallies:${shiftId}:${String(version)}`, at: Date.now() });
  tallyLimits.batchDeadlineMs = 1_000;
}
/** Another process is handing seat `n` over (and will die doing it): a leave of that seat leaves it alone. */
async function lockSeat(shiftId: string, n: number): Promise<void> {
  await deps.conn.db!.collection<{ _id: string; at: number }>('version_claims').insertOne({ _id: `volunteer_seat_handovers:${shiftId}:${n}:0`, at: Date.now() });
}
const unblock = async () => {
  tallyLimits.batchDeadlineMs = deadline;
  await deps.conn.db!.collection<{ _id: string }>('version_claims').deleteMany({});
};
const repair = (d = deps, at = Date.now() + 3 * MINUTE) => runVolunteerRemindersOnce(d, { now: new Date(at) });

/** One confirmed (a), two in line (b, then c), for a shift of one place starting `hours` from now. */
async function fullShift(hours: number): Promise<{ shiftId: string; a: string; b: string; c: string }> {
  const [a, b, c] = tokens.slice(1) as [string, string, string];
  const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: hours, capacity: 1 }));
  expect((await signUp(server, a, shiftId)).body.mySignup.status).toBe('confirmed');
  expect((await signUp(server, b, shiftId)).body.mySignup).toEqual({ status: 'waitlisted', waitlistPosition: 1 });
  expect((await signUp(server, c, shiftId)).body.mySignup).toEqual({ status: 'waitlisted', waitlistPosition: 2 });
  return { shiftId, a, b, c };
}

/** The end state every repair must reach: b on the seat (told once), c first in line, a gone. */
async function expectSeatWentToB(s: { shiftId: string; a: string; b: string; c: string }): Promise<void> {
  const [a, b, c] = await Promise.all([signupOf(s.shiftId, s.a), signupOf(s.shiftId, s.b), signupOf(s.shiftId, s.c)]);
  expect(a).toMatchObject({ status: 'cancelled', seat: null });
  expect(b).toMatchObject({ status: 'confirmed', seat: 1 });
  expect(c).toMatchObject({ status: 'waitlisted' });
  expect(await tallyOf(s.shiftId)).toMatchObject({ seats: `1:${String(b._id)}`, waitlist: `${String(c.waitlistTicket)}:${String(c._id)}` });
  expect((await ofShift('volunteer_seats', s.shiftId)).find((x) => x._id === `${s.shiftId}:1`)).toMatchObject({ signupId: String(b._id) });
  expect((await ofShift(NOTICES, s.shiftId)).map((n) => n._id)).toEqual([`promoted:${String(b._id)}`]);
  expect((await detail(s.shiftId, s.b)).body).toMatchObject({ confirmed: 1, waitlisted: 1, mySignup: { status: 'confirmed', waitlistPosition: null } });
  expect((await detail(s.shiftId, s.c)).body).toMatchObject({ confirmed: 1, waitlisted: 1, mySignup: { status: 'waitlisted', waitlistPosition: 1 } });
}

describe('a cancellation whose tally write fails', () => {
  it('when nothing of the leave landed, then the answer is 503 and the cancelled sign-up keeps the seat; cancelling again frees it for the first in line, and a third cancel finds nothing', async () => {
    const s = await fullShift(100);
    await blockTally(s.shiftId);
    await lockSeat(s.shiftId, 1);
    const failed = await cancel(server, s.a, s.shiftId);
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    expect(await signupOf(s.shiftId, s.a)).toMatchObject({ status: 'cancelled', seat: null });
    expect(await signupOf(s.shiftId, s.b)).toMatchObject({ status: 'waitlisted' });
    // the seat is lost to everyone: the shift is full of a cancelled sign-up
    expect((await detail(s.shiftId, s.b)).body).toMatchObject({ confirmed: 1, waitlisted: 2, mySignup: { status: 'waitlisted', waitlistPosition: 1 } });

    await unblock();
    const again = await cancel(server, s.a, s.shiftId);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ confirmed: 1, waitlisted: 1, mySignup: { status: 'cancelled' } });
    await expectSeatWentToB(s);
    const third = await cancel(server, s.a, s.shiftId);
    expect(third.status).toBe(404);
    expect(third.body.error.code).toBe('SIGNUP_NOT_FOUND');
  }, 60_000);

  it('when nothing of the leave landed, then the repair leaves a fresh cancellation to its own request, and after that frees the seat for the first in line, who is told once', async () => {
    const s = await fullShift(120);
    await blockTally(s.shiftId);
    await lockSeat(s.shiftId, 1);
    expect((await cancel(server, s.a, s.shiftId)).status).toBe(503);
    await unblock();
    const held = await stateOf(s.shiftId);

    await repair(deps, Date.now()); // the cancellation's own leave may still be on its way
    expect(await stateOf(s.shiftId)).toEqual(held);

    expect(await repair()).toMatchObject({ released: 1 });
    await expectSeatWentToB(s);
    expect(await repair()).toMatchObject({ released: 0 }); // nothing left to do
  }, 60_000);

  it('when the hand-over landed but not the tally, then the repair records it: the one promoted keeps the seat and nobody else is promoted', async () => {
    const s = await fullShift(140);
    await blockTally(s.shiftId);
    expect((await cancel(server, s.a, s.shiftId)).status).toBe(503);
    await unblock();
    // b was promoted on the seat; the tally still gives the seat to a and has b in line
    expect(await signupOf(s.shiftId, s.b)).toMatchObject({ status: 'confirmed', seat: 1 });
    expect((await tallyOf(s.shiftId)).seats).toBe(`1:${String((await signupOf(s.shiftId, s.a))._id)}`);

    await repair();
    await expectSeatWentToB(s);
  }, 60_000);

  it('when two worker processes repair and the volunteer cancels again all at once, then the seat is handed over once', async () => {
    const s = await fullShift(160);
    await blockTally(s.shiftId);
    await lockSeat(s.shiftId, 1);
    expect((await cancel(server, s.a, s.shiftId)).status).toBe(503);
    await unblock();

    const [, , again] = await Promise.all([repair(deps), repair(otherDeps), cancel(server, s.a, s.shiftId)]);
    expect([200, 404]).toContain(again.status); // 404 when a repair finished first
    await repair(); // whatever a lost race left to the next run
    await expectSeatWentToB(s);
  }, 60_000);

  it('then the shift in good order was never changed by any of it', async () => {
    expect(await stateOf(bystander.shiftId)).toEqual(bystander.before);
  });
});
