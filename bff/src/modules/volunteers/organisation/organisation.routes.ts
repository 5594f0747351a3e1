import { organisationApi as api } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { createOrganisationService } from './organisation.service';

/** Teams, their leaders, projects and publishing shifts. */
export function organisationRoutes(guards: Guards, organisation: ReturnType<typeof createOrganisationService>): ApiRouter {
  return new ApiRouter(guards)
    .mount(api.createTeam, (ctx, { body }) => organisation.createTeam(ctx.state.user!, body))
    .mount(api.teams, (ctx, { query }) => organisation.listTeams(ctx.state.user!, query.communityId))
    .mount(api.teamsILead, (ctx) => organisation.teamsILead(ctx.state.user!))
    .mount(api.appointLeader, (ctx, { params, body }) => organisation.appointLeader(ctx.state.user!, params.id, body, ctx.state.requestId))
    .mount(api.removeLeader, (ctx, { params }) => organisation.removeLeader(ctx.state.user!, params.id, params.leaderId, ctx.state.requestId))
    .mount(api.createProject, (ctx, { body }) => organisation.createProject(ctx.state.user!, body))
    .mount(api.publishShift, (ctx, { params, body }) => organisation.createShift(ctx.state.user!, params.id, body));
}
