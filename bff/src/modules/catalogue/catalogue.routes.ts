import { z } from 'zod';
import { CategoryBody, CategoryView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { CatalogueService } from './catalogue.service';
import { CategoryAdminView } from './category-view';

export function catalogueRoutes(guards: Guards, catalogue: CatalogueService): ApiRouter[] {
  const publicRoutes = new ApiRouter('/api/v1').route(
    {
      method: 'get',
      path: '/categories',
      summary: '诉求类别（两级，含准入说明）',
      response: z.object({ items: z.array(CategoryView) }),
      guard: guards.requireUser,
    },
    () => catalogue.listActiveCategories(),
  );
  const admin = guards.requireRole('admin');
  const adminRoutes = new ApiRouter('/api/v1/admin')
    .route(
      { method: 'get', path: '/categories', summary: '全部诉求类别，含停用（管理员）', response: z.object({ items: z.array(CategoryAdminView) }), guard: admin },
      () => catalogue.listAllCategories(),
    )
    .route(
      { method: 'post', path: '/categories', summary: '新增诉求类别（管理员）', body: CategoryBody, response: CategoryAdminView, status: 201, guard: admin },
      (ctx, { body }) => catalogue.createCategory(ctx.state.user!, body, ctx.state.requestId),
    )
    .route(
      { method: 'put', path: '/categories/:id', summary: '修改诉求类别（管理员）', body: CategoryBody, response: CategoryAdminView, guard: admin },
      (ctx, { body }) => catalogue.updateCategory(ctx.state.user!, ctx.params?.id ?? '', body, ctx.state.requestId),
    );
  return [publicRoutes, adminRoutes];
}
