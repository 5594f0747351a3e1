import type { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../../../test/http';
import { NOTICES } from '../../notifications/notices';
import { runVolunteerRemindersOnce } from './reminders';
import { cancel, createShift, setUpVolunteerWorld, shiftBody, signUp, tokensByUser, volunteers, workerDeps, type VolunteerWorld } from '../volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let tokens: string[];
let deps: Awaited<ReturnType<typeof workerDeps>>;
let idOf: (token: string) => string;
beforeAll(async () => {
  server = await startTestServer('volunteer-seating-repair');
  world = await setUpVolunteerWorld(server);
  tokens = await volunteers(server, world, 'repair', 5);
  const byUser = await tokensByUser(server, tokens);
  const userOf = new Map([...byUser].map(([user, token]) => [token, user]));
  idOf = (t) => userOf.get(t)!;
  deps = await workerDeps(server);
}, 120_000);
afterAll(async () => {
  await deps.close();
  await server.close();
});

const MINUTE = 60_000;
const ofShift = async (collection: string, shiftId: string) => (await server.rawDocuments(collection)).filter((d) => String(d.shiftId) === shiftId);
const ofSubject = async (collection: string, id: string) => (await server.rawDocuments(collection)).filter((d) => String(d.subjectId) === id);
const signupOf = async (shiftId: string, token: string) => (await ofShift('volunteer_signups', shiftId)).find((s) => String(s.userId) === idOf(token))!;
const detail = (shiftId: string, token: string) => server.call('GET', `/api/v1/volunteer-shifts/${shiftId}`, { token });
const repair = (at: number) => runVolunteerRemindersOnce(deps, { now: new Date(at) });

/** One confirmed (a), the rest in line in order, for a shift of one place. */
async function fullShift(hours: number, people: string[]): Promise<string> {
  const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: hours, capacity: 1 }));
  for (const t of people) expect((await signUp(server, t, shiftId)).status).toBe(200);
  return shiftId;
}

describe('cancellations and the first in line', () => {
  it('when two confirmed volunteers cancel at the same moment, then the first two in line are promoted, each once, and told once', async () => {
    const [a, b, c, d, e] = tokens as [string, string, string, string, string];
    const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ startsInHours: 90, capacity: 2 }));
    for (const t of [a, b, c, d, e]) expect((await signUp(server, t, shiftId)).status).toBe(200);
    const answers = await Promise.all([cancel(server, a, shiftId), cancel(server, b, shiftId)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await signupOf(shiftId, c)).toMatchObject({ status: 'confirmed' });
    expect(await signupOf(shiftId, d)).toMatchObject({ status: 'confirmed' });
    expect(await signupOf(shiftId, e)).toMatchObject({ status: 'waitlisted' });
    expect((await ofSubject(NOTICES, shiftId)).map((n) => n._id).sort()).toEqual([`promoted:${String((await signupOf(shiftId, c))._id)}`, `promoted:${String((await signupOf(shiftId, d))._id)}`].sort());
    expect((await detail(shiftId, e)).body).toMatchObject({ confirmed: 2, waitlisted: 1, mySignup: { status: 'waitlisted', waitlistPosition: 1 } });
    // cancelling again is safe: nothing is found, nobody else is promoted
    const again = await Promise.all([cancel(server, a, shiftId), cancel(server, a, shiftId)]);
    expect(again.map((r) => r.body.error.code)).toEqual(['SIGNUP_NOT_FOUND', 'SIGNUP_NOT_FOUND']);
    expect(await signupOf(shiftId, e)).toMatchObject({ status: 'waitlisted' });
  });

  it('when a process died between a cancellation and the promotion, then the worker, once the shift has been quiet, gives the seat to the first in line, once', async () => {
    const [a, b, c] = tokens as [string, string, string];
    const shiftId = await fullShift(120, [a, b, c]);
    // the cancellation's first step only: the sign-up left, the shift still counts its seat
    const raw = deps.conn.db!.collection('volunteer_signups');
    await raw.updateOne({ _id: (await signupOf(shiftId, a))._id as Types.ObjectId }, { $set: { status: 'cancelled' } });
    expect((await detail(shiftId, b)).body).toMatchObject({ confirmed: 1, waitlisted: 2, mySignup: { status: 'waitlisted', waitlistPosition: 1 } });

    await repair(Date.now()); // the shift has just changed: a request may still be on its way
    expect(await signupOf(shiftId, b)).toMatchObject({ status: 'waitlisted' });

    expect((await repair(Date.now() + 6 * MINUTE)).released).toBeGreaterThan(0);
    expect(await signupOf(shiftId, b)).toMatchObject({ status: 'confirmed', ticket: null });
    expect((await detail(shiftId, c)).body).toMatchObject({ confirmed: 1, waitlisted: 1, mySignup: { status: 'waitlisted', waitlistPosition: 1 } });
    expect((await ofSubject(NOTICES, shiftId)).map((n) => n._id)).toEqual([`promoted:${String((await signupOf(shiftId, b))._id)}`]);

    expect(await repair(Date.now() + 20 * MINUTE)).toMatchObject({ released: 0 }); // nothing left to do
    expect(await signupOf(shiftId, c)).toMatchObject({ status: 'waitlisted' });
  });
});
