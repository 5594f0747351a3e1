import type { Connection } from 'mongoose';
import { advanceClock, resetClock } from '../../platform/clock';
import { connectDatabase } from '../../platform/database';
import { startTestServer, type TestServer } from '../../../test/http';
import { complaintBody, fileComplaint, registeredResident, setUpWorld, type ComplaintWorld } from '../complaints/complaint-test-kit';
import { createLocalDiskStorage } from './local-disk-storage';
import { runUploadCleanupOnce } from './upload-cleanup';

let server: TestServer;
let world: ComplaintWorld;
let conn: Connection;
let alice: string;
beforeAll(async () => {
  server = await startTestServer('upload-cleanup');
  world = await setUpWorld(server);
  alice = await registeredResident(server, world, 'cleanup-alice');
  conn = await connectDatabase(server.mongoUri);
});
afterAll(async () => {
  await conn.close();
  await server.close();
});
afterEach(() => resetClock());

const HOUR = 3_600_000;
/** A fresh access token after the clock moved past the old one's 15 minutes. */
const aliceAgain = async () => (await server.login('cleanup-alice')).accessToken;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('cleanup')]);

async function upload(token: string): Promise<string> {
  const res = await server.upload(token, PNG);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** The upload's record and whether its file is still on disk. */
async function stored(id: string): Promise<{ record: boolean; file: boolean }> {
  const record = (await server.rawDocuments('uploads')).find((u) => String(u._id) === id);
  const storage = createLocalDiskStorage(server.config.uploads.dir);
  return { record: Boolean(record), file: record ? (await storage.get(String(record.storageKey))) !== null : false };
}

describe('cleanup of uploads never attached', () => {
  it('when an upload was never attached for 25 hours, then its file and record are deleted; one attached, or unattached for 23 hours, is kept', async () => {
    const orphan = await upload(alice);
    const attached = await upload(alice);
    expect((await fileComplaint(server, alice, complaintBody(world, { photoIds: [attached] }))).status).toBe(201);
    const orphanKey = (await server.rawDocuments('uploads')).find((u) => String(u._id) === orphan)!.storageKey;
    advanceClock(2 * HOUR);
    const recent = await upload(await aliceAgain());
    advanceClock(23 * HOUR);

    const { deleted } = await runUploadCleanupOnce({ conn, storage: createLocalDiskStorage(server.config.uploads.dir) });
    expect(deleted).toBe(1);
    expect(await stored(orphan)).toEqual({ record: false, file: false });
    expect(await createLocalDiskStorage(server.config.uploads.dir).get(String(orphanKey))).toBeNull();
    expect(await stored(attached)).toEqual({ record: true, file: true });
    expect(await stored(recent)).toEqual({ record: true, file: true });
    // the complaint's photo still reads back
    expect((await fetch(`${server.url}/api/v1/uploads/${attached}`, { headers: { authorization: `Bearer ${await aliceAgain()}` } })).status).toBe(200);
    // a second run, as another process would make, finds nothing more to do
    expect((await runUploadCleanupOnce({ conn, storage: createLocalDiskStorage(server.config.uploads.dir) })).deleted).toBe(0);
  });

  it('when an upload is older than 23 hours, then it can no longer be attached, so the cleanup never deletes a photo being filed', async () => {
    const old = await upload(alice);
    advanceClock(23 * HOUR + 60_000);
    const res = await fileComplaint(server, await aliceAgain(), complaintBody(world, { photoIds: [old] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND', details: [{ path: 'body.photoIds.0' }] });
  });
});
