import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../../../test/http';
import { nowMs } from '../../platform/clock';
import { residentAged, setUpVolunteerWorld, type VolunteerWorld } from '../volunteers/volunteer-test-kit';
import { createMiniProgramApi } from '../../wechat/miniprogram';
import { connectDatabase } from '../../platform/database';
import { createFieldCipher } from '../../platform/field-crypto';
import { createAidSafety } from './aid-safety';
import { createAidService } from './aid.service';
import { timeBank } from './aid-store';

let server: TestServer;
let world: VolunteerWorld;
beforeAll(async () => {
  server = await startTestServer('mutual_aid');
  world = await setUpVolunteerWorld(server);
});
afterAll(async () => {
  await server.close();
});

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const HOME = { lat: 22.54312, lng: 114.05786 };

function ask(over: Record<string, unknown> = {}) {
  return {
    kind: 'ask',
    category: 'errand',
    text: '腿脚不便，想请邻居帮忙去超市买米和油',
    startsAt: iso(nowMs() + HOUR),
    endsAt: iso(nowMs() + 5 * HOUR),
    place: { point: HOME, address: '莲花小区3栋2单元502室', area: '莲花小区3栋附近' },
    ...over,
  };
}

const call = (method: string, path: string, token: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token, body });
const idOf = async (token: string) => (await call('GET', '/me', token)).body.id as string;

