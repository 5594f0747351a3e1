import { randomBytes } from 'node:crypto';
import { acceptSubscriptions, login, pick, registerRealName, think, type World } from './world';

/** A resident: reads /me (the steady read), files complaints, reads their list and details, rates, logs in again now and then. */
export async function resident(world: World, name: string): Promise<void> {
  let me = await login(world, name);
  await registerRealName(world, me.token);
  const mine: string[] = [];
  const { client } = world;
  while (Date.now() < world.until) {
    const r = Math.random();
    if (r < 0.35) {
      await client.call('GET', '/api/v1/me', { token: me.token });
    } else if (r < 0.5) {
      await acceptSubscriptions(world, name, me.token, 'complaint');
      const id = await file(world, me);
      if (id) mine.push(id);
    } else if (r < 0.65) {
      await client.call('GET', '/api/v1/complaints/mine', { token: me.token });
    } else if (r < 0.8 && mine.length > 0) {
      await client.call('GET', `/api/v1/complaints/${pick(mine)}`, { token: me.token });
    } else if (r < 0.97) {
      await rate(world, mine);
    } else {
      // logging in again is part of the load: if it keeps failing (a fault), carry on with the old token
      me = await login(world, name).catch(() => me);
    }
    await think();
  }
}

/** Files a complaint under one Idempotency-Key, repeating it through faults. */
async function file(world: World, me: { token: string; userId: string }): Promise<string | undefined> {
  const key = `soak-${randomBytes(8).toString('hex')}`;
  const body = {
    categoryId: world.categoryId,
    communityId: world.communityId,
    description: '小区门口有人占道经营，行人难以通过',
    location: { point: { lat: 22.5431 + Math.random() / 100, lng: 114.0579 + Math.random() / 100 }, address: '莲花路1号小区门口' },
  };
  const res = await world.client.retrying(6, 'POST', '/api/v1/complaints', { token: me.token, body, headers: { 'idempotency-key': key } });
  if (res.status !== 200 && res.status !== 201) return undefined;
  world.ledger.created.push({ id: res.body.id, userId: me.userId, key });
  world.board.set(res.body.id, { state: res.body.state, resident: me.token });
  return res.body.id;
}

async function rate(world: World, mine: string[]): Promise<void> {
  const id = mine.find((c) => world.board.get(c)?.state === 'resolved');
  if (!id) return;
  const entry = world.board.get(id)!;
  entry.state = 'rating';
  const body = { satisfaction: 'satisfied', resolved: true, comment: '处理及时' };
  const res = await world.client.retrying(4, 'POST', `/api/v1/complaints/${id}/rating`, { token: entry.resident, body });
  if (res.status === 200) world.ledger.transitions.push({ complaintId: id, action: 'rate' });
  // a 409 means an earlier try went through (or the state moved on): leave it
  entry.state = res.status === 200 ? res.body.state : res.status === 409 ? 'rated' : 'resolved';
}
