import { catalogueApi, type CategoryView } from '@gongzhi/shared';
import { api } from './index';

/** Active categories of both levels; the picker builds the tree from `parentId`. */
export async function listCategories(): Promise<CategoryView[]> {
  return (await api.call(catalogueApi.categories)).items;
}
