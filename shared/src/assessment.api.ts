import { z } from 'zod';
import { ASSESSMENT_METRICS, AssessmentQuery, AssessmentRow } from './assessment';
import { ANY_STAFF } from './complaints.api';
import { ComplaintSummaryView } from './complaints';
import { defineRoute } from './contract';
import { ObjectIdString } from './identity';
import { pageOf } from './reference';

const DrillDownQuery = z.strictObject({
  period: AssessmentQuery.shape.period,
  unitId: ObjectIdString,
  metric: z.enum(ASSESSMENT_METRICS),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** The monthly assessment (考核): the street sees every unit, a unit or community only its own row. */
export const assessmentApi = {
  table: defineRoute({
    method: 'GET', path: '/staff/assessment', summary: '考核表（按单位）', access: ANY_STAFF, query: AssessmentQuery, response: z.object({ items: z.array(AssessmentRow) }),
  }),
  complaintsBehind: defineRoute({
    method: 'GET', path: '/staff/assessment/complaints', summary: '考核明细（某项指标背后的诉求）', access: ANY_STAFF,
    query: DrillDownQuery, response: pageOf(ComplaintSummaryView),
  }),
  csv: defineRoute({
    method: 'GET', path: '/staff/assessment.csv', summary: '导出考核表（CSV，Excel 可直接打开）', access: ['dispatcher', 'admin'],
    query: z.strictObject({ period: AssessmentQuery.shape.period }), raw: 'csv',
  }),
};
