import { Types } from 'mongoose';
import { assessmentApi } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { AppContext } from '../../platform/context';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { actorUnitIds, staffActor } from '../complaints/complaint-access';
import type { Guards } from '../identity/guards';
import type { AssessmentService } from './assessment.service';

export function assessmentRoutes({ conn }: AppDeps, guards: Guards, service: AssessmentService): ApiRouter {
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

  return new ApiRouter(guards)
    .mount(assessmentApi.table, async (ctx, { query }) => ({
      items: await service.assessPeriod(query.period, narrowTo(await readableUnits(ctx), query.unitId)),
    }))
    .mount(assessmentApi.complaintsBehind, async (ctx, { query }) => {
      narrowTo(await readableUnits(ctx), query.unitId);
      return service.complaintsBehind({ ...query, unitId: new Types.ObjectId(query.unitId) });
    })
    .mount(assessmentApi.csv, async (ctx, { query }) => {
      const csv = await service.assessmentCsvOf(query.period);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.attachment(`assessment-${query.period}.csv`);
      return csv;
    });
}
