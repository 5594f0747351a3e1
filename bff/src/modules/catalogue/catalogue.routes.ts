import { catalogueApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { CatalogueService } from './catalogue.service';

export function catalogueRoutes(guards: Guards, catalogue: CatalogueService): ApiRouter {
  return new ApiRouter(guards)
    .mount(catalogueApi.categories, () => catalogue.listActiveCategories())
    .mount(catalogueApi.allCategories, () => catalogue.listAllCategories())
    .mount(catalogueApi.createCategory, (ctx, { body }) => catalogue.createCategory(ctx.state.user!, body, ctx.state.requestId))
    .mount(catalogueApi.updateCategory, (ctx, { params, body }) => catalogue.updateCategory(ctx.state.user!, params.id, body, ctx.state.requestId));
}
