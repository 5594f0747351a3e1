import { budgetingApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { BudgetingService } from './budgeting.service';

/** 民生微实事 budgeting rounds (issue 12). `managed` is mounted before `detail`: /budget-rounds/managed is no round id. */
export function budgetingRoutes(guards: Guards, budgeting: BudgetingService): ApiRouter {
  return new ApiRouter(guards)
    .mount(budgetingApi.managed, (ctx) => budgeting.managedRounds(ctx.state.user!))
    .mount(budgetingApi.open, (ctx) => budgeting.openRounds(ctx.state.user!))
    .mount(budgetingApi.create, (ctx, { body }) => budgeting.createRound(ctx.state.user!, body))
    .mount(budgetingApi.update, (ctx, { params, body }) => budgeting.updateRound(ctx.state.user!, params.id, body))
    .mount(budgetingApi.publish, (ctx, { params }) => budgeting.publishRound(ctx.state.user!, params.id))
    .mount(budgetingApi.close, (ctx, { params }) => budgeting.closeRound(ctx.state.user!, params.id))
    .mount(budgetingApi.detail, (ctx, { params }) => budgeting.roundDetail(ctx.state.user!, params.id))
    .mount(budgetingApi.vote, (ctx, { params, body }) => budgeting.vote(ctx.state.user!, params.id, body))
    .mount(budgetingApi.ballotsCsv, async (ctx, { params }) => {
      const csv = await budgeting.ballotsCsv(ctx.state.user!, params.id);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`budget-round-${params.id}-ballots.csv`);
      return csv;
    });
}
