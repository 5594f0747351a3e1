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
