import type { CategoryView } from '@gongzhi/shared';
import { api } from './index';

/** Active categories of both levels; the picker builds the tree from `parentId`. */
export async function listCategories(): Promise<CategoryView[]> {
  const result = await api.request<{ items: CategoryView[] } | CategoryView[]>('GET', '/categories');
  return Array.isArray(result) ? result : result.items;
}
