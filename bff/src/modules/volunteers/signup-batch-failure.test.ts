import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../../test/http';
import { tallyLimits } from './shift-tally';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteers, workerDeps, type VolunteerWorld } from './volunteer-test-kit';

let server: TestServer;
let world: VolunteerWorld;
let tokens: string[];
let deps: Awaited<ReturnType<typeof workerDeps>>;
const deadline = tallyLimits.batchDeadlineMs;
beforeAll(async () => {
  server = await startTestServer('volunteer-batch-failure');
  world = await setUpVolunteerWorld(server);
  tokens = await volunteers(server, world, 'batch', 3);
  deps = await workerDeps(server);
}, 120_000);
afterAll(async () => {
  tallyLimits.batchDeadlineMs = deadline;
  await deps.close();
  await server.close();
});

const ofShift = async (collection: string, shiftId: string) =>
  (await server.rawDocuments(collection)).filter((d) => String(d.shiftId) === shiftId);

describe('a tally batch that cannot finish', () => {
  it('when the tally cannot be written before the deadline, then every sign-up of the batch answers 503 SIGNUP_BUSY and nothing stays held, and the same volunteers sign up once the tally is free', async () => {
    const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ capacity: 2 }));
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}`, { token: tokens[0] })).status).toBe(200); // the tally exists, at version 0
    // Another process holds the tally's version and never writes (it stalled, or died less than 30 s ago).
    const claims = deps.conn.db!.collection<{ _id: string; at: number }>('version_claims');
    const blocking = `volunteer_shift_tallies:${shiftId}:0`;
    await claims.insertOne({ _id: blocking, at: Date.now() });
    tallyLimits.batchDeadlineMs = 1_000;

    const failed = await Promise.all(tokens.map((t) => signUp(server, t, shiftId)));
    expect(failed.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(failed[0]!.body.error).toMatchObject({ code: 'SIGNUP_BUSY', message: '报名人数较多，暂未完成报名，请稍后重试' });
    expect(await ofShift('volunteer_seats', shiftId)).toEqual([]);
    expect(await ofShift('volunteer_signups', shiftId)).toEqual([]);
    const [tally] = (await server.rawDocuments('volunteer_shift_tallies')).filter((t) => String(t._id) === shiftId);
    expect(tally).toMatchObject({ version: 0, seats: '', waitlist: '' });

    await claims.deleteOne({ _id: blocking });
    tallyLimits.batchDeadlineMs = deadline;
    const again = await Promise.all(tokens.map((t) => signUp(server, t, shiftId)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]); // neither ALREADY_SIGNED_UP nor SHIFT_OVERLAP: the failed attempt left nothing
    const signups = await ofShift('volunteer_signups', shiftId);
    expect(signups.map((s) => s.status).sort()).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect((await ofShift('volunteer_seats', shiftId)).map((s) => s.signupId).sort()).toEqual(signups.map((s) => String(s._id)).sort());
  }, 60_000);

  it('when a seat claim was left by a process that died mid-batch (old, its sign-up never inserted), then the next sign-up takes that seat', async () => {
    const shiftId = await createShift(server, world.staff, world.projectId, shiftBody({ capacity: 1, startsInHours: 200 }));
    await deps.conn.db!.collection<{ _id: string }>('volunteer_seats').insertOne({
      _id: `${shiftId}:1`, shiftId, kind: 'seat', signupId: new Types.ObjectId().toString(), at: new Date(Date.now() - 10 * 60_000),
    } as { _id: string });
    const res = await signUp(server, tokens[0]!, shiftId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ confirmed: 1, waitlisted: 0, mySignup: { status: 'confirmed', waitlistPosition: null } });
    const [seat] = await ofShift('volunteer_seats', shiftId);
    expect(seat).toMatchObject({ _id: `${shiftId}:1`, signupId: String((await ofShift('volunteer_signups', shiftId))[0]!._id) });
  });
});
