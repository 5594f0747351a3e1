import type { SubscribeScene } from '@gongzhi/shared';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../platform/database';
import { createMiniProgramApi } from '../../wechat/miniprogram';
import type { TestServer } from '../../../test/http';
import type { OutboxDeps } from './outbox-delivery';

/** The openid of the signed-in user (from the database: the API never shows it). */
export async function openidOf(server: TestServer, token: string): Promise<string> {
  const me = await server.call('GET', '/api/v1/me', { token });
  const user = (await server.rawDocuments('users')).find((u) => String(u._id) === me.body.id);
  if (!user) throw new Error('no such user');
  return user.openid as string;
}

/**
 * What the mini-program does on a submit tap when the person taps 允许: `requestSubscribeMessage`
 * tells WeChat (here the simulator's stand-in route), then the accepted ids are reported to the BFF.
 * `tellWechat: false` reports to the BFF only, as a client that lies (or whose subscription WeChat
 * already spent) would. Returns the template ids of the scene.
 */
export async function acceptSubscriptions(
  server: TestServer,
  token: string,
  scene: SubscribeScene,
  { tellWechat = true }: { tellWechat?: boolean } = {},
): Promise<string[]> {
  const tmplIds = (await server.call('GET', '/api/v1/notifications/subscribe-templates', { token })).body[scene] as string[];
  if (tellWechat) {
    const openid = await openidOf(server, token);
    const res = await fetch(`${server.simulator.url}/dev/subscribe-message/accept`, { method: 'POST', body: JSON.stringify({ openid, tmplIds }) });
    if (!res.ok) throw new Error(`simulator accept: ${res.status}`);
  }
  const reported = await server.call('POST', '/api/v1/notifications/subscriptions', { token, body: { templateIds: tmplIds } });
  if (reported.status !== 200) throw new Error(`report: ${reported.status} ${JSON.stringify(reported.body)}`);
  return tmplIds;
}

/** What the outbox worker runs with, on its own connection, as in another process. */
export async function outboxDeps(server: TestServer): Promise<OutboxDeps & { conn: Connection; close(): Promise<void> }> {
  const conn = await connectDatabase(server.mongoUri);
  const wechat = createMiniProgramApi({ baseUrl: server.simulator.url, appId: server.config.wechat.appId, appSecret: server.config.secrets.wechatAppSecret });
  return { conn, wechat, templates: server.config.wechat.subscribeTemplates, close: () => conn.close() };
}
