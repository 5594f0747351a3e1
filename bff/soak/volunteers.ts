import { acceptSubscriptions, login, pick, registerRealName, think, type World } from './world';

const SHIFTS = 3;
const CAPACITY = 2;

/** A community's staff publishes a few small shifts (on different days, so sign-ups never overlap). */
export async function publishShifts(world: World): Promise<string[]> {
  const { token } = await login(world, 'community-lianhua');
  const project = await world.client.retrying(6, 'POST', '/api/v1/volunteer-projects', {
    token,
    body: { communityId: world.communityId, title: '周末社区清洁', description: '清理楼道与绿地' },
  });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${JSON.stringify(project.body)}`);
  const ids: string[] = [];
  for (let i = 0; i < SHIFTS; i++) {
    const start = Date.now() + (72 + 24 * i) * 3600_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const shift = await world.client.retrying(6, 'POST', `/api/v1/volunteer-projects/${project.body.id}/shifts`, {
      token,
      body: {
        place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区中心广场', radiusM: 200 },
        startAt: iso(start), endAt: iso(start + 2 * 3600_000), capacity: CAPACITY,
        signupDeadline: iso(start - 3600_000), cancelCutoff: iso(start - 24 * 3600_000),
      },
    });
    if (shift.status !== 201) throw new Error(`shift: ${shift.status} ${JSON.stringify(shift.body)}`);
    ids.push(shift.body.id);
  }
  return ids;
}

/** A volunteer: registers, signs up for shifts (waitlisted when full), cancels some, reads their shifts. */
export async function volunteer(world: World, name: string): Promise<void> {
  const { token } = await login(world, name);
  await registerRealName(world, token);
  const registered = await world.client.retrying(6, 'POST', '/api/v1/volunteers', { token, body: {} });
  if (registered.status !== 201 && registered.status !== 409) throw new Error(`volunteer: ${registered.status} ${JSON.stringify(registered.body)}`);
  const signedUp = new Set<string>();
  const done = new Set<string>();
  const { client } = world;
  while (Date.now() < world.until) {
    const open = world.shiftIds.filter((s) => !signedUp.has(s) && !done.has(s));
    if (Math.random() < 0.5) {
      await client.call('GET', '/api/v1/volunteer-shifts/mine', { token });
    } else if (open.length > 0 && Math.random() < 0.7) {
      const shift = pick(open);
      await acceptSubscriptions(world, name, token, 'volunteerSignup');
      const res = await client.retrying(4, 'POST', `/api/v1/volunteer-shifts/${shift}/signup`, { token });
      if (res.status === 200 || res.status === 409) signedUp.add(shift);
    } else if (signedUp.size > 0) {
      // a cancelled sign-up is not repeated: the shift is done for this volunteer
      const shift = pick([...signedUp]);
      const res = await client.retrying(4, 'POST', `/api/v1/volunteer-shifts/${shift}/cancel`, { token });
      if (res.status === 200 || res.status === 409) {
        signedUp.delete(shift);
        done.add(shift);
      }
    } else {
      await client.call('GET', `/api/v1/volunteer-shifts/${pick(world.shiftIds)}`, { token });
    }
    await think();
  }
}
