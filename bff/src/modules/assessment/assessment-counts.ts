import { csvTable } from '../../platform/csv';
import { assessmentScores, type AssessmentRow } from '@gongzhi/shared';

/**
 * Complaints of one unit that agree on every fact the formulas look at, `count` of them (each
 * complaint is tallied as a group of one when it joins or leaves its unit's month: assessment-tallies.ts).
 */
export interface AssessmentGroup {
  excluded: boolean;
  /** the first-contact deadline was missed (overdue.firstContact) */
  lateContact: boolean;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
  resolved: boolean | null;
  count: number;
}

export type AssessmentCounts = Pick<
  AssessmentRow,
  'assessed' | 'contactedInTime' | 'rated' | 'ratedResolved' | 'satisfied' | 'basicallySatisfied' | 'excluded'
>;

export const emptyCounts = (): AssessmentCounts => ({
  assessed: 0, contactedInTime: 0, rated: 0, ratedResolved: 0, satisfied: 0, basicallySatisfied: 0, excluded: 0,
});

/** Adds a group to a unit's counts. Excluded complaints (appeal upheld) count only as excluded. */
export function tally(counts: AssessmentCounts, g: AssessmentGroup): AssessmentCounts {
  if (g.excluded) return { ...counts, excluded: counts.excluded + g.count };
  const rated = g.satisfaction !== null;
  return {
    ...counts,
    assessed: counts.assessed + g.count,
    contactedInTime: counts.contactedInTime + (g.lateContact ? 0 : g.count),
    rated: counts.rated + (rated ? g.count : 0),
    ratedResolved: counts.ratedResolved + (rated && g.resolved === true ? g.count : 0),
    satisfied: counts.satisfied + (g.satisfaction === 'satisfied' ? g.count : 0),
    basicallySatisfied: counts.basicallySatisfied + (g.satisfaction === 'basically_satisfied' ? g.count : 0),
  };
}

/** Rows for the given units from each unit's counts (a unit without counts gets zeros), rates as in shared/src/complaints.ts, rounded for display. */
export function rowsFromCounts(units: Array<{ id: string; name: string }>, byUnit: Map<string, AssessmentCounts>): AssessmentRow[] {
  return units.map((u) => {
    const counts = byUnit.get(u.id) ?? emptyCounts();
    const s = assessmentScores(counts);
    return {
      unitId: u.id,
      unitName: u.name,
      ...counts,
      responseRate: round(s.responseRate, 4),
      resolutionRate: round(s.resolutionRate, 4),
      satisfactionRate: round(s.satisfactionRate, 4),
      score: round(s.score, 2),
    };
  });
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The table as Excel opens it (platform/csv.ts), with Chinese headers. */
export function assessmentCsv(period: string, rows: AssessmentRow[]): string {
  const header = ['考核期', '单位', '参评件数', '按时联系', '已评价', '评价已解决', '满意', '基本满意', '申诉核减', '响应率', '解决率', '满意率', '综合得分'];
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return csvTable(header, rows.map((r) =>
    [period, r.unitName, r.assessed, r.contactedInTime, r.rated, r.ratedResolved, r.satisfied, r.basicallySatisfied, r.excluded,
      pct(r.responseRate), pct(r.resolutionRate), pct(r.satisfactionRate), r.score.toFixed(2)],
  ));
}
