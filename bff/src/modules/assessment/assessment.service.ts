import type { Types } from 'mongoose';
import type { AssessmentRow, ComplaintSummaryView } from '@gongzhi/shared';
import type { AppDeps } from '../../platform/deps';
import { listTotals } from '../../platform/list-view';
import { listKeys, readComplaintPage, type ComplaintListPayload } from '../complaints/complaint-lists';
import { pageQuery, summaries } from '../complaints/complaint-pages';
import { Units } from '../reference/reference.model';
import { assessmentCsv, emptyCounts, rowsFromCounts, type AssessmentCounts } from './assessment-counts';

/**
 * The monthly assessment (综合评价考核), PRODUCT.md's formulas in shared/src/complaints.ts.
 *
 * Which complaints period P assesses for unit U: those whose current round was closed by a
 * resolution in P — `assessment.period === P` (the China Standard Time month of the latest
 * resolution, stamped by the resolve transition) and `unitId === U` (the unit that resolved it) —
 * and that are resolved, rated or closed now. So:
 * - rejected complaints are never assessed (they have no period);
 * - a complaint sent back for redo leaves the month it was resolved in, and is assessed in the
 *   month of its next resolution, with its rating then;
 * - a complaint resolved but not yet rated counts as assessed (response rate) but not as rated;
 * - "contacted in time" = the first-contact deadline was not missed (`overdue.firstContact` false:
 *   the deadline sweep sets it when the deadline passes without contact);
 * - an appeal upheld by the dispatch centre (`assessment.excluded`) takes the complaint out of
 *   every figure; it is reported only in `excluded`.
 * These complaints are the list `complaints:assess:<P>:<U>` (complaint-lists.ts), kept as each
 * complaint changes; its head carries the counts per bucket, so a month's table reads one document
 * per unit however many complaints it has, and the drill-down pages through the same list.
 */
export const ASSESSMENT_METRICS = ['assessed', 'contacted_in_time', 'rated', 'rated_resolved', 'satisfied', 'basically_satisfied', 'excluded'] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

type Facts = NonNullable<ComplaintListPayload['a']>;
const METRICS: Record<AssessmentMetric, (a: Facts) => boolean> = {
  assessed: (a) => !a.x,
  contacted_in_time: (a) => !a.x && !a.late,
  rated: (a) => !a.x && a.s !== null,
  rated_resolved: (a) => !a.x && a.s !== null && a.r === true,
  satisfied: (a) => !a.x && a.s === 'satisfied',
  basically_satisfied: (a) => !a.x && a.s === 'basically_satisfied',
  excluded: (a) => a.x,
};

export function createAssessmentService({ conn }: Pick<AppDeps, 'conn'>) {
  const units = Units(conn);

  /** One row per unit (every unit, or only `unitIds`), zero rows included so a quiet unit still appears. */
  async function assessPeriod(period: string, unitIds?: Types.ObjectId[]): Promise<AssessmentRow[]> {
    const unitFilter = unitIds ? { _id: { $in: unitIds } } : {};
    const unitList = await units.find(unitFilter, { name: 1 }).sort({ _id: 1 }).lean();
    const byUnit = new Map<string, AssessmentCounts>();
    await Promise.all(
      unitList.map(async (u) => {
        const totals = await listTotals(conn, listKeys.assessment(period, u._id));
        byUnit.set(u._id.toString(), { ...emptyCounts(), ...totals });
      }),
    );
    return rowsFromCounts(unitList.map((u) => ({ id: u._id.toString(), name: u.name })), byUnit);
  }

  /** The complaints behind one number of one unit's row, newest first, by cursor. */
  async function complaintsBehind(q: { period: string; unitId: Types.ObjectId; metric: AssessmentMetric; cursor?: string; limit: number }): Promise<{ items: ComplaintSummaryView[]; nextCursor: string | null }> {
    const counts = METRICS[q.metric];
    const page = await readComplaintPage(conn, [listKeys.assessment(q.period, q.unitId)], pageQuery(q), (p) => Boolean(p.a && counts(p.a)));
    return summaries(page);
  }

  async function assessmentCsvOf(period: string): Promise<string> {
    return assessmentCsv(period, await assessPeriod(period));
  }

  return { assessPeriod, complaintsBehind, assessmentCsvOf };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
