import mongoose, { type Connection, Types } from 'mongoose';
import { DEV_APP_ID, DEV_APP_SECRET, startWechatSimulator, type WechatSimulator } from '../../../dev/wechat-simulator';
import { testDatabaseUri } from '../../../test/db';
import { createMiniProgramApi, type MiniProgramApi } from '../../wechat/miniprogram';
import { outboxEntry, TEMPLATE_IDS } from './outbox';
import { claimOutboxEntry, runOutboxOnce } from './outbox-delivery';

let simulator: WechatSimulator;
let wechat: MiniProgramApi;
let conn: Connection;
const LEASE = 60_000;
const t0 = new Date('2026-03-02T02:00:00Z');

beforeAll(async () => {
  simulator = await startWechatSimulator({ appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
  wechat = createMiniProgramApi({ baseUrl: simulator.url, appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
  conn = await mongoose.createConnection(testDatabaseUri('outbox')).asPromise();
});
afterAll(async () => {
  await conn.close();
  await simulator.close();
});

const complaints = () => conn.db!.collection('complaints');
const sentTo = (touser: string) => simulator.sentMessages().filter((m) => m.touser === touser);

async function complaintWith(...tousers: string[]): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  const subject = { _id, number: 'GZ20260302000001', categoryName: '路灯故障' };
  await complaints().insertOne({ _id, version: 0, outbox: tousers.map((t) => outboxEntry('accepted', subject, t, t0)) });
  return _id;
}

describe('outbox entries', () => {
  it('when an entry is built, then its data keys fit WeChat keyword limits and the page opens the complaint', () => {
    const _id = new Types.ObjectId();
    const entry = outboxEntry('resolved', { _id, number: 'GZ20260302000001', categoryName: '这是一个非常非常长的诉求类别名称超过二十个字了吧' }, 'o-1', t0);
    expect(entry.templateId).toBe(TEMPLATE_IDS.complaintProgress);
    expect(entry.page).toBe(`packages/complaints/detail/index?id=${_id.toString()}`);
    expect(Array.from(entry.data.thing1!.value)).toHaveLength(20);
    expect(entry.data.thing1!.value.endsWith('…')).toBe(true);
    expect(entry.data.character_string2!.value).toBe('GZ20260302000001');
    expect(entry.data.phrase3!.value).toBe('已办结');
    expect(entry.data.time4!.value).toBe('2026-03-02 10:00');
    expect(entry).toMatchObject({ status: 'pending', attempts: 0, kind: 'subscribe_message' });
  });

  it('when an overdue alert is built, then it uses the staff template and names the missed deadline', () => {
    const entry = outboxEntry('overdue', { number: 'GZ1', categoryName: '井盖缺失', missed: '签收' }, 'o-staff', t0);
    expect(entry.templateId).toBe(TEMPLATE_IDS.overdueAlert);
    expect(entry.page.startsWith('packages/workbench/')).toBe(true);
    expect(entry.data.thing5!.value).toBe('签收超时，请尽快处理');
  });
});

describe('outbox delivery', () => {
  it('when a full batch of documents holds entries leased by another worker, then a due entry behind them is still sent', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, (_, i) => complaintWith(`o-held-${i}`)));
    await complaints().updateMany({ _id: { $in: held } }, { $set: { 'outbox.0.lockedUntil': new Date(t0.getTime() + LEASE), 'outbox.0.leasedBy': 'a dead worker' } });
    await complaintWith('o-behind');
    await runOutboxOnce({ conn, wechat }, { now: t0, batch: 5 });
    expect(sentTo('o-behind')).toHaveLength(1);
    for (let i = 0; i < 6; i++) expect(sentTo(`o-held-${i}`)).toHaveLength(0);
  });

  it('when pending entries exist, then each is sent once and marked sent', async () => {
    const id = await complaintWith('o-a1', 'o-a2');
    await runOutboxOnce({ conn, wechat }, { now: t0 });
    await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + 10 * LEASE) });
    expect(sentTo('o-a1')).toHaveLength(1);
    expect(sentTo('o-a2')).toHaveLength(1);
    const doc = await complaints().findOne({ _id: id });
    expect(doc!.outbox.map((e: { status: string; attempts: number }) => [e.status, e.attempts])).toEqual([['sent', 1], ['sent', 1]]);
  });

  it('when a worker claims an entry and dies before sending, then nothing is sent while its lease holds and exactly one message after', async () => {
    const id = await complaintWith('o-crash');
    const doc = await complaints().findOne({ _id: id });
    // the dying worker: it takes the lease and never gets further
    expect(await claimOutboxEntry({ conn, collection: 'complaints', docId: id, entryId: doc!.outbox[0].id }, t0, LEASE)).not.toBeNull();

    for (const later of [0, 1, LEASE - 1]) {
      await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + later), leaseMs: LEASE });
    }
    expect(sentTo('o-crash')).toHaveLength(0);

    await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + LEASE), leaseMs: LEASE });
    await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + 5 * LEASE), leaseMs: LEASE });
    expect(sentTo('o-crash')).toHaveLength(1);
    const after = await complaints().findOne({ _id: id });
    expect(after!.outbox[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(after!.outbox[0].leasedBy).toBeUndefined();
  });

  it('when a worker dies after WeChat accepted the message but before marking it, then it is sent again after the lease (at least once), and then never again', async () => {
    const id = await complaintWith('o-died-after-send');
    const doc = await complaints().findOne({ _id: id });
    const lease = await claimOutboxEntry({ conn, collection: 'complaints', docId: id, entryId: doc!.outbox[0].id }, t0, LEASE);
    const { touser, templateId, page, data } = lease!.entry;
    await wechat.sendSubscribeMessage({ touser, templateId, page, data }); // …and the process ends here

    await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + LEASE - 1), leaseMs: LEASE });
    expect(sentTo('o-died-after-send')).toHaveLength(1);
    for (const later of [LEASE, 3 * LEASE, 10 * LEASE]) {
      await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + later), leaseMs: LEASE });
    }
    expect(sentTo('o-died-after-send')).toHaveLength(2);
    expect((await complaints().findOne({ _id: id }))!.outbox[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('when a lease runs out, then exactly one successor takes the entry over and the entry names the lease of the successor', async () => {
    const id = await complaintWith('o-stalled');
    const doc = await complaints().findOne({ _id: id });
    const slot = { conn, collection: 'complaints', docId: id, entryId: doc!.outbox[0].id };
    const stalled = await claimOutboxEntry(slot, t0, LEASE);
    expect(await claimOutboxEntry(slot, new Date(t0.getTime() + LEASE - 1), LEASE)).toBeNull();
    const successor = await claimOutboxEntry(slot, new Date(t0.getTime() + LEASE), LEASE);
    expect(successor).not.toBeNull();
    expect(successor!.token).not.toBe(stalled!.token);
    expect(await claimOutboxEntry(slot, new Date(t0.getTime() + LEASE + 1), LEASE)).toBeNull();
    expect((await complaints().findOne({ _id: id }))!.outbox[0].leasedBy).toBe(successor!.token);
  });

  it('when several workers run at once, then no entry is sent twice', async () => {
    const tousers = Array.from({ length: 6 }, (_, i) => `o-race-${i}`);
    await complaintWith(...tousers.slice(0, 3));
    await complaintWith(...tousers.slice(3));
    const results = await Promise.all(Array.from({ length: 5 }, () => runOutboxOnce({ conn, wechat }, { now: t0 })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
    for (const t of tousers) expect(sentTo(t)).toHaveLength(1);
  });

  it('when WeChat refuses an entry every time, then it is retried after each lease and marked failed after the last attempt', async () => {
    const id = await complaintWith(''); // WeChat answers 40003 for an empty openid
    for (let i = 0; i < 4; i++) {
      await runOutboxOnce({ conn, wechat }, { now: new Date(t0.getTime() + i * 2 * LEASE), leaseMs: LEASE, maxAttempts: 3 });
    }
    const doc = await complaints().findOne({ _id: id });
    expect(doc!.outbox[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });
});
