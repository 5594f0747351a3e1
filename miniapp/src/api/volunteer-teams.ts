import { organisationApi, type AppointLeaderBody, type CreateTeamBody, type RouteOutput, type TeamSummaryView } from '@gongzhi/shared';
import type { z } from 'zod';
import { api } from './index';

/** The teams of a community, leaders shown by volunteer number and masked name (community staff). */
export function listTeams(communityId: string): Promise<RouteOutput<typeof organisationApi.teams>> {
  return api.call(organisationApi.teams, { query: { communityId } });
}

export function createTeam(body: z.input<typeof CreateTeamBody>): Promise<RouteOutput<typeof organisationApi.createTeam>> {
  return api.call(organisationApi.createTeam, { body });
}

export function appointLeader(teamId: string, body: z.input<typeof AppointLeaderBody>): Promise<TeamSummaryView> {
  return api.call(organisationApi.appointLeader, { params: { id: teamId }, body });
}

/**
 * Takes a leader off a team (community staff), named by TeamLeaderView.id (the BFF also takes a
 * volunteer number); answers with the team as it now stands.
 */
export function removeLeader(teamId: string, leaderId: string): Promise<TeamSummaryView> {
  return api.call(organisationApi.removeLeader, { params: { id: teamId, leaderId } });
}

/** The teams the caller leads, with their projects (empty for anyone who leads none). */
export function teamsILead(): Promise<RouteOutput<typeof organisationApi.teamsILead>> {
  return api.call(organisationApi.teamsILead);
}
