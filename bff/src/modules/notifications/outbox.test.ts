import mongoose, { type Connection, Types } from 'mongoose';
import { DEV_APP_ID, DEV_APP_SECRET, startWechatSimulator, type WechatSimulator } from '../../../dev/wechat-simulator';
import { testDatabaseUri } from '../../../test/db';
import { createMiniProgramApi, type MiniProgramApi } from '../../wechat/miniprogram';
import { Messages } from './message-centre';
import { outboxEntry } from './outbox';
import { claimOutboxEntry, runOutboxOnce, type OutboxDeps } from './outbox-delivery';
import { spendSubscription, Subscriptions } from './subscriptions';
import { complaintNotice } from './templates';

let simulator: WechatSimulator;
let wechat: MiniProgramApi;
let conn: Connection;
const LEASE = 60_000;
const t0 = new Date('2026-03-02T02:00:00Z');

beforeAll(async () => {
  simulator = await startWechatSimulator({ appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
  wechat = createMiniProgramApi({ baseUrl: simulator.url, appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
  conn = await mongoose.createConnection(testDatabaseUri('outbox')).asPromise();
  await Promise.all([Messages(conn).init(), Subscriptions(conn).init()]);
});
afterAll(async () => {
  await conn.close();
  await simulator.close();
});

const TEMPLATES = { complaintProgress: 'tp-progress', ratingReminder: 'tp-rating', overdueAlert: 'tp-overdue', volunteerShift: 'tp-shift', pollReminder: 'tp-poll', mutualAid: 'tp-aid', proposalProgress: 'tp-proposal', activity: 'tp-activity', enterpriseMatch: 'tp-enterprise', enterpriseCase: 'tp-enterprise-case', contentReview: 'tp-content-review' };
const deps: () => OutboxDeps = () => ({ conn, wechat, templates: TEMPLATES });
const complaints = () => conn.db!.collection('complaints');
const sentTo = (touser: string) => simulator.sentMessages().filter((m) => m.touser === touser);

/** A person with `subscriptions` one-time subscriptions to the progress template, known to us and to WeChat. */
async function person(openid: string, subscriptions = 1): Promise<Types.ObjectId> {
  const userId = new Types.ObjectId();
  await conn.db!.collection('users').insertOne({ _id: userId, openid });
  await Subscriptions(conn).create({ userId, template: 'complaintProgress', remaining: subscriptions, updatedAt: t0 });
  for (let i = 0; i < subscriptions && openid; i++) {
    await fetch(`${simulator.url}/dev/subscribe-message/accept`, { method: 'POST', body: JSON.stringify({ openid, tmplIds: [TEMPLATES.complaintProgress] }) });
  }
  return userId;
}

async function complaintWith(...tousers: string[]): Promise<Types.ObjectId> {
  for (const t of tousers) await person(t);
  const _id = new Types.ObjectId();
  const subject = { _id, number: 'GZ20260302000001', categoryName: '路灯故障' };
  await complaints().insertOne({ _id, version: 0, outbox: tousers.map((t) => outboxEntry(complaintNotice('accepted', subject, t0), t, t0)) });
  return _id;
}

describe('outbox entries', () => {
  it('when an entry is built, then its data keys fit WeChat keyword limits and the page opens the complaint', () => {
    const _id = new Types.ObjectId();
    const entry = outboxEntry(complaintNotice('resolved', { _id, number: 'GZ20260302000001', categoryName: '这是一个非常非常长的诉求类别名称超过二十个字了吧' }, t0), 'o-1', t0);
    expect(entry.template).toBe('complaintProgress');
    expect(entry.page).toBe(`packages/complaints/detail/index?id=${_id.toString()}`);
    expect(Array.from(entry.data.thing1!.value)).toHaveLength(20);
    expect(entry.data.thing1!.value.endsWith('…')).toBe(true);
    expect(entry.data.character_string2!.value).toBe('GZ20260302000001');
    expect(entry.data.phrase3!.value).toBe('已办结');
    expect(entry.data.time4!.value).toBe('2026-03-02 10:00');
    expect(entry).toMatchObject({ status: 'pending', attempts: 0, kind: 'subscribe_message' });
  });

  it('when an overdue alert is built, then it uses the staff template and names the missed deadline', () => {
    const _id = new Types.ObjectId();
    const entry = outboxEntry(complaintNotice('overdue', { _id, number: 'GZ1', categoryName: '井盖缺失', missed: '签收' }, t0), 'o-staff', t0);
    expect(entry.template).toBe('overdueAlert');
    expect(entry.page).toBe(`packages/workbench/complaint/index?id=${_id.toString()}`);
    expect(entry.inbox).toEqual({ title: '诉求已超时', body: '井盖缺失（GZ1）签收超时，请尽快处理' });
    expect(entry.data.thing5!.value).toBe('签收超时，请尽快处理');
  });
});

async function userOf(openid: string): Promise<Types.ObjectId> {
  return (await conn.db!.collection('users').findOne({ openid }))!._id as Types.ObjectId;
}

describe('outbox delivery', () => {
  it('when a full batch of documents holds entries leased by another worker, then a due entry behind them is still sent', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, (_, i) => complaintWith(`o-held-${i}`)));
    await complaints().updateMany({ _id: { $in: held } }, { $set: { 'outbox.0.lockedUntil': new Date(t0.getTime() + LEASE), 'outbox.0.leasedBy': 'a dead worker' } });
    await complaintWith('o-behind');
    await runOutboxOnce(deps(), { now: t0, batch: 5 });
    expect(sentTo('o-behind')).toHaveLength(1);
    for (let i = 0; i < 6; i++) expect(sentTo(`o-held-${i}`)).toHaveLength(0);
  });

  it('when pending entries exist, then each is sent once and marked sent', async () => {
    const id = await complaintWith('o-a1', 'o-a2');
    await runOutboxOnce(deps(), { now: t0 });
    await runOutboxOnce(deps(), { now: new Date(t0.getTime() + 10 * LEASE) });
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
      await runOutboxOnce(deps(), { now: new Date(t0.getTime() + later), leaseMs: LEASE });
    }
    expect(sentTo('o-crash')).toHaveLength(0);

    await runOutboxOnce(deps(), { now: new Date(t0.getTime() + LEASE), leaseMs: LEASE });
    await runOutboxOnce(deps(), { now: new Date(t0.getTime() + 5 * LEASE), leaseMs: LEASE });
    expect(sentTo('o-crash')).toHaveLength(1);
    const after = await complaints().findOne({ _id: id });
    expect(after!.outbox[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(after!.outbox[0].leasedBy).toBeUndefined();
  });

  it('when a worker dies after WeChat accepted the message but before marking it, then it is sent again after the lease (at least once), and then never again', async () => {
    const id = await complaintWith('o-died-after-send');
    const doc = await complaints().findOne({ _id: id });
    // the person accepted twice, so a second message may go out
    await Subscriptions(conn).updateOne({ userId: await userOf('o-died-after-send') }, { $inc: { remaining: 1 } });
    await fetch(`${simulator.url}/dev/subscribe-message/accept`, { method: 'POST', body: JSON.stringify({ openid: 'o-died-after-send', tmplIds: [TEMPLATES.complaintProgress] }) });
    const lease = await claimOutboxEntry({ conn, collection: 'complaints', docId: id, entryId: doc!.outbox[0].id }, t0, LEASE);
    const { touser, template, page, data } = lease!.entry;
    expect(await spendSubscription(conn, await userOf(touser), template)).toBe(true);
    await wechat.sendSubscribeMessage({ touser, templateId: TEMPLATES[template], page, data }); // …and the process ends here

    await runOutboxOnce(deps(), { now: new Date(t0.getTime() + LEASE - 1), leaseMs: LEASE });
    expect(sentTo('o-died-after-send')).toHaveLength(1);
    for (const later of [LEASE, 3 * LEASE, 10 * LEASE]) {
      await runOutboxOnce(deps(), { now: new Date(t0.getTime() + later), leaseMs: LEASE });
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
    const results = await Promise.all(Array.from({ length: 5 }, () => runOutboxOnce(deps(), { now: t0 })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
    for (const t of tousers) expect(sentTo(t)).toHaveLength(1);
  });

  it('when WeChat refuses an entry every time, then it is retried after each lease and marked failed after the last attempt', async () => {
    const id = await complaintWith(''); // WeChat answers 40003 for an empty openid
    for (let i = 0; i < 4; i++) {
      await runOutboxOnce(deps(), { now: new Date(t0.getTime() + i * 2 * LEASE), leaseMs: LEASE, maxAttempts: 3 });
    }
    const doc = await complaints().findOne({ _id: id });
    expect(doc!.outbox[0]).toMatchObject({ status: 'failed', attempts: 3, errcode: 40003 });
    // each failed try gave its subscription back; the message centre has the notice
    expect((await Subscriptions(conn).findOne({ userId: await userOf('') }).lean())!.remaining).toBe(1);
    expect(await Messages(conn).countDocuments({ entryId: doc!.outbox[0].id })).toBe(1);
  });

  it('when the recipient’s account is gone, then the entry is closed without WeChat or the message centre', async () => {
    const _id = new Types.ObjectId();
    const entry = outboxEntry(complaintNotice('accepted', { _id, number: 'GZ2', categoryName: '路灯故障' }, t0), 'o-deleted', t0);
    await complaints().insertOne({ _id, version: 0, outbox: [entry] });
    expect(await runOutboxOnce(deps(), { now: t0 })).toMatchObject({ no_recipient: 1, sent: 0 });
    expect((await complaints().findOne({ _id }))!.outbox[0].status).toBe('no_recipient');
    expect(await Messages(conn).countDocuments({ entryId: entry.id })).toBe(0);
  });

  it('when workers race over the same entries, then each notice lands in the message centre exactly once', async () => {
    const tousers = Array.from({ length: 4 }, (_, i) => `o-centre-${i}`);
    const id = await complaintWith(...tousers);
    const doc = await complaints().findOne({ _id: id });
    // a worker that died after writing the message and before sending leaves the entry to a successor
    for (const e of doc!.outbox.slice(0, 2)) {
      await Messages(conn).create({ entryId: e.id, userId: await userOf(e.touser), title: e.inbox.title, body: e.inbox.body, page: e.page, createdAt: t0, readAt: null });
    }
    await Promise.all(Array.from({ length: 4 }, () => runOutboxOnce(deps(), { now: t0 })));
    for (const e of doc!.outbox) expect(await Messages(conn).countDocuments({ entryId: e.id })).toBe(1);
    for (const t of tousers) expect(sentTo(t)).toHaveLength(1);
  });
});
