import mongoose, { Types } from 'mongoose';
import { startTestServer } from '../../../test/http';
import { outboxEntry } from './outbox';
import { complaintNotice } from './templates';

describe('background workers in the server', () => {
  it('when workers are enabled in the config, then the server delivers a pending notification by itself, and stops cleanly', async () => {
    const server = await startTestServer('scheduler', { config: { workers: { enabled: true, intervalMs: 1000 } } });
    const conn = await mongoose.createConnection(server.mongoUri).asPromise();
    try {
      const _id = new Types.ObjectId();
      // someone who accepted the progress template once, with us and with WeChat
      const userId = new Types.ObjectId();
      await conn.db!.collection('users').insertOne({ _id: userId, openid: 'o-scheduled' });
      await conn.db!.collection('notification_subscriptions').insertOne({ userId, template: 'complaintProgress', remaining: 1, updatedAt: new Date() });
      const tmplIds = [server.config.wechat.subscribeTemplates.complaintProgress];
      await fetch(`${server.simulator.url}/dev/subscribe-message/accept`, { method: 'POST', body: JSON.stringify({ openid: 'o-scheduled', tmplIds }) });
      await conn.db!.collection('complaints').insertOne({ _id, version: 0, outbox: [outboxEntry(complaintNotice('accepted', { _id, number: 'GZ1', categoryName: '路灯故障' }, new Date()), 'o-scheduled')] });
      const deadline = Date.now() + 10_000;
      while (!server.simulator.sentMessages().some((m) => m.touser === 'o-scheduled') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(server.simulator.sentMessages().filter((m) => m.touser === 'o-scheduled')).toHaveLength(1);
    } finally {
      await conn.close();
      await server.close();
    }
  });
});
