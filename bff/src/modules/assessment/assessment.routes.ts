import { Types } from 'mongoose';
import { z } from 'zod';
import { AssessmentQuery, AssessmentRow, ComplaintSummaryView, ObjectIdString } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext } from '../../platform/context';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { actorUnitIds, staffActor } from '../complaints/complaint-access';
import type { Guards } from '../identity/guards';
import { ASSESSMENT_METRICS, type AssessmentService } from './assessment.service';

const DrillDownQuery = z.strictObject({
  period: AssessmentQuery.shape.period,
  unitId: ObjectIdString,
  metric: z.enum(ASSESSMENT_METRICS),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const CsvQuery = z.strictObject({ period: AssessmentQuery.shape.period });

export function assessmentRoutes({ conn }: AppDeps, guards: Guards, service: AssessmentService): ApiRouter {
  const anyStaff = guards.requireRole('dispatcher', 'admin', 'unit_staff', 'community_staff');

  /** The units whose rows the caller may read: all (null) for the street, else their own. */
  async function readableUnits(ctx: AppContext): Promise<Types.ObjectId[] | null> {
    const actor = await staffActor(conn, ctx.state.user!, 'any');
    if (actor.role === 'dispatcher' || actor.role === 'admin') return null;
    return actorUnitIds(actor);
  }

  function narrowTo(readable: Types.ObjectId[] | null, unitId: string | undefined): Types.ObjectId[] | undefined {
    if (!unitId) return readable ?? undefined;
    if (readable && !readable.some((u) => u.equals(unitId))) throw new AppError('FORBIDDEN', 403);
    return [new Types.ObjectId(unitId)];
  }

  return new ApiRouter('/api/v1/staff')
    .route(
      { method: 'get', path: '/assessment', summary: '考核表（按单位）', query: AssessmentQuery, response: z.object({ items: z.array(AssessmentRow) }), guard: anyStaff },
      async (ctx, { query }) => ({ items: await service.assessPeriod(query.period, narrowTo(await readableUnits(ctx), query.unitId)) }),
    )
    .route(
      {
        method: 'get',
        path: '/assessment/complaints',
        summary: '考核明细（某项指标背后的诉求）',
        query: DrillDownQuery,
        response: z.object({ items: z.array(ComplaintSummaryView), nextCursor: z.string().nullable() }),
        guard: anyStaff,
      },
      async (ctx, { query }) => {
        narrowTo(await readableUnits(ctx), query.unitId);
        return service.complaintsBehind({ ...query, unitId: new Types.ObjectId(query.unitId) });
      },
    )
    .route(
      { method: 'get', path: '/assessment.csv', summary: '导出考核表（CSV，Excel 可直接打开）', query: CsvQuery, guard: guards.requireRole('dispatcher', 'admin') },
      async (ctx, { query }) => {
        const csv = await service.assessmentCsvOf(query.period);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.attachment(`assessment-${query.period}.csv`);
        return csv;
      },
    );
}
