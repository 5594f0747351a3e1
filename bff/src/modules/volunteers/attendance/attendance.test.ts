import { createHmac } from 'node:crypto';
import { QR_PERIOD_SECONDS } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../../../../test/http';
import { resetClock, setClock } from '../../../platform/clock';
import { runAttendanceSweepOnce } from './attendance-sweep';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, workerDeps, type VolunteerWorld } from '../volunteer-test-kit';

const CENTER = { lat: 22.5431, lng: 114.0579 };
const HERE = { ...CENTER, accuracyM: 10 };
/** `m` metres due north of the shift's point */
const north = (m: number, accuracyM = 0) => ({ lat: CENTER.lat + (m / (2 * Math.PI * 6_371_008.8)) * 360, lng: CENTER.lng, accuracyM });
const MIN = 60_000;

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('vol_attendance');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  resetClock();
  await server.close();
});
afterEach(() => resetClock());

/** A 2-hour shift starting in 72 h with one signed-up volunteer; the clock is then set relative to its start. */
async function shiftWithVolunteer(name: string, over: Record<string, unknown> = {}) {
  const body = shiftBody(over);
  const shiftId = await createShift(server, world.staff, world.projectId, body);
  const token = await volunteer(server, world, name);
  expect((await signUp(server, token, shiftId)).status).toBe(200);
  const start = Date.parse(body.startAt);
  const me = { shiftId, token, start, name, at: (minutesFromStart: number) => moveClock(me, start + minutesFromStart * MIN) };
  return me;
}

async function shiftWithVolunteerOn(shiftId: string, name: string) {
  const token = await volunteer(server, world, name);
  expect((await signUp(server, token, shiftId)).status).toBe(200);
  return { token, name };
}

/** Access tokens live 15 minutes on the same clock: after moving it, the organiser and the volunteer sign in again. */
async function moveClock(who: { token: string; name: string }, ms: number) {
  setClock(() => ms);
  world.staff = (await server.login('community-lianhua')).accessToken;
  who.token = (await server.login(who.name)).accessToken;
}

const qr = (shiftId: string, purpose = 'check_in', token = world.staff) => server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/qr?purpose=${purpose}`, { token });
const checkIn = (shiftId: string, token: string, code: string, position: unknown = HERE) =>
  server.call('POST', `/api/v1/volunteer-shifts/${shiftId}/check-in`, { token, body: { token: code, position } });
const checkOut = (shiftId: string, token: string, code: string, position: unknown = HERE) =>
  server.call('POST', `/api/v1/volunteer-shifts/${shiftId}/check-out`, { token, body: { token: code, position } });
const presence = async (shiftId: string) => (await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/attendance`, { token: world.staff })).body.items;

