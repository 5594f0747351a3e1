import { privacyNoticeApi, referenceApi, type CommunityView, type PrivacyNoticeView, type RouteOutput } from '@gongzhi/shared';
import { api } from './index';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PrivacyNotice = PrivacyNoticeView;

export function listCommunities(query: { cursor?: string; limit?: number } = {}): Promise<RouteOutput<typeof referenceApi.communities>> {
  return api.call(referenceApi.communities, { query });
}

export function listUnits(query: { cursor?: string; limit?: number } = {}): Promise<RouteOutput<typeof referenceApi.units>> {
  return api.call(referenceApi.units, { query });
}

/** A street has a handful of communities; follow the cursor a few pages at most. */
export async function listAllCommunities(): Promise<CommunityView[]> {
  const all: CommunityView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await listCommunities({ cursor, limit: 100 });
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}

export function getPrivacyNotice(): Promise<PrivacyNotice> {
  return api.call(privacyNoticeApi.notice);
}
