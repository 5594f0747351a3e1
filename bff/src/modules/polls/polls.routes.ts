import { pollsApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { PollService } from './polls.service';

/** Opinion polls (issue 12). `managed` is mounted before `detail`: /polls/managed is no poll id. */
export function pollRoutes(guards: Guards, polls: PollService): ApiRouter {
  return new ApiRouter(guards)
    .mount(pollsApi.managed, (ctx) => polls.managedPolls(ctx.state.user!))
    .mount(pollsApi.open, (ctx) => polls.openPolls(ctx.state.user!))
    .mount(pollsApi.create, (ctx, { body }) => polls.createPoll(ctx.state.user!, body))
    .mount(pollsApi.update, (ctx, { params, body }) => polls.updatePoll(ctx.state.user!, params.id, body))
    .mount(pollsApi.publish, (ctx, { params }) => polls.publishPoll(ctx.state.user!, params.id))
    .mount(pollsApi.close, (ctx, { params }) => polls.closePoll(ctx.state.user!, params.id))
    .mount(pollsApi.detail, (ctx, { params }) => polls.pollDetail(ctx.state.user!, params.id))
    .mount(pollsApi.answer, (ctx, { params, body }) => polls.answerPoll(ctx.state.user!, params.id, body))
    .mount(pollsApi.results, (ctx, { params }) => polls.pollResults(ctx.state.user!, params.id))
    .mount(pollsApi.ballotsCsv, async (ctx, { params }) => {
      const csv = await polls.ballotsCsv(ctx.state.user!, params.id);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`poll-${params.id}-ballots.csv`);
      return csv;
    })
    .mount(pollsApi.resultsCsv, async (ctx, { params }) => {
      const csv = await polls.resultsCsv(ctx.state.user!, params.id);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`poll-${params.id}-results.csv`);
      return csv;
    })
    .mount(pollsApi.texts, (ctx, { params, query }) => polls.pollTexts(ctx.state.user!, params.id, query.question, query.offset))
    .mount(pollsApi.publishTexts, (ctx, { params, body }) => polls.publishTexts(ctx.state.user!, params.id, body));
}
