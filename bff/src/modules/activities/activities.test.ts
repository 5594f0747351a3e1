import { startTestServer, type TestServer } from '../../../test/http';
import { connectDatabase } from '../../platform/database';
import { advanceClock, nowMs, resetClock } from '../../platform/clock';
import { NOTICES } from '../notifications/notices';
import { issueQrToken } from '../../platform/rotating-qr';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { richNodes, runActivityRemindersOnce } from './activities.service';

let server: TestServer;
let world: VolunteerWorld;
let party: string;
beforeAll(async () => {
  server = await startTestServer('activities');
  world = await setUpVolunteerWorld(server);
  // with a real name: uploads (a cover) need one
  party = await residentAged(server, world, 'party-lianhua');
});
afterAll(async () => {
  await server.close();
});

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function draft(over: Record<string, unknown> = {}) {
  const start = nowMs() + 72 * HOUR;
  return {
    title: '社区健康讲座：老年人防跌倒',
    body: '## 讲座内容\n居家防跌倒的要点。\n\n- 带上老花镜\n- 可以带家属\n\n<script>alert(1)</script> 不会被执行',
    startsAt: iso(start),
    endsAt: iso(start + 2 * HOUR),
    place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区党群服务中心二楼' },
    capacity: 2,
    registrationDeadline: iso(start - 2 * HOUR),
    cancelCutoff: iso(start - 24 * HOUR),
    audience: 'community',
    realNameRequired: true,
    price: { kind: 'free' },
    ...over,
  };
}

async function published(over: Record<string, unknown> = {}): Promise<string> {
  const created = await server.call('POST', '/api/v1/activities', { token: party, body: draft(over) });
  if (created.status !== 201) throw new Error(`activity: ${created.status} ${JSON.stringify(created.body)}`);
  expect((await server.call('POST', `/api/v1/activities/${created.body.id}/publish`, { token: party })).status).toBe(200);
  return created.body.id as string;
}

const register = (token: string, id: string) => server.call('POST', `/api/v1/activities/${id}/registrations`, { token });
const idOf = async (token: string) => (await server.call('GET', '/api/v1/me', { token })).body.id as string;

describe('publishing', () => {
  it('when a party committee drafts and publishes, then residents of the community see it, with its body as safe rich text', async () => {
    const created = await server.call('POST', '/api/v1/activities', { token: party, body: draft() });
    expect(created.status).toBe(201);
    const resident = await residentAged(server, world, 'act-viewer');
    expect((await server.call('GET', `/api/v1/activities/${created.body.id}`, { token: resident })).status).toBe(404);
    await server.call('POST', `/api/v1/activities/${created.body.id}/publish`, { token: party });
    const seen = (await server.call('GET', `/api/v1/activities/${created.body.id}`, { token: resident })).body;
    expect(seen).toMatchObject({ state: 'published', communityName: '莲花社区', viewer: { canRegister: true } });
    expect(seen.nodes[0]).toEqual({ name: 'h3', children: [{ type: 'text', text: '讲座内容' }] });
    expect(seen.nodes[2]).toEqual({ name: 'ul', children: [{ name: 'li', children: [{ type: 'text', text: '带上老花镜' }] }, { name: 'li', children: [{ type: 'text', text: '可以带家属' }] }] });
    // what was typed as markup stays text
    expect(JSON.stringify(seen.nodes)).toContain('"text":"<script>alert(1)</script> 不会被执行"');
    expect((await server.call('GET', '/api/v1/activities', { token: resident })).body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
  });

  it('when the committee gives an activity a cover, then whoever may see the activity sees the picture and no one else; someone else\'s upload is refused', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-activity-cover')]);
    const cover = (await server.upload(party, PNG)).body.id as string;
    const foreign = (await server.upload(world.staff, PNG)).body.id as string;
    expect((await server.call('POST', '/api/v1/activities', { token: party, body: draft({ coverId: foreign }) })).body.error.code).toBe('UPLOAD_NOT_FOUND');
    const draftOnly = await server.call('POST', '/api/v1/activities', { token: party, body: draft({ coverId: cover }) });
    expect(draftOnly.body.coverId).toBe(cover);
    const resident = await residentAged(server, world, 'activity-cover-reader');
    // a draft's cover is the organisers' until it is published
    expect((await fetch(`${server.url}/api/v1/uploads/${cover}`, { headers: { authorization: `Bearer ${resident}` } })).status).toBe(404);
    await server.call('POST', `/api/v1/activities/${draftOnly.body.id}/publish`, { token: party });
    expect((await server.call('GET', `/api/v1/activities/${draftOnly.body.id}`, { token: resident })).body.coverId).toBe(cover);
    expect((await fetch(`${server.url}/api/v1/uploads/${cover}`, { headers: { authorization: `Bearer ${resident}` } })).status).toBe(200);
  });

  it('when someone else publishes, or the draft is malformed, then it is refused and nothing is stored', async () => {
    const before = (await server.rawDocuments('activities')).length;
    const resident = await residentAged(server, world, 'act-drafter');
    expect((await server.call('POST', '/api/v1/activities', { token: resident, body: draft() })).status).toBe(403);
    expect((await server.call('POST', '/api/v1/activities', { token: world.staff, body: draft() })).status).toBe(403);
    for (const body of [draft({ capacity: 0 }), draft({ title: { $gt: '' } }), draft({ registrationDeadline: iso(nowMs() + 100 * HOUR) }), draft({ price: { kind: 'fee', amountFen: 1000 }, realNameRequired: false })]) {
      expect((await server.call('POST', '/api/v1/activities', { token: party, body })).status).toBe(400);
    }
    expect((await server.rawDocuments('activities')).length).toBe(before);
    const other = (await server.login('party-hehua')).accessToken;
    const id = await published();
    expect((await server.call('POST', `/api/v1/activities/${id}/cancel`, { token: other, body: { reason: '越权' } })).status).toBe(404);
  });
});

