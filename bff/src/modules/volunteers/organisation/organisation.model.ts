import { Schema, type Types } from 'mongoose';
import { modelFor } from '../../../platform/database';

/** A volunteer team (志愿服务队) under a community; its leaders may run the shifts of its projects. */
export interface TeamRecord {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  name: string;
  leaderUserIds: Types.ObjectId[];
  createdBy: Types.ObjectId;
  createdAt: Date;
}

/** A service project (志愿服务项目) of a community, optionally run by a team. */
export interface ProjectRecord {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  teamId?: Types.ObjectId;
  title: string;
  description: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
}

const teamSchema = new Schema<TeamRecord>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    leaderUserIds: { type: [Schema.Types.ObjectId], default: [] },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'volunteer_teams', versionKey: false },
);
teamSchema.index({ communityId: 1, createdAt: 1, _id: 1 });
// the teams a leader runs (organiser-access.ts, teamsILead)
teamSchema.index({ leaderUserIds: 1, createdAt: 1, _id: 1 });

const projectSchema = new Schema<ProjectRecord>(
  {
    communityId: { type: Schema.Types.ObjectId, required: true },
    teamId: Schema.Types.ObjectId,
    title: { type: String, required: true },
    description: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'volunteer_projects', versionKey: false },
);
projectSchema.index({ communityId: 1 });
projectSchema.index({ teamId: 1, createdAt: 1, _id: 1 });

export const Teams = modelFor<TeamRecord>('VolunteerTeam', teamSchema);
export const Projects = modelFor<ProjectRecord>('VolunteerProject', projectSchema);
