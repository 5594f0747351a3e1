import { Types, isValidObjectId } from 'mongoose';
import type { AssessmentRow, ComplaintState, ComplaintSummaryView } from '@gongzhi/shared';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { Complaints, type ComplaintRecord } from '../complaints/complaint.model';
import { toSummaryView } from '../complaints/complaint-view';
import { Units } from '../reference/reference.model';
import { assessmentCsv, assessmentRows, type AssessmentGroup } from './assessment-counts';

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
 * The aggregation uses $match, $group and $sum only (ARCHITECTURE.md), over the index
 * {'assessment.period': 1, unitId: 1}.
 */
export const ASSESSED_STATES: readonly ComplaintState[] = ['resolved', 'rated', 'closed'];

export const ASSESSMENT_METRICS = ['assessed', 'contacted_in_time', 'rated', 'rated_resolved', 'satisfied', 'basically_satisfied', 'excluded'] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

const RATED = { 'rating.satisfaction': { $in: ['satisfied', 'basically_satisfied', 'unsatisfied'] } };
const METRIC_FILTERS: Record<AssessmentMetric, Record<string, unknown>> = {
  assessed: { 'assessment.excluded': false },
  contacted_in_time: { 'assessment.excluded': false, 'overdue.firstContact': false },
  rated: { 'assessment.excluded': false, ...RATED },
  rated_resolved: { 'assessment.excluded': false, ...RATED, 'rating.resolved': true },
  satisfied: { 'assessment.excluded': false, 'rating.satisfaction': 'satisfied' },
  basically_satisfied: { 'assessment.excluded': false, 'rating.satisfaction': 'basically_satisfied' },
  excluded: { 'assessment.excluded': true },
};

export function createAssessmentService({ conn }: Pick<AppDeps, 'conn'>) {
  const complaints = Complaints(conn);
  const units = Units(conn);

  /** One row per unit (every unit, or only `unitIds`), zero rows included so a quiet unit still appears. */
  async function assessPeriod(period: string, unitIds?: Types.ObjectId[]): Promise<AssessmentRow[]> {
    const unitFilter = unitIds ? { _id: { $in: unitIds } } : {};
    const unitList = await units.find(unitFilter, { name: 1 }).sort({ _id: 1 }).lean();
    const match: Record<string, unknown> = { 'assessment.period': period, state: { $in: ASSESSED_STATES } };
    if (unitIds) match.unitId = { $in: unitIds };
    const raw = await complaints.collection
      .aggregate<{ _id: { u?: Types.ObjectId; x?: boolean; late?: boolean; s?: string | null; r?: boolean | null }; n: number }>([
        { $match: match },
        {
          $group: {
            _id: { u: '$unitId', x: '$assessment.excluded', late: '$overdue.firstContact', s: '$rating.satisfaction', r: '$rating.resolved' },
            n: { $sum: 1 },
          },
        },
      ])
      .toArray();
    const groups: AssessmentGroup[] = raw
      .filter((g) => g._id.u)
      .map((g) => ({
        unitId: g._id.u!.toString(),
        excluded: g._id.x === true,
        lateContact: g._id.late === true,
        satisfaction: (g._id.s ?? null) as AssessmentGroup['satisfaction'],
        resolved: g._id.r ?? null,
        count: g.n,
      }));
    return assessmentRows(unitList.map((u) => ({ id: u._id.toString(), name: u.name })), groups);
  }

  /** The complaints behind one number of one unit's row, newest first, by cursor. */
  async function complaintsBehind(q: { period: string; unitId: Types.ObjectId; metric: AssessmentMetric; cursor?: string; limit: number }) {
    if (q.cursor !== undefined && !isValidObjectId(q.cursor)) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'query.cursor', message: '分页游标无效' }]);
    }
    const filter: Record<string, unknown> = {
      'assessment.period': q.period,
      unitId: q.unitId,
      state: { $in: ASSESSED_STATES },
      ...METRIC_FILTERS[q.metric],
      ...(q.cursor ? { _id: { $lt: new Types.ObjectId(q.cursor) } } : {}),
    };
    const rows = (await complaints.find(filter).sort({ _id: -1 }).limit(q.limit + 1).lean()) as ComplaintRecord[];
    const page = rows.slice(0, q.limit);
    const items: ComplaintSummaryView[] = page.map(toSummaryView);
    return { items, nextCursor: rows.length > q.limit ? page[page.length - 1]!._id.toString() : null };
  }

  async function assessmentCsvOf(period: string): Promise<string> {
    return assessmentCsv(period, await assessPeriod(period));
  }

  return { assessPeriod, complaintsBehind, assessmentCsvOf };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
