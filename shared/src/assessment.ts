import { z } from 'zod';
import { ObjectIdString } from './identity';

/** The monthly assessment of handling units (考核), PRODUCT.md §2: counts, rates and the weighted score. */
/** Beijing 接诉即办 practice, weights as commonly reported (PRODUCT.md). */
export const ASSESSMENT_WEIGHTS = { response: 0.1, resolution: 0.45, satisfaction: 0.45 } as const;
export const BASICALLY_SATISFIED_WEIGHT = 0.8;

/** The numbers of the table a staff member can open to see the complaints behind them. */
export const ASSESSMENT_METRICS = ['assessed', 'contacted_in_time', 'rated', 'rated_resolved', 'satisfied', 'basically_satisfied', 'excluded'] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

export const AssessmentQuery = z.strictObject({
  /** YYYY-MM, calendar month in China Standard Time */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  unitId: ObjectIdString.optional(),
});

export const AssessmentRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  assessed: z.number(),
  contactedInTime: z.number(),
  rated: z.number(),
  ratedResolved: z.number(),
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  excluded: z.number(),
  responseRate: z.number(),
  resolutionRate: z.number(),
  satisfactionRate: z.number(),
  score: z.number(),
});
export type AssessmentRow = z.infer<typeof AssessmentRow>;

/** Rates as PRODUCT.md defines them; 0 ÷ 0 is reported as 0, with the counts beside it. */
export function assessmentScores(c: {
  assessed: number;
  contactedInTime: number;
  rated: number;
  ratedResolved: number;
  satisfied: number;
  basicallySatisfied: number;
}): { responseRate: number; resolutionRate: number; satisfactionRate: number; score: number } {
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const responseRate = ratio(c.contactedInTime, c.assessed);
  const resolutionRate = ratio(c.ratedResolved, c.rated);
  const satisfactionRate = ratio(c.satisfied + BASICALLY_SATISFIED_WEIGHT * c.basicallySatisfied, c.rated);
  const score =
    100 *
    (ASSESSMENT_WEIGHTS.response * responseRate +
      ASSESSMENT_WEIGHTS.resolution * resolutionRate +
      ASSESSMENT_WEIGHTS.satisfaction * satisfactionRate);
  return { responseRate, resolutionRate, satisfactionRate, score };
}
