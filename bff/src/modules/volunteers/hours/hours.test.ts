import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../../../test/http';
import { resetClock, setClock } from '../../../platform/clock';
import { appendHoursEntry } from './ledger.service';
import { recordStarLevel } from './hours-stars';
import { createShift, setUpVolunteerWorld, shiftBody, signUp, volunteer, workerDeps, type VolunteerWorld } from '../volunteer-test-kit';

const HERE = { lat: 22.5431, lng: 114.0579, accuracyM: 10 };
const MIN = 60_000;

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('vol_hours');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  resetClock();
  await server.close();
});
afterEach(() => resetClock());

const staffToken = async () => (await server.login('community-lianhua')).accessToken;

/**
 * A volunteer who served a 2-hour shift from `inAt` to `outAt` minutes after its start; the clock
 * ends at the end of the shift. Returns fresh tokens (access tokens live 15 minutes on the moved clock).
 */
async function served(name: string, inAt = 0, outAt = 120) {
  const body = shiftBody();
  const shiftId = await createShift(server, await staffToken(), world.projectId, body);
  expect((await signUp(server, await volunteer(server, world, name), shiftId)).status).toBe(200);
  const start = Date.parse(body.startAt);
  const scan = async (minutes: number, purpose: 'check_in' | 'check_out') => {
    setClock(() => start + minutes * MIN);
    const code = (await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/qr?purpose=${purpose}`, { token: await staffToken() })).body.token;
    const token = (await server.login(name)).accessToken;
    const res = await server.call('POST', `/api/v1/volunteer-shifts/${shiftId}/${purpose.replace('_', '-')}`, { token, body: { token: code, position: HERE } });
    expect(res.status).toBe(200);
  };
  await scan(inAt, 'check_in');
  await scan(outAt, 'check_out');
  setClock(() => start + 121 * MIN);
  const staff = await staffToken();
  const token = (await server.login(name)).accessToken;
  const [entry] = (await server.call('GET', `/api/v1/volunteer-shifts/${shiftId}/attendance`, { token: staff })).body.items;
  return { shiftId, signupId: entry.signupId as string, userId: entry.userId as string, staff, token, start };
}

const confirm = (s: { shiftId: string; signupId: string }, token: string, body: unknown = {}) =>
  server.call('POST', `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/confirm`, { token, body });
const correct = (s: { shiftId: string; signupId: string }, token: string, body: unknown) =>
  server.call('POST', `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/corrections`, { token, body });

describe('confirming hours into the ledger', () => {
  it('when the organiser confirms, then the computed hours enter the ledger once and the volunteer sees them', async () => {
    const s = await served('confirm', 10, 100);
    const res = await confirm(s, s.staff);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ entry: { kind: 'confirmation', hours: 1.5, delta: 1.5, computedHours: 1.5 }, volunteer: { confirmedHours: 1.5, stars: 0 } });
    expect((await confirm(s, s.staff)).body.error.code).toBe('HOURS_ALREADY_CONFIRMED');
    const mine = await server.call('GET', '/api/v1/volunteers/me/hours', { token: s.token });
    expect(mine.body).toMatchObject({ confirmedHours: 1.5, items: [{ hours: 1.5 }] });
  });

  it('when someone who does not run the shift confirms, then it is forbidden and the ledger is untouched', async () => {
    const s = await served('confirm-forbidden');
    expect((await confirm(s, (await server.login('community-hehua')).accessToken)).status).toBe(403);
    expect((await confirm(s, s.token)).status).toBe(403);
    expect((await server.rawDocuments('volunteer_hours_ledger')).filter((d) => String(d.signupId) === s.signupId)).toHaveLength(0);
  });

  it('when the organiser adjusts without a reason, then HOURS_REASON_REQUIRED; with a reason, the adjusted value is recorded beside the computed one', async () => {
    const s = await served('adjust');
    expect((await confirm(s, s.staff, { hours: 3 })).body.error.code).toBe('HOURS_REASON_REQUIRED');
    const res = await confirm(s, s.staff, { hours: 2.5, reason: '提前半小时到岗布置场地' });
    expect(res.body.entry).toMatchObject({ hours: 2.5, computedHours: 2, reason: '提前半小时到岗布置场地' });
  });

  it('when a confirmation is corrected, then a new entry references the old one and the total follows; the old entry is unchanged', async () => {
    const s = await served('correct');
    const first = (await confirm(s, s.staff)).body.entry;
    expect((await correct(s, s.staff, { hours: 1 })).body.error.code).toBe('HOURS_REASON_REQUIRED');
    const res = await correct(s, s.staff, { hours: 1, reason: '中途离岗一小时' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ entry: { kind: 'correction', hours: 1, delta: -1, corrects: first.id }, volunteer: { confirmedHours: 1 } });
    const docs = (await server.rawDocuments('volunteer_hours_ledger')).filter((d) => String(d.signupId) === s.signupId);
    expect(docs.map((d) => [d.seq, d.hours, d.delta])).toEqual([[1, 2, 2], [2, 1, -1]]);
  });

  it('when anything tries to edit or delete ledger entries over HTTP, then no route exists for it', async () => {
    const s = await served('no-edit');
    const entry = (await confirm(s, s.staff)).body.entry;
    const paths = [
      `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/confirm`,
      `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}`,
      `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/corrections`,
      `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/hours/${entry.id}`,
      `/api/v1/volunteer-hours/${entry.id}`,
      `/api/v1/volunteers/me/hours`,
      `/api/v1/volunteers/me/hours/${entry.id}`,
      `/api/v1/volunteer-hours-ledger/${entry.id}`,
    ];
    const answers: string[] = [];
    for (const path of paths) {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const res = await fetch(server.url + path, {
          method,
          headers: { authorization: `Bearer ${s.staff}`, 'content-type': 'application/json' },
          body: method === 'DELETE' ? undefined : JSON.stringify({ hours: 24, reason: '篡改记录' }),
        });
        answers.push(`${method} ${path} ${[404, 405].includes(res.status) ? 'refused' : res.status}`);
      }
    }
    expect(answers.filter((a) => !a.endsWith('refused'))).toEqual([]);
    const docs = (await server.rawDocuments('volunteer_hours_ledger')).filter((d) => String(d.signupId) === s.signupId);
    expect(docs).toEqual([expect.objectContaining({ hours: 2, delta: 2, seq: 1 })]);
  });
});

describe('star levels', () => {
  /** 99.5 h of earlier service written straight into the ledger (insert-only, as the service does). */
  async function history(userId: string, hours: number) {
    const deps = await workerDeps(server);
    try {
      await appendHoursEntry(deps.conn, { userId: new Types.ObjectId(userId), shiftId: new Types.ObjectId(), signupId: new Types.ObjectId(), hours, computedHours: hours, confirmedBy: new Types.ObjectId() }, null);
    } finally {
      await deps.close();
    }
  }

  async function registeredMonthsAgo(userId: string, months: number, from: number) {
    const deps = await workerDeps(server);
    try {
      const d = new Date(from);
      d.setUTCMonth(d.getUTCMonth() - months);
      await deps.conn.db!.collection('volunteers').updateOne({ userId: new Types.ObjectId(userId) }, { $set: { registeredAt: d } });
    } finally {
      await deps.close();
    }
  }

  const notices = async (userId: string) =>
    (await server.rawDocuments('notices')).filter((n) => String(n.userId) === userId && n.kind === 'star_level');

  it('when 100 h are reached after 7 months registered, then ★ is recorded once and announced once', async () => {
    const s = await served('star-one');
    await registeredMonthsAgo(s.userId, 7, s.start);
    await history(s.userId, 98);
    const res = await confirm(s, s.staff);
    expect(res.body.volunteer).toEqual({ confirmedHours: 100, stars: 1 });
    const stars = await server.call('GET', '/api/v1/volunteers/me/stars', { token: s.token });
    expect(stars.body.items).toEqual([expect.objectContaining({ stars: 1, confirmedHours: 100 })]);
    expect(await notices(s.userId)).toHaveLength(1);
    // a correction down and up again does not announce the level a second time
    await correct(s, s.staff, { hours: 1, reason: '核对签到记录' });
    const again = await correct(s, s.staff, { hours: 2, reason: '核对后恢复' });
    expect(again.body.volunteer).toEqual({ confirmedHours: 100, stars: 1 });
    expect(await notices(s.userId)).toHaveLength(1);
  });

  it('when several requests record the level reached at the same moment, then it is recorded once and announced once', async () => {
    const s = await served('star-race');
    await registeredMonthsAgo(s.userId, 7, s.start);
    await history(s.userId, 100);
    const deps = await Promise.all([1, 2, 3, 4, 5].map(() => workerDeps(server)));
    try {
      const levels = await Promise.all(deps.map((d) => recordStarLevel(d.conn, new Types.ObjectId(s.userId))));
      expect(levels.map((l) => l.stars)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await Promise.all(deps.map((d) => d.close()));
    }
    expect((await server.rawDocuments('volunteer_star_history')).filter((h) => String(h.userId) === s.userId)).toHaveLength(1);
    expect(await notices(s.userId)).toHaveLength(1);
  });

  it('when 100 h are reached after only 5 months, then no star yet: tenure is missing', async () => {
    const s = await served('star-tenure');
    await registeredMonthsAgo(s.userId, 5, s.start);
    await history(s.userId, 98);
    expect((await confirm(s, s.staff)).body.volunteer).toEqual({ confirmedHours: 100, stars: 0 });
    expect(await notices(s.userId)).toHaveLength(0);
  });

  it('when 600 h are reached after 13 months, then ★★★ with ★ and ★★ in the history and one announcement', async () => {
    const s = await served('star-three');
    await registeredMonthsAgo(s.userId, 13, s.start);
    await history(s.userId, 598);
    expect((await confirm(s, s.staff)).body.volunteer).toEqual({ confirmedHours: 600, stars: 3 });
    const stars = await server.call('GET', '/api/v1/volunteers/me/stars', { token: s.token });
    expect(stars.body.items.map((i: { stars: number }) => i.stars)).toEqual([1, 2, 3]);
    expect(await notices(s.userId)).toHaveLength(1);
  });
});

describe('ratings', () => {
  it('when the organiser rates each volunteer and volunteers rate the shift, then each rates once and averages follow', async () => {
    const a = await served('rate-a');
    const b = await served('rate-b');
    // serving b moved the clock past the life of a's tokens
    a.staff = b.staff;
    a.token = (await server.login('rate-a')).accessToken;
    const rate = (s: typeof a, score: number) =>
      server.call('POST', `/api/v1/volunteer-shifts/${s.shiftId}/attendance/${s.signupId}/rating`, { token: s.staff, body: { score, comment: '认真负责' } });
    expect((await rate(a, 5)).status).toBe(201);
    expect((await rate(a, 1)).body.error.code).toBe('ALREADY_RATED');
    expect((await server.call('GET', '/api/v1/volunteers/me/rating', { token: a.token })).body).toEqual({ average: 5, count: 1 });
    const byVolunteer = await server.call('POST', `/api/v1/volunteer-shifts/${a.shiftId}/rating`, { token: a.token, body: { score: 4 } });
    expect(byVolunteer.status).toBe(201);
    expect((await server.call('POST', `/api/v1/volunteer-shifts/${a.shiftId}/rating`, { token: a.token, body: { score: 2 } })).body.error.code).toBe('ALREADY_RATED');
    expect((await server.call('POST', `/api/v1/volunteer-shifts/${b.shiftId}/rating`, { token: a.token, body: { score: 2 } })).body.error.code).toBe('RATING_NOT_ALLOWED');
    expect((await server.call('GET', `/api/v1/volunteer-shifts/${a.shiftId}/ratings`, { token: a.staff })).body).toEqual({ average: 4, count: 1 });
    expect((await server.call('POST', `/api/v1/volunteer-shifts/${a.shiftId}/attendance/${a.signupId}/rating`, { token: a.token, body: { score: 5 } })).status).toBe(403);
    expect((await rate(b, 3)).status).toBe(201);
    expect((await server.call('GET', '/api/v1/volunteers/me/rating', { token: b.token })).body).toEqual({ average: 3, count: 1 });
  });
});

describe('service certificate', () => {
  it('when a volunteer asks for a certificate, then it is numbered, recorded, carries the record fields with a masked ID number; the public check shows the masked name and totals only', async () => {
    const s = await served('certificate', 0, 120);
    await confirm(s, s.staff);
    const res = await server.call('GET', '/api/v1/volunteers/me/certificate', { token: s.token });
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.number).toMatch(/^GZC\d{16}$/);
    expect(c.volunteer).toMatchObject({ name: '王小明', idType: '居民身份证', volunteerNumber: expect.stringMatching(/^GZV/) });
    expect(c.volunteer.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(c.totals).toEqual({ hours: 2, shifts: 1 });
    expect(c.records).toEqual([expect.objectContaining({ activity: '关爱独居老人', place: '莲花社区党群服务中心', hours: 2 })]);
    expect(Buffer.from(c.image.split(',')[1], 'base64').toString()).toContain(c.number);
    const again = await server.call('GET', '/api/v1/volunteers/me/certificate', { token: s.token });
    expect(again.body.number).not.toBe(c.number);

    const check = await server.call('GET', c.verifyPath);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ number: c.number, issuedAt: c.issuedAt, issuer: c.issuer, name: '王*明', totals: { hours: 2, shifts: 1 } });
    const text = JSON.stringify(check.body);
    expect(text).not.toContain(c.volunteer.idNumber.slice(-4));
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect((await server.call('GET', '/api/v1/volunteer-certificates/GZC2026010100000000')).body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await server.call('GET', '/api/v1/volunteer-certificates/anything')).status).toBe(404);
  });

  it('when a resident who is not a volunteer asks, then VOLUNTEER_NOT_REGISTERED', async () => {
    const { accessToken } = await server.login('not-volunteer');
    expect((await server.call('GET', '/api/v1/volunteers/me/certificate', { token: accessToken })).body.error.code).toBe('VOLUNTEER_NOT_REGISTERED');
  });
});
