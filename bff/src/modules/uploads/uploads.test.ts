import { COMPLAINT_RULES } from '@gongzhi/shared';
import { RISKY_IMAGE_MARKER } from '../../../dev/wechat-simulator';
import { startTestServer, type TestServer } from '../../../test/http';
import { act, complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from '../complaints/complaint-test-kit';

let server: TestServer;
let world: ComplaintWorld;
let alice: string;
let bob: string;
beforeAll(async () => {
  server = await startTestServer('uploads');
  world = await setUpWorld(server);
  alice = await registeredResident(server, world, 'upload-alice');
  bob = await registeredResident(server, world, 'upload-bob');
});
afterAll(() => server.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 1)]);

const upload = (token: string, bytes: Buffer, filename = 'photo.png', type = 'image/png') => server.upload(token, bytes, { filename, type });

const download = (token: string, id: string) => fetch(`${server.url}/api/v1/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });

describe('photo uploads', () => {
  it('when a JPG, PNG or WebP is uploaded, then it is kept and its uploader gets the same bytes back with the type read from its content', async () => {
    for (const [bytes, type] of [[PNG, 'image/png'], [JPEG, 'image/jpeg'], [WEBP, 'image/webp']] as const) {
      const res = await upload(alice, bytes, 'x.bin', 'application/octet-stream');
      expect(res.status).toBe(201);
      const back = await download(alice, res.body.id);
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('when WeChat\'s image check finds a picture risky, then 400 CONTENT_RISKY, nothing is kept and the day\'s quota is given back', async () => {
    const before = (await server.rawDocuments('uploads')).length;
    const risky = Buffer.concat([PNG, Buffer.from(RISKY_IMAGE_MARKER)]);
    const res = await upload(alice, risky);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('CONTENT_RISKY');
    expect((await server.rawDocuments('uploads')).length).toBe(before);
    expect((await upload(alice, PNG)).status).toBe(201);
  });

  it('when the content is not an image, then 415 UPLOAD_TYPE_NOT_ALLOWED whatever its name or declared type', async () => {
    const res = await upload(alice, Buffer.from('<svg onload="alert(1)"></svg>'), 'evil.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
  });

  it('when the file is larger than 5 MB, then 413 UPLOAD_TOO_LARGE and nothing is kept', async () => {
    const before = (await server.rawDocuments('uploads')).length;
    const res = await upload(alice, Buffer.concat([PNG, Buffer.alloc(COMPLAINT_RULES.maxPhotoBytes)]));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('UPLOAD_TOO_LARGE');
    expect((await server.rawDocuments('uploads')).length).toBe(before);
  });

  it('when a resident without real-name registration uploads, then 403 REAL_NAME_REQUIRED and nothing is kept', async () => {
    const before = (await server.rawDocuments('uploads')).length;
    const { accessToken } = await server.login('upload-unregistered');
    const res = await upload(accessToken, PNG);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('REAL_NAME_REQUIRED');
    expect((await server.rawDocuments('uploads')).length).toBe(before);
  });

  it("when a unit's staff member uploads a resolution photo, then it is kept without real-name registration", async () => {
    const res = await upload(world.unitStaff, JPEG);
    expect(res.status).toBe(201);
    expect((await download(world.unitStaff, res.body.id)).status).toBe(200);
  });

  it('when the request is not signed in or has no file, then 401 or 400', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'a.png');
    expect((await fetch(`${server.url}/api/v1/uploads`, { method: 'POST', body: form })).status).toBe(401);
    const empty = new FormData();
    empty.append('note', 'no file');
    const res = await fetch(`${server.url}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${alice}` }, body: empty });
    expect(res.status).toBe(400);
  });

  it("when a resident names another user's photo in a complaint, then it is refused as unknown and no complaint is made", async () => {
    const bobs = (await upload(bob, PNG)).body.id;
    const res = await fileComplaint(server, alice, complaintBody(world, { photoIds: [bobs] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND', details: [{ path: 'body.photoIds.0' }] });
    expect((await server.call('GET', '/api/v1/complaints/mine', { token: alice })).body.items).toEqual([]);
  });

  it('when a photo belongs to a complaint, then the dispatch centre may see it and other residents may not', async () => {
    const photo = (await upload(alice, PNG)).body.id;
    const filed = await fileComplaint(server, alice, complaintBody(world, { photoIds: [photo] }));
    expect(filed.status).toBe(201);
    expect(filed.body.photoIds).toEqual([photo]);
    expect((await download(bob, photo)).status).toBe(404);
    expect((await download(world.dispatcher, photo)).status).toBe(200);
    expect((await download(world.unitStaff, photo)).status).toBe(404);
    await act(server, world.dispatcher, filed.body.id, 'accept');
    await act(server, world.dispatcher, filed.body.id, 'dispatch', { unitId: world.units.chengguan });
    expect((await download(world.unitStaff, photo)).status).toBe(200);
    // Once attached, the same photo cannot be reused in another complaint.
    const again = await fileComplaint(server, alice, complaintBody(world, { photoIds: [photo] }));
    expect(again.status).toBe(400);
  });
});

describe("WeChat's asynchronous check of images over 1 MB (media_check_async)", () => {
  const BIG = (marker = '') => Buffer.concat([PNG, Buffer.from(marker), Buffer.alloc(1_500_000, 3)]);
  const uploadRow = async (id: string) => (await server.rawDocuments('uploads')).find((u) => String(u._id) === id)!;
  /** Waits (bounded) until the upload's check is no longer pending. */
  async function settled(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100; i++) {
      const row = await uploadRow(id);
      if ((row.check as { state: string }).state !== 'pending') return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the check of ${id} never came back`);
  }
  // people of their own: the upload rate limit (10 a minute) is per person
  let carol: string;
  let dave: string;
  beforeAll(async () => {
    carol = await registeredResident(server, world, 'upload-carol');
    dave = await registeredResident(server, world, 'upload-dave');
  });
  const mediaCheckOf = (id: string) => server.simulator.mediaChecks().find((c) => c.mediaUrl.includes(`/uploads/${id}/media`));

  it('when a clean 1.5 MB photo is uploaded, then WeChat downloads it by a signed link, pushes the verdict, and the photo reaches those who may see its complaint', async () => {
    const res = await upload(carol, BIG());
    expect(res.status).toBe(201);
    const photo = res.body.id as string;
    const row = await settled(photo);
    expect(row.check).toMatchObject({ state: 'pass' });
    // the simulator logs the push's answer after our side has recorded the verdict: wait for it (a push
    // that overtook the saving of the trace id is answered 404 and sent again, so 200 comes last)
    for (let i = 0; i < 100 && !mediaCheckOf(photo)?.pushes.includes(200); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const check = mediaCheckOf(photo)!;
    expect(check.verdict).toBe('pass');
    expect(check.pushes[check.pushes.length - 1]).toBe(200);
    expect(check.pushes.slice(0, -1).every((status) => status === 404)).toBe(true);
    expect((await download(carol, photo)).status).toBe(200);
    const filed = await fileComplaint(server, carol, complaintBody(world, { photoIds: [photo] }));
    expect((await download(world.dispatcher, photo)).status).toBe(200);
    expect(filed.status).toBe(201);
    // the signed link is for pending images only: once judged it answers nothing
    expect((await fetch(mediaCheckOf(photo)!.mediaUrl)).status).toBe(404);
  });

  it('when a risky 1.5 MB photo is uploaded, then nobody else ever sees it, and its uploader is told it was removed', async () => {
    const photo = (await upload(dave, BIG(RISKY_IMAGE_MARKER))).body.id as string;
    const filed = await fileComplaint(server, dave, complaintBody(world, { photoIds: [photo] }));
    expect(filed.status).toBe(201);
    expect((await settled(photo)).check).toMatchObject({ state: 'risky' });
    expect((await download(world.dispatcher, photo)).status).toBe(404);
    expect((await download(dave, photo)).status).toBe(404);
    const notices = (await server.rawDocuments('notices')).filter((n) => n._id === `photo-removed:${photo}`);
    expect(notices).toHaveLength(1);
  });

  it('while the check is pending, only the uploader sees the photo; the signed link refuses a tampered or expired signature', async () => {
    // WeChat's push cannot reach us for now: the photo stays pending
    const pushTo = { url: `${server.url}/api/v1/wechat/push`, token: server.config.secrets.wechatPushToken };
    server.simulator.setPush({ url: 'http://127.0.0.1:9/unreachable', token: pushTo.token });
    const photo = (await upload(carol, BIG())).body.id as string;
    server.simulator.setPush(pushTo);
    const filed = await fileComplaint(server, carol, complaintBody(world, { photoIds: [photo] }));
    expect(filed.status).toBe(201);
    for (let i = 0; i < 100 && mediaCheckOf(photo)?.pushes.length !== 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(((await uploadRow(photo)).check as { state: string }).state).toBe('pending');
    // pending: its uploader sees it, nobody else, not even those who may see its complaint
    expect((await download(carol, photo)).status).toBe(200);
    expect((await download(world.dispatcher, photo)).status).toBe(404);
    const link = new URL(mediaCheckOf(photo)!.mediaUrl);
    const expires = Number(link.searchParams.get('expires'));
    const sig = link.searchParams.get('sig')!;
    const tampered = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    for (const q of [`expires=${expires}&sig=${tampered}`, `expires=${expires + 1}&sig=${sig}`, `expires=${Date.now() - 1000}&sig=${sig}`, `expires=${expires}`]) {
      expect([400, 404]).toContain((await fetch(`${server.url}/api/v1/uploads/${photo}/media?${q}`)).status);
    }
    expect((await fetch(link)).status).toBe(200);
    // the verdict arrives (as WeChat would push it, signed): now the dispatch centre sees the photo
    const { createHash } = await import('node:crypto');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1').update([pushTo.token, timestamp, 'late'].sort().join('')).digest('hex');
    const traceId = ((await uploadRow(photo)).check as { traceId: string }).traceId;
    const pushed = await fetch(`${server.url}/api/v1/wechat/push?${new URLSearchParams({ signature, timestamp, nonce: 'late' })}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, result: { suggest: 'pass', label: 100 } }),
    });
    expect(await pushed.text()).toBe('success');
    expect((await download(world.dispatcher, photo)).status).toBe(200);
  });

  it('when a push is forged, stale or replayed, then it is refused or changes nothing', async () => {
    const photo = (await upload(dave, BIG())).body.id as string;
    const row = await settled(photo);
    const traceId = (row.check as { traceId: string }).traceId;
    const event = { MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, version: 2, result: { suggest: 'risky', label: 20002 } };
    const { createHash } = await import('node:crypto');
    const sign = (token: string, timestamp: string, nonce: string) => createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
    const push = (q: Record<string, string>) => fetch(`${server.url}/api/v1/wechat/push?${new URLSearchParams(q)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    const now = String(Math.floor(Date.now() / 1000));
    const forged = await push({ signature: sign('not-the-token', now, 'n1'), timestamp: now, nonce: 'n1' });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('WECHAT_PUSH_SIGNATURE_INVALID');
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await push({ signature: sign(server.config.secrets.wechatPushToken, old, 'n2'), timestamp: old, nonce: 'n2' })).status).toBe(401);
    // correctly signed but about a photo already judged (a replay): answered, nothing changes
    const replay = await push({ signature: sign(server.config.secrets.wechatPushToken, now, 'n3'), timestamp: now, nonce: 'n3' });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('success');
    expect(((await uploadRow(photo)).check as { state: string }).state).toBe('pass');
    expect((await download(dave, photo)).status).toBe(200);
    // a verdict for a trace id no upload has (yet): refused, so WeChat sends it again
    const unknown = await fetch(`${server.url}/api/v1/wechat/push?${new URLSearchParams({ signature: sign(server.config.secrets.wechatPushToken, now, 'n5'), timestamp: now, nonce: 'n5' })}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...event, trace_id: 'no-such-trace' }),
    });
    expect(unknown.status).toBe(404);
    // the URL check of the console answers the echostr, signed
    const echo = await fetch(`${server.url}/api/v1/wechat/push?${new URLSearchParams({ signature: sign(server.config.secrets.wechatPushToken, now, 'n4'), timestamp: now, nonce: 'n4', echostr: 'hello123' })}`);
    expect(await echo.text()).toBe('hello123');
  });
});
