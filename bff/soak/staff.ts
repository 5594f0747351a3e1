import { login, think, type World } from './world';

/** The staff step each state calls for: the login that takes it, the route, its body and the timeline action it adds. */
const STEPS: Record<string, { who: 'dispatcher' | 'unit'; route: string; body: (w: World) => unknown; action: string }> = {
  submitted: { who: 'dispatcher', route: 'accept', body: () => ({ note: '已受理' }), action: 'accept' },
  accepted: { who: 'dispatcher', route: 'dispatch', body: (w) => ({ unitId: w.unitId, note: '请尽快处理' }), action: 'dispatch' },
  dispatched: { who: 'unit', route: 'sign', body: () => ({}), action: 'sign' },
  signed: { who: 'unit', route: 'contact', body: () => ({ method: 'phone', note: '已电话联系居民' }), action: 'recordContact' },
  in_progress: { who: 'unit', route: 'resolve', body: () => ({ result: '已劝离占道摊贩，恢复通行' }), action: 'resolve' },
};

/** The dispatcher (accept, dispatch) or the unit's staff (sign, contact, resolve), moving complaints along. */
export async function staff(world: World, who: 'dispatcher' | 'unit'): Promise<void> {
  const { token } = await login(world, who === 'dispatcher' ? 'dispatcher' : 'unit-chengguan');
  const { client } = world;
  while (Date.now() < world.until) {
    const next = [...world.board].find(([, c]) => STEPS[c.state]?.who === who);
    if (!next) {
      await client.call('GET', who === 'dispatcher' ? '/api/v1/staff/complaints' : '/api/v1/staff/tasks', { token });
    } else {
      const [id, complaint] = next;
      const step = STEPS[complaint.state]!;
      const res = await client.retrying(4, 'POST', `/api/v1/staff/complaints/${id}/${step.route}`, { token, body: step.body(world) });
      if (res.status === 200) {
        world.ledger.transitions.push({ complaintId: id, action: step.action });
        complaint.state = res.body.state;
      } else {
        // the answer was lost or refused: read where the complaint stands now
        const now = await client.retrying(6, 'GET', `/api/v1/staff/complaints/${id}`, { token });
        if (now.status === 200) complaint.state = now.body.state;
      }
    }
    await think();
  }
}
