import type { QueryFilter, Types } from 'mongoose';
import type { AssessmentMetric, AssessmentRow, ComplaintSummaryView } from '@gongzhi/shared';
import type { AppDeps } from '../../platform/deps';
import { listFilters, pageComplaints } from '../complaints/complaint-queries';
import { pageQuery } from '../complaints/complaint-pages';
import type { ComplaintRecord } from '../complaints/complaint.model';
import { Units } from '../reference/reference.model';
import { assessmentCsv, emptyCounts, rowsFromCounts, type AssessmentCounts } from './assessment-counts';
import { AssessmentTallies, tallyKey } from './assessment-tallies';

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
 * The counts are tallies kept as each complaint changes (assessment-tallies.ts), so a month's table
 * reads one document per unit however many complaints it has; the drill-down pages through the
 * same complaints by an index on (period, unit, state).
 */

const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
const counted = { 'assessment.excluded': { $ne: true } };
/** Which of a unit's assessed complaints each figure counts (as assessment-counts.ts tallies them). */
const METRICS: Record<AssessmentMetric, QueryFilter<ComplaintRecord>> = {
  assessed: counted,
  contacted_in_time: { ...counted, 'overdue.firstContact': { $ne: true } },
  rated: { ...counted, 'rating.satisfaction': { $in: SATISFACTIONS } },
  rated_resolved: { ...counted, 'rating.satisfaction': { $in: SATISFACTIONS }, 'rating.resolved': true },
  satisfied: { ...counted, 'rating.satisfaction': 'satisfied' },
  basically_satisfied: { ...counted, 'rating.satisfaction': 'basically_satisfied' },
  excluded: { 'assessment.excluded': true },
};

export function createAssessmentService({ conn }: Pick<AppDeps, 'conn'>) {
  const units = Units(conn);

  /** One row per unit (every unit, or only `unitIds`), zero rows included so a quiet unit still appears. */
  async function assessPeriod(period: string, unitIds?: Types.ObjectId[]): Promise<AssessmentRow[]> {
    const unitFilter = unitIds ? { _id: { $in: unitIds } } : {};
    const unitList = await units.find(unitFilter, { name: 1 }).sort({ _id: 1 }).lean();
    const tallies = await AssessmentTallies(conn)
      .find({ _id: { $in: unitList.map((u) => tallyKey(period, u._id)) } }, { applied: 0 })
      .lean();
    const byUnit = new Map<string, AssessmentCounts>();
    for (const t of tallies) {
      const counts = emptyCounts();
      for (const name of Object.keys(counts) as Array<keyof AssessmentCounts>) counts[name] = t[name] ?? 0;
      byUnit.set(t.unitId.toString(), counts);
    }
    return rowsFromCounts(unitList.map((u) => ({ id: u._id.toString(), name: u.name })), byUnit);
  }

  /** The complaints behind one number of one unit's row, newest first, by cursor. */
  async function complaintsBehind(q: { period: string; unitId: Types.ObjectId; metric: AssessmentMetric; cursor?: string; limit: number }): Promise<{ items: ComplaintSummaryView[]; nextCursor: string | null }> {
    return pageComplaints(conn, listFilters.assessment(q.period, q.unitId, METRICS[q.metric]), pageQuery(q));
  }

  async function assessmentCsvOf(period: string): Promise<string> {
    return assessmentCsv(period, await assessPeriod(period));
  }

  return { assessPeriod, complaintsBehind, assessmentCsvOf };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
