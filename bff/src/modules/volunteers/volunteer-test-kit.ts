import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { idNumberAged, phoneCode, phoneNumber } from '../../../test/people';
import type { TestServer } from '../../../test/http';
import { nowMs } from '../../platform/clock';
import { outboxDeps } from '../notifications/notification-test-kit';

/** What volunteer tests share: the seeded district, two communities' staff, a project of the first. */
export interface VolunteerWorld {
  communityId: string;
  otherCommunityId: string;
  /** community staff of communityId (莲花社区) */
  staff: string;
  /** community staff of otherCommunityId (荷花社区) */
  otherStaff: string;
  projectId: string;
}

export async function setUpVolunteerWorld(server: TestServer): Promise<VolunteerWorld> {
  await server.seed();
  const communities = (await server.call('GET', '/api/v1/communities?limit=100')).body.items as Array<{ id: string; code: string }>;
  const idOf = (code: string) => communities.find((c) => c.code === code)!.id;
  const staff = (await server.login('community-lianhua')).accessToken;
  const projectId = await createProject(server, staff, idOf('lianhua'));
  return { communityId: idOf('lianhua'), otherCommunityId: idOf('hehua'), staff, otherStaff: (await server.login('community-hehua')).accessToken, projectId };
}

export async function createProject(server: TestServer, token: string, communityId: string, teamId?: string): Promise<string> {
  const res = await server.call('POST', '/api/v1/volunteer-projects', {
    token,
    body: { communityId, title: '关爱独居老人', description: '每周上门陪伴社区独居老人', ...(teamId ? { teamId } : {}) },
  });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const HOUR = 3600_000;

/** A shift body starting `startsInHours` from the (test-controlled) clock, 2 hours long. */
export function shiftBody(over: { startsInHours?: number; hours?: number; capacity?: number } & Record<string, unknown> = {}) {
  const { startsInHours = 72, hours = 2, ...rest } = over;
  const start = nowMs() + startsInHours * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    place: { point: { lat: 22.5431, lng: 114.0579 }, address: '莲花社区党群服务中心', radiusM: 200 },
    startAt: iso(start),
    endAt: iso(start + hours * HOUR),
    capacity: 5,
    signupDeadline: iso(start - 6 * HOUR),
    cancelCutoff: iso(start - 24 * HOUR),
    ...rest,
  };
}

export async function createShift(server: TestServer, token: string, projectId: string, body: unknown = shiftBody()): Promise<string> {
  const res = await server.call('POST', `/api/v1/volunteer-projects/${projectId}/shifts`, { token, body });
  if (res.status !== 201) throw new Error(`shift: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

let idSequence = 0;

/** A resident with real name (aged `age`) who is not a volunteer yet; returns the access token. */
export async function residentAged(server: TestServer, world: VolunteerWorld, name: string, age = 30): Promise<string> {
  const { accessToken } = await server.login(name);
  // A counter, not chance: hundreds of random 3-digit sequences on one birthday would collide.
  const sequence = String(idSequence++ % 1000).padStart(3, '0');
  const res = await server.call('POST', '/api/v1/me/real-name', {
    token: accessToken,
    body: { name: '王小明', idNumber: idNumberAged(age, { sequence }), phoneCode: phoneCode(phoneNumber()), communityId: world.communityId, consentVersion: CURRENT_CONSENT_VERSION },
  });
  if (res.status !== 200) throw new Error(`real-name: ${res.status} ${JSON.stringify(res.body)}`);
  return accessToken;
}

/** A registered adult volunteer; returns the access token. */
export async function volunteer(server: TestServer, world: VolunteerWorld, name: string, body: Record<string, unknown> = {}): Promise<string> {
  const token = await residentAged(server, world, name);
  const res = await server.call('POST', '/api/v1/volunteers', { token, body });
  if (res.status !== 201) throw new Error(`volunteer: ${res.status} ${JSON.stringify(res.body)}`);
  return token;
}

/** `count` volunteers, registered 25 at a time. */
export async function volunteers(server: TestServer, world: VolunteerWorld, prefix: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, (_, j) => volunteer(server, world, `${prefix}-${i + j}`));
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

export const signUp = (server: TestServer, token: string, shiftId: string) => server.call('POST', `/api/v1/volunteer-shifts/${shiftId}/signup`, { token });
export const cancel = (server: TestServer, token: string, shiftId: string) => server.call('POST', `/api/v1/volunteer-shifts/${shiftId}/cancel`, { token });

/** A database connection and a WeChat client like the server's, for calling workers' ...Once functions. */
export const workerDeps = outboxDeps;

/** Access tokens by user id, for acting as a volunteer found in the database. */
export async function tokensByUser(server: TestServer, tokens: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of tokens) out.set((await server.call('GET', '/api/v1/me', { token: t })).body.id, t);
  return out;
}
