import type { AssessmentRow, ComplaintSummaryView } from '@gongzhi/shared';
import { api } from './index';
import type { Page } from './reference';

export type AssessmentMetric =
  | 'assessed'
  | 'contacted_in_time'
  | 'rated'
  | 'rated_resolved'
  | 'satisfied'
  | 'basically_satisfied'
  | 'excluded';

export async function getAssessment(period: string, unitId?: string): Promise<AssessmentRow[]> {
  const result = await api.request<{ items: AssessmentRow[] }>('GET', '/staff/assessment', { query: { period, unitId } });
  return result.items;
}

/** The complaints behind one number of the table. */
export function listAssessedComplaints(query: {
  period: string;
  unitId: string;
  metric: AssessmentMetric;
  cursor?: string;
}): Promise<Page<ComplaintSummaryView>> {
  return api.request<Page<ComplaintSummaryView>>('GET', '/staff/assessment/complaints', { query });
}