async function posted(token: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', '/aid/posts', token, ask(over));
  if (res.status !== 201) throw new Error(`post: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function accepted(prefix: string): Promise<{ a: string; b: string; id: string }> {
  const a = await residentAged(server, world, `${prefix}-a`);
  const b = await residentAged(server, world, `${prefix}-b`);
  const id = await posted(a);
  expect((await call('POST', `/aid/posts/${id}/responses`, b, { note: '我下午有空' })).status).toBe(201);
  expect((await call('POST', `/aid/posts/${id}/accept`, a, { responderId: await idOf(b) })).status).toBe(200);
  return { a, b, id };
}

describe('asking, taking it on, finishing', () => {
  it('when A asks, B responds, A accepts, they talk, B finishes and A confirms and rates, then B\'s time bank holds the hours and both cards show the rating', async () => {
    const { a, b, id } = await accepted('aid-flow');
    expect((await call('POST', `/aid/posts/${id}/messages`, b, { text: '我到楼下了' })).status).toBe(201);
    expect((await call('POST', `/aid/posts/${id}/messages`, a, { text: '好的，谢谢' })).status).toBe(201);
    const talk = (await call('GET', `/aid/posts/${id}/messages`, a)).body.items as Array<{ text: string; mine: boolean }>;
    expect(talk.map((m) => [m.text, m.mine])).toEqual([['我到楼下了', false], ['好的，谢谢', true]]);

    expect((await call('POST', `/aid/posts/${id}/complete`, b, { hours: 1.25 })).status).toBe(400); // half hours only
    expect((await call('POST', `/aid/posts/${id}/complete`, b, { hours: 6 })).body.error.code).toBe('AID_HOURS_TOO_MANY'); // the window is 4 h
    expect((await call('POST', `/aid/posts/${id}/complete`, a, { hours: 1 })).status).toBe(403); // only the helper
    expect((await call('POST', `/aid/posts/${id}/complete`, b, { hours: 1.5 })).body.state).toBe('done');
    const confirmed = await call('POST', `/aid/posts/${id}/confirm`, a, { hours: 1.5 });
    expect(confirmed.body).toMatchObject({ state: 'confirmed', hours: { claimed: 1.5, confirmed: 1.5 } });
    expect((await call('POST', `/aid/posts/${id}/confirm`, a, { hours: 1.5 })).status).toBe(409);

    const bank = (await call('GET', '/aid/time-bank', b)).body;
    expect(bank.balance).toBe(1.5);
    expect(bank.entries).toEqual([expect.objectContaining({ postId: id, hours: 1.5, kind: 'confirmation' })]);
    expect((await call('GET', '/aid/time-bank', a)).body.balance).toBe(0);

    expect((await call('POST', `/aid/posts/${id}/ratings`, a, { stars: 5, tags: ['守时', '热心'] })).status).toBe(201);
    expect((await call('POST', `/aid/posts/${id}/ratings`, a, { stars: 1 })).body.error.code).toBe('AID_ALREADY_RATED');
    expect((await call('POST', `/aid/posts/${id}/ratings`, b, { stars: 4 })).status).toBe(201);
    const card = (await call('GET', `/aid/people/${await idOf(b)}`, a)).body;
    expect(card).toMatchObject({ communityName: '莲花社区', ratings: { count: 1, mean: 5, tags: { 守时: 1, 热心: 1 } } });
    expect(card.nickname).toMatch(/^邻居[0-9A-F]{4}$/);
    expect(JSON.stringify(card)).not.toContain('王小明'); // never the real name

    // staff see the hours per community
    const totals = (await call('GET', '/aid/time-bank/communities', world.staff)).body.items;
    expect(totals.find((t: { communityName: string }) => t.communityName === '莲花社区')).toMatchObject({ hours: 1.5, helpers: 1 });
  });

  it('when the exact place is asked for, then only the author and the accepted helper get it; the stored post holds it encrypted', async () => {
    const a = await residentAged(server, world, 'aid-place-a');
    const b = await residentAged(server, world, 'aid-place-b');
    const c = await residentAged(server, world, 'aid-place-c');
    const id = await posted(a);
    await call('POST', `/aid/posts/${id}/responses`, b, {});
    await call('POST', `/aid/posts/${id}/responses`, c, {});
    for (const t of [b, c]) {
      const seen = (await call('GET', `/aid/posts/${id}`, t)).body;
      expect(seen.place).toBeUndefined();
      expect(seen.area).toBe('莲花小区3栋附近');
      expect(JSON.stringify(seen)).not.toContain('502');
      expect(seen.roughPoint).toEqual({ lat: 22.543, lng: 114.058 });
    }
    expect((await call('GET', `/aid/posts/${id}`, a)).body.place.address).toBe('莲花小区3栋2单元502室');
    await call('POST', `/aid/posts/${id}/accept`, a, { responderId: await idOf(b) });
    expect((await call('GET', `/aid/posts/${id}`, b)).body.place).toEqual({ point: HOME, address: '莲花小区3栋2单元502室' });
    expect((await call('GET', `/aid/posts/${id}`, c)).body.place).toBeUndefined();
    const raw = (await server.rawDocuments('aid_posts')).find((p) => String(p._id) === id)!;
    expect(JSON.stringify(raw)).not.toContain('2单元502室');
    expect(JSON.stringify(raw)).not.toContain('22.54312');
  });

  it('when two responders are accepted at once, then exactly one wins, the other accept answers 409, and the other responder is told politely', async () => {
    const a = await residentAged(server, world, 'aid-race-a');
    const responders = await Promise.all(['x', 'y', 'z'].map((n) => residentAged(server, world, `aid-race-${n}`)));
    const id = await posted(a);
    for (const r of responders) await call('POST', `/aid/posts/${id}/responses`, r, {});
    const ids = await Promise.all(responders.map(idOf));
    const tries = await Promise.all([...ids, ...ids].map((responderId) => call('POST', `/aid/posts/${id}/accept`, a, { responderId })));
    expect(tries.filter((t) => t.status === 200)).toHaveLength(1);
    expect(tries.filter((t) => t.status === 409).every((t) => t.body.error.code === 'AID_ALREADY_ACCEPTED')).toBe(true);
    const helper = (await call('GET', `/aid/posts/${id}`, a)).body.helper.id as string;
    const told = (await server.rawDocuments('notices')).filter((n) => String(n.subjectId) === id && n.kind === 'aid_taken').map((n) => String(n.userId));
    expect(told.sort()).toEqual(ids.filter((x) => x !== helper).sort());
  });

  it('when someone responds twice, to their own post, or to a closed one, then each is refused and counted once', async () => {
    const a = await residentAged(server, world, 'aid-resp-a');
    const b = await residentAged(server, world, 'aid-resp-b');
    const id = await posted(a);
    const both = await Promise.all([call('POST', `/aid/posts/${id}/responses`, b, {}), call('POST', `/aid/posts/${id}/responses`, b, {})]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await call('POST', `/aid/posts/${id}/responses`, a, {})).body.error.code).toBe('AID_OWN_POST');
    expect((await call('GET', `/aid/posts/${id}`, a)).body.responses).toBe(1);
    expect((await call('POST', `/aid/posts/${id}/close`, a)).body.state).toBe('closed');
    expect((await call('POST', `/aid/posts/${id}/responses`, await residentAged(server, world, 'aid-resp-c'), {})).body.error.code).toBe('AID_NOT_OPEN');
  });
});

describe('privacy and safety', () => {
  it('when others ask for the conversation, then only the two read it, and staff only once something in it is reported', async () => {
    const { a, b, id } = await accepted('aid-talk');
    const sent = await call('POST', `/aid/posts/${id}/messages`, b, { text: '请把门口的袋子给我' });
    const outsider = await residentAged(server, world, 'aid-talk-c');
    expect((await call('GET', `/aid/posts/${id}/messages`, outsider)).status).toBe(403);
    expect((await call('POST', `/aid/posts/${id}/messages`, outsider, { text: '我也来' })).status).toBe(403);
    expect((await call('GET', `/aid/posts/${id}/messages`, world.staff)).status).toBe(403);
    expect((await call('GET', `/aid/posts/${id}/messages`, world.otherStaff)).status).toBe(404);
    expect((await call('POST', '/aid/reports', a, { target: 'message', id: sent.body.id, reason: '言语不当' })).status).toBe(201);
    expect((await call('GET', `/aid/posts/${id}/messages`, world.staff)).status).toBe(200);
    expect((await call('POST', `/aid/posts/${id}/messages`, a, { text: '这里有人聚众赌博' })).body.error.code).toBe('CONTENT_RISKY');
  });

  it('when photos go with a post and with a message, then the post\'s reach its neighbours, the conversation\'s only the two (and staff once it is reported)', async () => {
    const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-aid-photo')]);
    const a = await residentAged(server, world, 'aid-photo-a');
    const b = await residentAged(server, world, 'aid-photo-b');
    const c = await residentAged(server, world, 'aid-photo-c');
    const postPhoto = (await server.upload(a, PNG, { filename: 'ladder.png', type: 'image/png' })).body.id as string;
    const id = await posted(a, { photoIds: [postPhoto] });
    const photo = (token: string, upload: string) => fetch(`${server.url}/api/v1/uploads/${upload}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await photo(c, postPhoto)).status).toBe(200);
    expect((await call('POST', `/aid/posts/${id}/responses`, b, {})).status).toBe(201);
    expect((await call('POST', `/aid/posts/${id}/accept`, a, { responderId: await idOf(b) })).status).toBe(200);
    const chatPhoto = (await server.upload(b, PNG, { filename: 'receipt.png', type: 'image/png' })).body.id as string;
    // someone else's upload cannot be slipped into the message
    expect((await call('POST', `/aid/posts/${id}/messages`, b, { photoIds: [postPhoto] })).status).toBe(400);
    const sent = await call('POST', `/aid/posts/${id}/messages`, b, { photoIds: [chatPhoto] });
    expect(sent.status).toBe(201);
    expect((await call('GET', `/aid/posts/${id}/messages`, a)).body.items[0].photoIds).toEqual([chatPhoto]);
    expect((await photo(a, chatPhoto)).status).toBe(200);
    expect((await photo(c, chatPhoto)).status).toBe(404);
    expect((await photo(world.staff, chatPhoto)).status).toBe(404);
    expect((await call('POST', '/aid/reports', a, { target: 'message', id: sent.body.id, reason: '图片不当' })).status).toBe(201);
    expect((await photo(world.staff, chatPhoto)).status).toBe(200);
    expect((await photo(world.otherStaff, chatPhoto)).status).toBe(404);
  });

  it('when three different residents report a post it is hidden for review (one reporting three times counts once), and staff restore or remove it with a reason its author sees', async () => {
    const author = await residentAged(server, world, 'aid-rep-author');
    const id = await posted(author);
    const [r1, r2, r3] = await Promise.all(['1', '2', '3'].map((n) => residentAged(server, world, `aid-rep-${n}`)));
    expect((await call('POST', '/aid/reports', r1!, { target: 'post', id, reason: '疑似广告' })).body.hidden).toBe(false);
    expect((await call('POST', '/aid/reports', r1!, { target: 'post', id, reason: '疑似广告' })).body.error.code).toBe('AID_ALREADY_REPORTED');
    expect((await call('POST', '/aid/reports', r1!, { target: 'post', id, reason: '再举报' })).status).toBe(409);
    expect((await call('GET', `/aid/posts/${id}`, r3!)).status).toBe(200);
    expect((await call('POST', '/aid/reports', r2!, { target: 'post', id, reason: '疑似广告' })).body.hidden).toBe(false);
    expect((await call('POST', '/aid/reports', r3!, { target: 'post', id, reason: '疑似广告' })).body.hidden).toBe(true);
    expect((await call('GET', `/aid/posts/${id}`, r3!)).status).toBe(404);
    expect((await call('GET', `/aid/posts/${id}`, author)).body.state).toBe('hidden');

    const queue = (await call('GET', '/aid/moderation', world.staff)).body.items;
    expect(queue).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'post', id, reports: expect.arrayContaining([expect.objectContaining({ reason: '疑似广告' })]) })]));
    expect((await call('POST', `/aid/moderation/post/${id}`, world.otherStaff, { decision: 'remove', reason: '广告' })).status).toBe(404);
    expect((await call('POST', `/aid/moderation/post/${id}`, world.staff, { decision: 'restore', reason: '经核实为正常求助' })).body.state).toBe('open');
    const seen = (await call('GET', `/aid/posts/${id}`, author)).body;
    expect(seen).toMatchObject({ state: 'open', moderation: { reason: '经核实为正常求助' } });
  });

  it('when one resident blocks another, then neither sees the other\'s posts nor responds to them, both ways', async () => {
    const a = await residentAged(server, world, 'aid-block-a');
    const b = await residentAged(server, world, 'aid-block-b');
    const byA = await posted(a, { text: '求借一把梯子，用一个下午' });
    const byB = await posted(b, { kind: 'offer', category: 'lending', text: '家里有闲置的婴儿推车可以借' });
    expect((await call('POST', '/aid/blocks', a, { userId: await idOf(b) })).status).toBe(201);
    for (const [who, post] of [[b, byA], [a, byB]] as const) {
      expect((await call('GET', `/aid/posts/${post}`, who)).status).toBe(404);
      expect((await call('POST', `/aid/posts/${post}/responses`, who, {})).status).toBe(404);
      const feed = (await call('GET', '/aid/posts?limit=50', who)).body.items.map((p: { id: string }) => p.id);
      expect(feed).not.toContain(post);
    }
    expect((await call('GET', '/aid/blocks', a)).body.items).toHaveLength(1);
    expect((await call('DELETE', `/aid/blocks/${await idOf(b)}`, a)).status).toBe(204);
    expect((await call('GET', `/aid/posts/${byA}`, b)).status).toBe(200);
  });

  it('when a minor (16) posts or responds, then only categories open to minors are allowed', async () => {
    const minor = await residentAged(server, world, 'aid-minor', 16);
    expect((await call('POST', '/aid/posts', minor, ask({ category: 'clinic' }))).body.error.code).toBe('AID_MINOR_CATEGORY');
    expect((await call('POST', '/aid/posts', minor, ask({ category: 'tutoring', text: '想找人一起复习初中数学' }))).status).toBe(201);
    const adult = await residentAged(server, world, 'aid-minor-adult');
    const clinic = await posted(adult, { category: 'company', text: '周末需要人陪老人聊天散步' });
    expect((await call('POST', `/aid/posts/${clinic}/responses`, minor, {})).body.error.code).toBe('AID_MINOR_CATEGORY');
    const feed = (await call('GET', '/aid/posts?limit=50', minor)).body.items.map((p: { id: string }) => p.id);
    expect(feed).not.toContain(clinic);
  });

  it('when input is malformed, risky or for nothing that exists, then it is refused with its code and nothing is stored', async () => {
    const a = await residentAged(server, world, 'aid-bad');
    const before = (await server.rawDocuments('aid_posts')).length;
    const bad: Array<[unknown, number, string?]> = [
      [ask({ text: { $gt: '' } }), 400],
      [ask({ category: 'nope' }), 400, 'AID_CATEGORY_UNKNOWN'],
      [ask({ endsAt: iso(nowMs() - HOUR), startsAt: iso(nowMs() - 2 * HOUR) }), 400],
      [ask({ endsAt: iso(nowMs() + 40 * 24 * HOUR) }), 400],
      [ask({ photoIds: ['64b7f0c2a1b2c3d4e5f60718'] }), 400, 'UPLOAD_NOT_FOUND'],
      [ask({ text: '出售枪支，价格面议' }), 400, 'CONTENT_RISKY'],
      [{ ...ask(), helperId: '64b7f0c2a1b2c3d4e5f60718' }, 400],
    ];
    for (const [body, status, code] of bad) {
      const res = await call('POST', '/aid/posts', a, body);
      expect(res.status).toBe(status);
      if (code) expect(res.body.error.code).toBe(code);
    }
    const anonymous = (await server.login('aid-no-name')).accessToken;
    expect((await call('POST', '/aid/posts', anonymous, ask())).body.error.code).toBe('REAL_NAME_REQUIRED');
    expect((await server.rawDocuments('aid_posts')).length).toBe(before);
    expect((await call('GET', '/aid/posts/64b7f0c2a1b2c3d4e5f60718', a)).status).toBe(404);
    expect((await call('GET', '/aid/posts?sort=nearest', a)).status).toBe(400);
  });

  it('when anyone tries to change the time bank through the model, then it refuses: the ledger is append-only', async () => {
    const conn = await connectDatabase(server.mongoUri);
    try {
      await expect(timeBank.Ledger(conn).updateMany({}, { $set: { hours: 100 } })).rejects.toThrow(/append-only/);
      await expect(timeBank.Ledger(conn).deleteMany({})).rejects.toThrow(/append-only/);
    } finally {
      await conn.close();
    }
  });
});