describe('registering', () => {
  it('when more register than there are places, then the capacity holds, the rest wait in line, and a cancellation promotes the first (who is told)', async () => {
    const id = await published({ capacity: 2 });
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((n) => residentAged(server, world, `act-reg-${n}`)));
    const results = await Promise.all(people.map((t) => register(t, id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const detail = (await server.call('GET', `/api/v1/activities/${id}`, { token: people[0]! })).body;
    expect(detail).toMatchObject({ confirmed: 2, waitlisted: 2 });
    const statuses = await Promise.all(people.map(async (t) => (await server.call('GET', `/api/v1/activities/${id}`, { token: t })).body.registration));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(2);
    const seated = people[statuses.indexOf('confirmed')]!;
    const waiting = people.filter((_, i) => statuses[i] === 'waitlisted');
    expect((await register(seated, id)).body.error.code).toBe('ACTIVITY_ALREADY_REGISTERED');

    expect((await server.call('POST', `/api/v1/activities/${id}/registrations/cancel`, { token: seated })).body.registration).toBe('cancelled');
    const after = await Promise.all(waiting.map(async (t) => (await server.call('GET', `/api/v1/activities/${id}`, { token: t })).body));
    expect(after.filter((v) => v.registration === 'confirmed')).toHaveLength(1);
    expect(after.find((v) => v.registration === 'waitlisted').viewer.waitlistPosition).toBe(1);
    const promotedId = await idOf(waiting[after.findIndex((v) => v.registration === 'confirmed')]!);
    const told = (await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === id && n.kind === 'activity_promoted');
    expect(told.map((n) => String(n.userId))).toEqual([promotedId]);
  });

  it('when the same person taps register several times at once, then one registration counts', async () => {
    const id = await published({ capacity: 5 });
    const t = await residentAged(server, world, 'act-double');
    const tries = await Promise.all(Array.from({ length: 5 }, () => register(t, id)));
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await server.rawDocuments('activity_registrations')).filter((r) => String(r.activityId) === id)).toHaveLength(1);
    expect((await server.call('GET', `/api/v1/activities/${id}`, { token: t })).body.confirmed).toBe(1);
  });

  it('when someone outside the audience, under its age, or without a real name registers, then each gets its reason', async () => {
    const id = await published({ minAge: 60 });
    const young = await residentAged(server, world, 'act-young', 30);
    expect((await register(young, id)).body.error.code).toBe('ACTIVITY_AGE_RESTRICTED');
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'act-elsewhere', 70);
    expect((await register(elsewhere, id)).body.error.code).toBe('ACTIVITY_NOT_IN_AUDIENCE');
    const anonymous = (await server.login('act-anonymous')).accessToken;
    expect((await register(anonymous, id)).body.error.code).toBe('REAL_NAME_REQUIRED');
    expect((await register(await residentAged(server, world, 'act-old', 70), id)).status).toBe(201);
  });

  it('when the organiser changes the time or cancels, then everyone registered is told once', async () => {
    const id = await published({ capacity: 5 });
    const t = await residentAged(server, world, 'act-changed');
    await register(t, id);
    const later = nowMs() + 96 * HOUR;
    const moved = draft({ capacity: 5, startsAt: iso(later), endsAt: iso(later + HOUR), registrationDeadline: iso(later - HOUR), cancelCutoff: iso(later - 24 * HOUR) });
    expect((await server.call('PUT', `/api/v1/activities/${id}`, { token: party, body: moved })).status).toBe(200);
    expect((await server.call('PUT', `/api/v1/activities/${id}`, { token: party, body: moved })).status).toBe(200); // the same again: no second notice
    expect((await server.call('PUT', `/api/v1/activities/${id}`, { token: party, body: { ...moved, capacity: 0 } })).status).toBe(400);
    expect((await server.call('POST', `/api/v1/activities/${id}/cancel`, { token: party, body: { reason: '场地维修' } })).body.state).toBe('cancelled');
    const kinds = (await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === id).map((n) => n.kind).sort();
    expect(kinds).toEqual(['activity_cancelled', 'activity_changed']);
    expect((await register(await residentAged(server, world, 'act-too-late'), id)).body.error.code).toBe('ACTIVITY_CANCELLED');
  });

  it('when a resident cancels after the cut-off, then it is refused', async () => {
    const start = nowMs() + 10 * HOUR;
    const id = await published({ startsAt: iso(start), endsAt: iso(start + HOUR), registrationDeadline: iso(start - HOUR), cancelCutoff: iso(start - 12 * HOUR) });
    const t = await residentAged(server, world, 'act-cutoff');
    expect((await register(t, id)).status).toBe(201);
    expect((await server.call('POST', `/api/v1/activities/${id}/registrations/cancel`, { token: t })).body.error.code).toBe('ACTIVITY_CANCEL_CLOSED');
  });
});

