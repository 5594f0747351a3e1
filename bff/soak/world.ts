import { randomBytes } from 'node:crypto';
import { CURRENT_CONSENT_VERSION } from '@gongzhi/shared';
import { idNumberAged, phoneCode, phoneNumber } from '../test/people';
import { sleep, type SoakClient } from './client';

/** What the load's actors share: ids from the demo seed, the complaints in flight, and what was answered 2xx. */
export interface World {
  client: SoakClient;
  /** the WeChat simulator, which plays the WeChat client's part of the subscribe dialog */
  simulatorUrl: string;
  /** until when the load runs (ms since the epoch) */
  until: number;
  communityId: string;
  categoryId: string;
  unitId: string;
  shiftIds: string[];
  /** complaints filed during the run, by id, with the state last answered and the resident's token */
  board: Map<string, { state: string; resident: string }>;
  ledger: Ledger;
}

export interface Ledger {
  /** creations answered 2xx: complaint id, resident user id and Idempotency-Key */
  created: Array<{ id: string; userId: string; key: string }>;
  /** transitions answered 2xx, by the timeline action they must add */
  transitions: Array<{ complaintId: string; action: string }>;
}

/** Logs in through the WeChat simulator (a fresh one-time code per try), retrying through faults. */
export async function login(world: World, name: string): Promise<{ token: string; userId: string }> {
  for (let i = 0; ; i++) {
    const code = `dev:${name}:${Date.now()}${randomBytes(3).toString('hex')}`;
    const res = await world.client.call('POST', '/api/v1/auth/wechat-login', { body: { code }, headers: { 'x-forwarded-for': addressOf(name) } });
    if (res.status === 200) return { token: res.body.accessToken, userId: res.body.user.id };
    if (i >= 20) throw new Error(`login ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(500);
  }
}

/**
 * Each person logs in from an address of their own, as the gateway in front of the BFFs reports it
 * (soak/serve.ts trusts one proxy hop): the per-client login limit (30 a minute, shared by every BFF
 * process) applies to each person, not to the one machine the soak drives the load from.
 * TEST-NET-2 (RFC 5737): the header names an address, nothing is sent there.
 */
function addressOf(name: string): string {
  const n = [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return `198.51.100.${n % 254 + 1}`;
}

/** Real-name registration in the seed's first community; 409 ALREADY_VERIFIED means an earlier try went through. */
export async function registerRealName(world: World, token: string): Promise<void> {
  for (let i = 0; ; i++) {
    const body = { name: '李四', idNumber: idNumberAged(35), phoneCode: phoneCode(phoneNumber()), communityId: world.communityId, consentVersion: CURRENT_CONSENT_VERSION };
    const res = await world.client.call('POST', '/api/v1/me/real-name', { token, body });
    if (res.status === 200 || (res.status === 409 && res.body?.error?.code === 'ALREADY_VERIFIED')) return;
    if (i >= 20) throw new Error(`real-name: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(500);
  }
}

export const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
export const think = () => sleep(100 + Math.random() * 200);

/**
 * The tap that submits asks WeChat for the scene's one-time subscriptions and reports the accepted ones
 * to the BFF, as the mini-program does (platform/subscribe.ts): here the simulator takes the client's
 * part. Best effort, like the app: a failure leaves the notice to the message centre.
 */
export async function acceptSubscriptions(world: World, loginName: string, token: string, scene: 'complaint' | 'volunteerSignup'): Promise<void> {
  const templates = await world.client.call('GET', '/api/v1/notifications/subscribe-templates', { token });
  const ids = templates.status === 200 ? ((templates.body as Record<string, string[]>)[scene] ?? []) : [];
  if (ids.length === 0) return;
  const accepted = await fetch(`${world.simulatorUrl}/dev/subscribe-message/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, tmplIds: ids }),
  }).catch(() => undefined);
  if (accepted?.ok) await world.client.call('POST', '/api/v1/notifications/subscriptions', { token, body: { templateIds: ids } });
}
