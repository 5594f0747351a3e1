import { z } from 'zod';
import { defineRoute } from './contract';
import { IdParams } from './route-params';
import { CategoryBody, CategoryView } from './catalogue';

/** What the admin edits: the public view plus the handling units. */
export const CategoryAdminView = CategoryView.extend({
  defaultUnitId: z.string().nullable(),
  unitByCommunity: z.array(z.object({ communityId: z.string(), unitId: z.string() })),
});
export type CategoryAdminView = z.infer<typeof CategoryAdminView>;

export const catalogueApi = {
  categories: defineRoute({
    method: 'GET', path: '/categories', summary: '诉求类别（两级，含准入说明）', access: 'user', response: z.object({ items: z.array(CategoryView) }),
  }),
  allCategories: defineRoute({
    method: 'GET', path: '/admin/categories', summary: '全部诉求类别，含停用（管理员）', access: ['admin'], response: z.object({ items: z.array(CategoryAdminView) }),
  }),
  createCategory: defineRoute({
    method: 'POST', path: '/admin/categories', summary: '新增诉求类别（管理员）', access: ['admin'], body: CategoryBody, response: CategoryAdminView, status: 201,
  }),
  updateCategory: defineRoute({
    method: 'PUT', path: '/admin/categories/:id', summary: '修改诉求类别（管理员）', access: ['admin'],
    params: IdParams, notFound: 'CATEGORY_NOT_FOUND', body: CategoryBody, response: CategoryAdminView,
  }),
};