describe('on the day', () => {
  it('when the organiser shows the rotating code, then a registered person checks in once with it, a shift\'s code or a stale one is refused, and the roster and CSV show it', async () => {
    const start = nowMs() + 30 * 60_000;
    const id = await published({ startsAt: iso(start), endsAt: iso(start + 2 * HOUR), registrationDeadline: iso(start - 60_000), cancelCutoff: iso(start - 60_000) });
    const t = await residentAged(server, world, 'act-checkin');
    await register(t, id);
    const stranger = await residentAged(server, world, 'act-stranger');
    expect((await server.call('GET', `/api/v1/activities/${id}/qr`, { token: t })).status).toBe(403);
    const code = (await server.call('GET', `/api/v1/activities/${id}/qr`, { token: party })).body.token as string;
    expect((await server.call('POST', `/api/v1/activities/${id}/check-in`, { token: stranger, body: { token: code } })).body.error.code).toBe('ACTIVITY_NOT_REGISTERED');
    // a code made for a shift with the same id (the volunteers' keying) does not open the activity
    const shiftCode = issueQrToken(server.config.secrets.qrKey, id, 'check_in', new Date()).token;
    expect((await server.call('POST', `/api/v1/activities/${id}/check-in`, { token: t, body: { token: shiftCode } })).body.error.code).toBe('QR_INVALID');
    const checked = await server.call('POST', `/api/v1/activities/${id}/check-in`, { token: t, body: { token: code } });
    expect(checked.body.registration).toBe('attended');
    expect((await server.call('POST', `/api/v1/activities/${id}/check-in`, { token: t, body: { token: code } })).body.error.code).toBe('ALREADY_CHECKED_IN');
    const roster = (await server.call('GET', `/api/v1/activities/${id}/roster`, { token: party })).body.items;
    expect(roster).toEqual([expect.objectContaining({ status: 'attended', maskedName: '王*明' })]);
    const csv = await fetch(`${server.url}/api/v1/activities/${id}/roster.csv`, { headers: { authorization: `Bearer ${party}` } });
    expect(await csv.text()).toContain('已签到');
    // a code from a minute ago no longer opens it
    advanceClock(90_000);
    try {
      const other = await residentAged(server, world, 'act-late-code');
      expect((await server.call('POST', `/api/v1/activities/${id}/check-in`, { token: other, body: { token: code } })).body.error.code).toBe('QR_INVALID');
    } finally {
      resetClock();
    }
  });

  it('when the reminder job runs twice at 48 h and at 2 h before, then each registered person is reminded once each time', async () => {
    const start = nowMs() + 60 * HOUR;
    const id = await published({ startsAt: iso(start), endsAt: iso(start + HOUR), registrationDeadline: iso(start - HOUR), cancelCutoff: iso(start - 12 * HOUR) });
    const t = await residentAged(server, world, 'act-remind');
    await register(t, id);
    const conn = await connectDatabase(server.mongoUri);
    try {
      for (const at of [start - 47 * HOUR, start - 47 * HOUR, start - HOUR, start - HOUR]) await runActivityRemindersOnce({ conn }, { now: new Date(at) });
    } finally {
      await conn.close();
    }
    const kinds = (await server.rawDocuments(NOTICES)).filter((n) => String(n.subjectId) === id).map((n) => n.kind).sort();
    expect(kinds).toEqual(['activity_reminder_2h', 'activity_reminder_48h']);
  });
});

describe('rich text', () => {
  it('when a body has headings, lists and paragraphs, then only h3, ul, li and p nodes with text leaves come out', () => {
    const nodes = richNodes('## 标题\n\n第一段\n第二段\n\n- 一\n- 二');
    expect(nodes.map((n) => n.name)).toEqual(['h3', 'p', 'p', 'ul']);
    expect(JSON.stringify(nodes)).not.toMatch(/attrs|style|href|src/);
  });
});