describe('the feed, the staff and the clock', () => {
  it('when residents list the feed, then it is their community\'s open posts, newest first by cursor, or nearest first with distances', async () => {
    const a = await residentAged(server, world, 'aid-feed-a');
    const reader = await residentAged(server, world, 'aid-feed-reader');
    const far = await posted(a, { text: '需要有人帮忙搬两个纸箱', place: { point: { lat: 22.5521, lng: 114.0579 }, address: '远处小区', area: '北边小区' } });
    const near = await posted(a, { text: '需要有人帮忙取个快递', place: { point: { lat: 22.5432, lng: 114.0580 }, address: '近处', area: '楼下' } });
    const offer = await posted(a, { kind: 'offer', category: 'tutoring', text: '退休教师，可以辅导小学数学' });
    const elsewhere = await residentAged(server, { ...world, communityId: world.otherCommunityId }, 'aid-feed-elsewhere');
    const theirs = await posted(elsewhere, { text: '荷花社区的求助信息测试' });

    const first = (await call('GET', '/aid/posts?limit=2', reader)).body;
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([offer, near]);
    const second = (await call('GET', `/aid/posts?limit=2&cursor=${first.nextCursor}`, reader)).body;
    expect(second.items[0].id).toBe(far);
    const all = (await call('GET', '/aid/posts?limit=50', reader)).body.items.map((p: { id: string }) => p.id);
    expect(all).not.toContain(theirs);
    const asks = (await call('GET', '/aid/posts?limit=50&kind=offer', reader)).body.items.map((p: { id: string }) => p.id);
    expect(asks).toContain(offer);
    expect(asks).not.toContain(near);
    const nearest = (await call('GET', `/aid/posts?sort=nearest&lat=${HOME.lat}&lng=${HOME.lng}&limit=50`, reader)).body.items as Array<{ id: string; distance: number }>;
    const order = nearest.map((p) => p.id);
    expect(order.indexOf(near)).toBeLessThan(order.indexOf(far));
    expect(nearest.find((p) => p.id === far)!.distance).toBe(1000);
    expect((await call('GET', '/aid/posts?cursor=zzz', reader)).status).toBe(400);
  });

  it('when nobody answers an ask for a day, then staff see it in 无人响应 and can take it on; posts past their end expire; a finished post the author forgets is confirmed after 3 days', async () => {
    const a = await residentAged(server, world, 'aid-clock-a');
    const id = await posted(a, { endsAt: iso(nowMs() + 48 * HOUR) });
    const conn = await connectDatabase(server.mongoUri);
    const wechat = createMiniProgramApi({ baseUrl: server.simulator.url, appId: server.config.wechat.appId, appSecret: server.config.secrets.wechatAppSecret });
    const cipher = createFieldCipher({ keys: { test: Buffer.alloc(32, 1) }, currentKeyId: 'test', blindIndexKey: Buffer.alloc(32, 2) });
    const safety = createAidSafety(createAidService({ conn, wechat, cipher }));
    try {
      // a day old: moved back in the stored record (the request clock is the server's)
      await conn.db!.collection('aid_posts').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { createdAt: new Date(nowMs() - 25 * HOUR) } });
      const list = (await call('GET', '/aid/unanswered', world.staff)).body.items.map((p: { id: string }) => p.id);
      expect(list).toContain(id);
      expect((await call('GET', '/aid/unanswered', world.otherStaff)).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
      expect((await call('GET', '/aid/unanswered', a)).status).toBe(403);
      expect((await call('POST', `/aid/posts/${id}/handover`, world.staff, { note: '已联系志愿服务队周六上门' })).status).toBe(200);
      expect((await call('GET', '/aid/unanswered', world.staff)).body.items.find((p: { id: string }) => p.id === id).handedOver.note).toBe('已联系志愿服务队周六上门');

      // the sweep, at a time after its end
      expect((await safety.sweep(new Date(nowMs() + 49 * HOUR))).expired).toBeGreaterThanOrEqual(1);
      expect((await call('GET', `/aid/posts/${id}`, a)).body.state).toBe('expired');

      const { b, id: doneId } = await accepted('aid-auto');
      await call('POST', `/aid/posts/${doneId}/complete`, b, { hours: 2 });
      expect((await safety.sweep(new Date(nowMs() + 2 * 24 * HOUR))).confirmed).toBe(0);
      expect((await safety.sweep(new Date(nowMs() + 3 * 24 * HOUR + HOUR))).confirmed).toBe(1);
      expect((await safety.sweep(new Date(nowMs() + 3 * 24 * HOUR + 2 * HOUR))).confirmed).toBe(0);
      expect((await call('GET', '/aid/time-bank', b)).body.balance).toBe(2);
    } finally {
      await conn.close();
    }
  });

  it('when one side shares their phone, then the other sees it only after sharing theirs too; withdrawing hides it again; nobody else ever sees it', async () => {
    const { a, b, id } = await accepted('aid-phone');
    const aPhone = (await call('GET', '/me', a)).body.realName.phone as string; // masked, e.g. 138****1234
    const shared = await call('POST', `/aid/posts/${id}/phone`, a);
    expect(shared.status).toBe(200);
    expect(shared.body.phones).toEqual({ mine: true, theirs: false });
    expect(shared.body.viewer.actions).toContain('withhold_phone');
    expect((await call('POST', `/aid/posts/${id}/phone`, a)).body.error.code).toBe('AID_STATE_CONFLICT');
    // B is told A is willing, but sees no number until sharing too
    const bBefore = (await call('GET', `/aid/posts/${id}`, b)).body;
    expect(bBefore.phones).toEqual({ mine: false, theirs: true });
    expect(JSON.stringify(bBefore)).not.toMatch(/1\d{10}/);
    const bAfter = (await call('POST', `/aid/posts/${id}/phone`, b)).body;
    expect(bAfter.phones.theirPhone).toMatch(/^1\d{10}$/);
    expect(bAfter.phones.theirPhone.slice(-4)).toBe(aPhone.slice(-4));
    expect((await call('GET', `/aid/posts/${id}`, a)).body.phones.theirPhone).toMatch(/^1\d{10}$/);
    // staff and neighbours never get the numbers
    expect((await call('GET', `/aid/posts/${id}`, world.staff)).body.phones).toBeUndefined();
    const neighbour = await residentAged(server, world, 'aid-phone-c');
    expect((await call('GET', `/aid/posts/${id}`, neighbour)).body.phones).toBeUndefined();
    expect((await call('POST', `/aid/posts/${id}/phone`, neighbour)).status).toBe(403);
    // A withdraws: B no longer sees A's number
    expect((await call('DELETE', `/aid/posts/${id}/phone`, a)).body.phones).toEqual({ mine: false, theirs: true });
    expect((await call('GET', `/aid/posts/${id}`, b)).body.phones).toEqual({ mine: true, theirs: false });
    // before anyone is accepted there is no one to share with
    const open = await posted(a);
    expect((await call('POST', `/aid/posts/${open}/phone`, a)).status).toBe(409);
  });

  it('when a resident chooses a nickname, then their card shows it to neighbours; their real name, the system pattern, a risky or a taken name are refused', async () => {
    const a = await residentAged(server, world, 'aid-nick-a');
    const b = await residentAged(server, world, 'aid-nick-b');
    const before = (await call('GET', '/aid/me', a)).body;
    expect(before.nickname).toMatch(/^邻居[0-9A-F]{4}$/);
    expect((await call('PUT', '/aid/me/nickname', a, { nickname: '热心的老王' })).body.nickname).toBe('热心的老王');
    expect((await call('GET', `/aid/people/${await idOf(a)}`, b)).body.nickname).toBe('热心的老王');
    const id = await posted(a);
    expect((await call('GET', `/aid/posts/${id}`, b)).body.author.nickname).toBe('热心的老王');
    const refused = async (nickname: string) => (await call('PUT', '/aid/me/nickname', b, { nickname })).body.error;
    expect(await refused('热心的老王')).toMatchObject({ code: 'AID_NICKNAME_TAKEN' });
    expect(await refused('我是王小明')).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'nickname', message: '昵称不能包含您的真实姓名' }] });
    expect(await refused('小明同学')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused('邻居AB12')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refused('赌博')).toMatchObject({ code: 'CONTENT_RISKY' });
    expect(await refused('<script>')).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await call('GET', '/aid/me', b)).body.nickname).toMatch(/^邻居[0-9A-F]{4}$/);
    // renaming keeps the card; the old name is free again
    expect((await call('PUT', '/aid/me/nickname', a, { nickname: '楼下老王' })).status).toBe(200);
    expect((await call('PUT', '/aid/me/nickname', b, { nickname: '热心的老王' })).status).toBe(200);
  });

  it('when residents report a person, then that person\'s community staff see every reason, suspend them with an end date, list and lift the suspension', async () => {
    const target = await residentAged(server, world, 'aid-person-t');
    const [r1, r2] = await Promise.all(['1', '2'].map((n) => residentAged(server, world, `aid-person-r${n}`)));
    const targetId = await idOf(target);
    expect((await call('POST', '/aid/reports', r1!, { target: 'person', id: targetId, reason: '多次私下索要钱财' })).status).toBe(201);
    expect((await call('POST', '/aid/reports', r2!, { target: 'person', id: targetId, reason: '言语骚扰' })).status).toBe(201);
    expect((await call('POST', '/aid/reports', r1!, { target: 'person', id: targetId, reason: '再报一次' })).status).toBe(409);
    expect((await call('POST', '/aid/reports', target, { target: 'person', id: targetId, reason: '举报自己' })).status).toBe(403);
    expect((await call('POST', '/aid/reports', r1!, { target: 'person', id: new mongoose.Types.ObjectId().toHexString(), reason: '不存在的人' })).status).toBe(404);
    const listed = (await call('GET', '/aid/moderation/people', world.staff)).body.items as Array<{ person: { id: string }; reports: Array<{ reason: string }> }>;
    const entry = listed.find((p) => p.person.id === targetId)!;
    expect(entry.reports.map((r) => r.reason).sort()).toEqual(['多次私下索要钱财', '言语骚扰'].sort());
    expect(JSON.stringify(entry)).not.toContain('王小明');
    expect(((await call('GET', '/aid/moderation/people', world.otherStaff)).body.items as Array<{ person: { id: string } }>).some((p) => p.person.id === targetId)).toBe(false);
    expect((await call('GET', '/aid/moderation/people', r1!)).status).toBe(403);

    const until = iso(nowMs() + 7 * 24 * HOUR);
    expect((await call('POST', '/aid/suspensions', world.staff, { userId: targetId, reason: '多位居民举报', until })).status).toBe(201);
    expect(((await call('GET', '/aid/moderation/people', world.staff)).body.items as Array<{ person: { id: string }; suspension?: { until: string } }>).find((p) => p.person.id === targetId)!.suspension).toMatchObject({ until });
    const suspended = (await call('GET', '/aid/suspensions', world.staff)).body.items as Array<{ person: { id: string }; reason: string }>;
    expect(suspended.find((s) => s.person.id === targetId)).toMatchObject({ reason: '多位居民举报' });
    expect(((await call('GET', '/aid/suspensions', world.otherStaff)).body.items as Array<{ person: { id: string } }>).some((s) => s.person.id === targetId)).toBe(false);
    expect((await call('DELETE', `/aid/suspensions/${targetId}`, world.otherStaff)).status).toBe(404);
    expect((await call('POST', '/aid/posts', target, ask())).body.error.code).toBe('AID_SUSPENDED');
    expect((await call('DELETE', `/aid/suspensions/${targetId}`, world.staff)).status).toBe(204);
    expect((await call('POST', '/aid/posts', target, ask())).status).toBe(201);
  });

  it('when staff suspend a resident, then they cannot post or respond until the date', async () => {
    const a = await residentAged(server, world, 'aid-susp');
    expect((await call('POST', '/aid/suspensions', world.staff, { userId: await idOf(a), reason: '多次发布广告', until: iso(nowMs() + 7 * 24 * HOUR) })).status).toBe(201);
    expect((await call('POST', '/aid/posts', a, ask())).body.error.code).toBe('AID_SUSPENDED');
    expect((await call('POST', '/aid/suspensions', world.otherStaff, { userId: await idOf(a), reason: '越权', until: iso(nowMs() + HOUR) })).status).toBe(404);
  });
});
