import type { z } from 'zod';
import type { AppointLeaderBody, CreateTeamBody, LedTeamView, TeamSummaryView, TeamView } from '@gongzhi/shared';
import { api } from './index';

const teamPath = (id: string) => `/volunteer-teams/${encodeURIComponent(id)}`;

/** The teams of a community, leaders shown by volunteer number and masked name (community staff). */
export function listTeams(communityId: string): Promise<{ items: TeamSummaryView[] }> {
  return api.request<{ items: TeamSummaryView[] }>('GET', '/volunteer-teams', { query: { communityId } });
}

export function createTeam(body: z.input<typeof CreateTeamBody>): Promise<z.infer<typeof TeamView>> {
  return api.request<z.infer<typeof TeamView>>('POST', '/volunteer-teams', { body });
}

export function appointLeader(teamId: string, body: z.input<typeof AppointLeaderBody>): Promise<TeamSummaryView> {
  return api.request<TeamSummaryView>('POST', `${teamPath(teamId)}/leaders`, { body });
}

/**
 * Takes a leader off a team (community staff), named by TeamLeaderView.id (the BFF also takes a
 * volunteer number); answers with the team as it now stands.
 */
export function removeLeader(teamId: string, leaderId: string): Promise<TeamSummaryView> {
  return api.request<TeamSummaryView>('DELETE', `${teamPath(teamId)}/leaders/${encodeURIComponent(leaderId)}`);
}

/** The teams the caller leads, with their projects (empty for anyone who leads none). */
export function teamsILead(): Promise<{ items: LedTeamView[] }> {
  return api.request<{ items: LedTeamView[] }>('GET', '/volunteer-teams/mine');
}
