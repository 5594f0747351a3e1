import { assessmentApi, type AssessmentMetric, type AssessmentRow, type RouteInput, type RouteOutput } from '@gongzhi/shared';
import { api } from './index';

export type { AssessmentMetric };

export async function getAssessment(period: string, unitId?: string): Promise<AssessmentRow[]> {
  return (await api.call(assessmentApi.table, { query: { period, unitId } })).items;
}

/** The complaints behind one number of the table. */
export function listAssessedComplaints(
  query: NonNullable<RouteInput<typeof assessmentApi.complaintsBehind>['query']>,
): Promise<RouteOutput<typeof assessmentApi.complaintsBehind>> {
  return api.call(assessmentApi.complaintsBehind, { query });
}