describe('the rotating QR code', () => {
  it('when the organiser asks for the code, then it is signed, names its purpose and expires within two periods; a volunteer may not ask', async () => {
    const v = await shiftWithVolunteer('qr-shown');
    const { shiftId, at } = v;
    await at(-10);
    const res = await qr(shiftId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ purpose: 'check_in', periodSeconds: QR_PERIOD_SECONDS });
    const left = Date.parse(res.body.expiresAt) - (v.start - 10 * MIN);
    expect(left).toBeGreaterThan(QR_PERIOD_SECONDS * 1000);
    expect(left).toBeLessThanOrEqual(2 * QR_PERIOD_SECONDS * 1000);
    expect((await qr(shiftId, 'check_in', v.token)).status).toBe(403);
    expect((await qr(shiftId, 'check_in', (await server.login('community-hehua')).accessToken)).status).toBe(403);
  });

  it('when the code is used in its period or the next, then it works; two periods later it is refused as QR_INVALID', async () => {
    const a = await shiftWithVolunteer('qr-late');
    const b = await shiftWithVolunteer('qr-expired');
    // both shifts start at about the same instant; align to a period boundary so the test never straddles one
    const period = QR_PERIOD_SECONDS * 1000;
    const issuedAt = Math.floor((a.start - 10 * MIN) / period) * period;
    await moveClock(a, issuedAt);
    const codeA = (await qr(a.shiftId)).body.token;
    const codeB = (await qr(b.shiftId)).body.token;
    await moveClock(a, issuedAt + 2 * period - 1);
    expect((await checkIn(a.shiftId, a.token, codeA)).status).toBe(200);
    await moveClock(b, issuedAt + 2 * period);
    const late = await checkIn(b.shiftId, b.token, codeB);
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('QR_INVALID');
  });

  it('when the code is forged (altered payload, another key, another shift, wrong purpose), then QR_INVALID', async () => {
    const v = await shiftWithVolunteer('qr-forged');
    const { shiftId, at } = v;
    const other = await shiftWithVolunteer('qr-forged-other');
    await at(-5);
    const code: string = (await qr(shiftId)).body.token;
    const [payload, mac] = code.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, t: claims.t + 3600_000 })).toString('base64url');
    const otherKey = createHmac('sha256', 'another-key-of-at-least-32-characters!!').update(payload!).digest('base64url');
    const forgeries = [
      `${altered}.${mac}`,
      `${payload}.${otherKey}`,
      (await qr(other.shiftId)).body.token,
      (await qr(shiftId, 'check_out')).body.token,
      'not-a-token-at-all',
    ];
    for (const f of forgeries) {
      const res = await checkIn(shiftId, v.token, f);
      expect([res.status, res.body.error.code]).toEqual([400, 'QR_INVALID']);
    }
    expect(await presence(shiftId)).toEqual([expect.objectContaining({ attendance: null })]);
  });

  it('when the same code is replayed by the same volunteer, then the check-in counts once', async () => {
    const v = await shiftWithVolunteer('qr-replay');
    const { shiftId, at } = v;
    await at(-5);
    const code = (await qr(shiftId)).body.token;
    const results = await Promise.all([checkIn(shiftId, v.token, code), checkIn(shiftId, v.token, code), checkIn(shiftId, v.token, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_CHECKED_IN');
    expect((await server.rawDocuments('volunteer_attendance')).filter((d) => String(d.shiftId) === shiftId)).toHaveLength(1);
  });

  it('when someone who did not sign up scans the code, then there is no sign-up to check in', async () => {
    const { shiftId, at } = await shiftWithVolunteer('qr-signed');
    await volunteer(server, world, 'qr-stranger');
    await at(-5);
    const stranger = (await server.login('qr-stranger')).accessToken;
    const res = await checkIn(shiftId, stranger, (await qr(shiftId)).body.token);
    expect([res.status, res.body.error.code]).toEqual([404, 'SIGNUP_NOT_FOUND']);
  });

  it('when checking out with a check-out code issued before the check-in, then it is refused; one issued after works, once', async () => {
    const v = await shiftWithVolunteer('qr-order');
    const { shiftId, at } = v;
    await at(-2);
    const early = (await qr(shiftId, 'check_out')).body.token;
    await at(-1);
    expect((await checkIn(shiftId, v.token, (await qr(shiftId)).body.token)).status).toBe(200);
    expect((await checkOut(shiftId, v.token, early)).body.error.code).toBe('QR_INVALID');
    await at(119);
    const code = (await qr(shiftId, 'check_out')).body.token;
    const out = await checkOut(shiftId, v.token, code);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ computedHours: 1.5, closedBySweep: false });
    expect((await checkOut(shiftId, v.token, code)).body.error.code).toBe('ALREADY_CHECKED_OUT');
  });

  it('when the volunteer checks out from two phones at the same moment, then one check-out lands and the other is ALREADY_CHECKED_OUT', async () => {
    const v = await shiftWithVolunteer('double-checkout');
    const { shiftId, at } = v;
    await at(-5);
    expect((await checkIn(shiftId, v.token, (await qr(shiftId)).body.token)).status).toBe(200);
    await at(110);
    const code = (await qr(shiftId, 'check_out')).body.token;
    const results = await Promise.all([checkOut(shiftId, v.token, code), checkOut(shiftId, v.token, code, north(30, 5)), checkOut(shiftId, v.token, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(['ALREADY_CHECKED_OUT', 'ALREADY_CHECKED_OUT']);
  });
});

describe('check-in window and geofence', () => {
  it('when 31 minutes before the start, then check-in is not open; at 30 it is', async () => {
    const v = await shiftWithVolunteer('window');
    const { shiftId, at } = v;
    await at(-31);
    const early = await checkIn(shiftId, v.token, (await qr(shiftId)).body.token);
    expect([early.status, early.body.error.code]).toEqual([409, 'CHECK_IN_NOT_OPEN']);
    await at(-30);
    expect((await checkIn(shiftId, v.token, (await qr(shiftId)).body.token)).status).toBe(200);
  });

  it('when the shift is over, then check-in is closed', async () => {
    const v = await shiftWithVolunteer('window-over');
    const { shiftId, at } = v;
    await at(120);
    expect((await checkIn(shiftId, v.token, (await qr(shiftId)).body.token)).body.error.code).toBe('CHECK_IN_NOT_OPEN');
  });

  it('when outside the radius (200 m) even with the accuracy allowance, then OUT_OF_GEOFENCE with the distance; at the edge it passes', async () => {
    const v = await shiftWithVolunteer('fence');
    const { shiftId, at } = v;
    await at(0);
    const code = (await qr(shiftId)).body.token;
    const far = await checkIn(shiftId, v.token, code, north(260, 50));
    expect([far.status, far.body.error.code, far.body.error.details]).toEqual([400, 'OUT_OF_GEOFENCE', { distanceM: 260, radiusM: 200 }]);
    const hugeAccuracy = await checkIn(shiftId, v.token, code, north(320, 5000));
    expect(hugeAccuracy.body.error.code).toBe('OUT_OF_GEOFENCE');
    expect((await checkIn(shiftId, v.token, code, north(249, 50))).status).toBe(200);
  });
});

describe('hours from presence', () => {
  it('when arriving 20 minutes late and leaving 25 minutes early, then 1 h 15 min round down to 1 h', async () => {
    const v = await shiftWithVolunteer('late-early');
    const { shiftId, at } = v;
    await at(20);
    await checkIn(shiftId, v.token, (await qr(shiftId)).body.token);
    await at(95);
    expect((await checkOut(shiftId, v.token, (await qr(shiftId, 'check_out')).body.token)).body.computedHours).toBe(1);
  });

  it('when a confirmed volunteer never checks in, then the sweep records a no-show once check-out has closed', async () => {
    const v = await shiftWithVolunteer('never-came');
    const came = await shiftWithVolunteerOn(v.shiftId, 'did-come');
    await v.at(-10);
    came.token = (await server.login(came.name)).accessToken;
    await checkIn(v.shiftId, came.token, (await qr(v.shiftId)).body.token);
    const statuses = async () =>
      (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === v.shiftId).map((s) => s.status).sort();
    const deps = await workerDeps(server);
    try {
      await runAttendanceSweepOnce(deps, { now: new Date(v.start + 120 * MIN + 29 * MIN) });
      expect(await statuses()).toEqual(['attended', 'confirmed']);
      expect((await runAttendanceSweepOnce(deps, { now: new Date(v.start + 120 * MIN + 31 * MIN) })).noShows).toBeGreaterThanOrEqual(1);
      expect(await statuses()).toEqual(['attended', 'no_show']);
      expect((await runAttendanceSweepOnce(deps, { now: new Date(v.start + 120 * MIN + 32 * MIN) })).noShows).toBe(0);
    } finally {
      await deps.close();
    }
  });

  it('when nobody checks out, then the sweep closes the attendance at the shift end after the grace period, flagged, and check-out is closed', async () => {
    const v = await shiftWithVolunteer('no-checkout');
    const { shiftId, start, at } = v;
    await at(-10);
    await checkIn(shiftId, v.token, (await qr(shiftId)).body.token);
    const deps = await workerDeps(server);
    try {
      expect((await runAttendanceSweepOnce(deps, { now: new Date(start + 120 * MIN + 29 * MIN) })).closed).toBe(0);
      expect((await runAttendanceSweepOnce(deps, { now: new Date(start + 120 * MIN + 31 * MIN) })).closed).toBeGreaterThanOrEqual(1);
      expect((await runAttendanceSweepOnce(deps, { now: new Date(start + 120 * MIN + 32 * MIN) })).closed).toBe(0);
    } finally {
      await deps.close();
    }
    const [entry] = await presence(shiftId);
    expect(entry.attendance).toMatchObject({ checkOutAt: new Date(start + 120 * MIN).toISOString(), closedBySweep: true, computedHours: 2 });
    await at(160);
    expect((await checkOut(shiftId, v.token, (await qr(shiftId, 'check_out')).body.token)).body.error.code).toBe('CHECK_OUT_CLOSED');
  });

  it('when several sweeps run at the same moment, then each missing check-out is closed once and each absence is recorded once', async () => {
    const v = await shiftWithVolunteer('sweep-race-open');
    await shiftWithVolunteerOn(v.shiftId, 'sweep-race-absent');
    await v.at(-10);
    expect((await checkIn(v.shiftId, v.token, (await qr(v.shiftId)).body.token)).status).toBe(200);
    const sweepAt = new Date(v.start + 120 * MIN + 31 * MIN);
    const cutoff = sweepAt.getTime() - 30 * MIN;
    // everything due by then, this shift's and what earlier tests left
    const open = (await server.rawDocuments('volunteer_attendance')).filter((a) => a.checkOutAt === null && (a.shiftEndAt as Date).getTime() < cutoff).length;
    const absences = (await server.rawDocuments('volunteer_signups')).filter((s) => s.status === 'confirmed' && (s.endAt as Date).getTime() < cutoff).length;
    expect(open).toBeGreaterThanOrEqual(1);
    expect(absences).toBeGreaterThanOrEqual(1);
    const deps = await Promise.all([1, 2, 3, 4].map(() => workerDeps(server)));
    try {
      const results = await Promise.all(deps.map((d) => runAttendanceSweepOnce(d, { now: sweepAt })));
      expect(results.reduce((n, r) => n + r.closed, 0)).toBe(open);
      expect(results.reduce((n, r) => n + r.noShows, 0)).toBe(absences);
    } finally {
      await Promise.all(deps.map((d) => d.close()));
    }
    const signups = (await server.rawDocuments('volunteer_signups')).filter((s) => String(s.shiftId) === v.shiftId);
    expect(signups.map((s) => s.status).sort()).toEqual(['attended', 'no_show']);
  });

  it('when a night shift runs across midnight, then the hours span both days', async () => {
    const body = shiftBody();
    const start = new Date(body.startAt);
    const nightStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 14, 0) + 2 * 86_400_000; // 22:00 Beijing
    const iso = (ms: number) => new Date(ms).toISOString();
    const shiftId = await createShift(server, world.staff, world.projectId, {
      ...body,
      startAt: iso(nightStart),
      endAt: iso(nightStart + 4 * 3600_000),
      signupDeadline: iso(nightStart - 6 * 3600_000),
      cancelCutoff: iso(nightStart - 24 * 3600_000),
    });
    const v = { name: 'night', token: await volunteer(server, world, 'night') };
    expect((await signUp(server, v.token, shiftId)).status).toBe(200);
    await moveClock(v, nightStart + 10 * MIN);
    await checkIn(shiftId, v.token, (await qr(shiftId)).body.token);
    await moveClock(v, nightStart + 235 * MIN);
    expect((await checkOut(shiftId, v.token, (await qr(shiftId, 'check_out')).body.token)).body.computedHours).toBe(3.5);
  });
});
