import type { CommunityView, UnitView } from '@gongzhi/shared';
import { api } from './index';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PrivacyNotice {
  version: string;
  title: string;
  body: string;
}

export function listCommunities(query: { cursor?: string; limit?: number } = {}): Promise<Page<CommunityView>> {
  return api.request<Page<CommunityView>>('GET', '/communities', { query });
}

export function listUnits(query: { cursor?: string; limit?: number } = {}): Promise<Page<UnitView>> {
  return api.request<Page<UnitView>>('GET', '/units', { query });
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
  return api.request<PrivacyNotice>('GET', '/privacy-notice');
}
