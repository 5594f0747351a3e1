import { randomUUID } from 'node:crypto';
import { COMPLAINT_STATE_LABELS, CreateComplaintBody, type Open311CreateBody, type Open311Request, type Open311RequestsQuery, type Open311Service } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { now } from '../../platform/clock';
import type { AppDeps } from '../../platform/deps';
import { AppError } from '../../platform/errors';
import { parseInput } from '../../platform/validation';
import { Categories, type CategoryRecord } from '../catalogue/category.model';
import { Complaints, type ComplaintRecord } from '../complaints/complaint.model';
import type { ComplaintServices } from '../complaints/complaint-services';
import type { UserRecord } from '../identity/user.model';
import { statesFor, toRequest, toServices } from './open311-views';

const DAY_MS = 86_400_000;
/** GeoReport v2: without dates, the last 90 days; never more than 1000 requests in one answer. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

/**
 * Open311 GeoReport v2 over the complaints the residents file in the mini-program: the same
 * records and, for filing, the same intake story (admission, content check, idempotency).
 */
export function createOpen311Service(deps: AppDeps, complaints: Pick<ComplaintServices, 'intake'>) {
  const categoryModel = Categories(deps.conn);
  const complaintModel = Complaints(deps.conn);

  const allCategories = () => categoryModel.find({}, { code: 1, name: 1, parentId: 1, active: 1, admission: 1, urgency: 1 }).sort({ _id: 1 }).lean<CategoryRecord[]>();

  async function listServices(): Promise<Open311Service[]> {
    return toServices(await allCategories());
  }

  /** A code the services list offers (active leaf category under an active group); anything else is a 400, as GeoReport v2 asks. */
  async function activeServiceCode(code: string): Promise<CategoryRecord> {
    const categories = await allCategories();
    if (!toServices(categories).some((s) => s.service_code === code)) {
      throw new AppError('VALIDATION_FAILED', 400, [{ path: 'service_code', message: `未知的服务代码 ${code.slice(0, 40)}` }]);
    }
    return categories.find((c) => c.code === code)!;
  }

  /**
   * Newest first. The date window is an _id range (an ObjectId starts with its creation second),
   * so the default _id index serves it on MongoDB without a createdAt index of its own; a list of
   * ids goes through the unique index on `number`.
   */
  async function listRequests(q: Open311RequestsQuery): Promise<Open311Request[]> {
    const categories = await allCategories();
    const filter: Record<string, unknown> = {};
    if (q.service_request_id?.length) {
      // GeoReport v2: a list of ids overrides every other argument.
      filter.number = { $in: q.service_request_id.slice(0, MAX_REQUESTS) };
    } else {
      const end = q.end_date ?? now();
      const start = q.start_date ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
      if (start > end) throw new AppError('VALIDATION_FAILED', 400, [{ path: 'start_date', message: 'start_date 晚于 end_date' }]);
      filter._id = { $gte: objectIdAt(start, '0'), $lte: objectIdAt(end, 'f') };
      if (q.service_code) filter.categoryId = (await activeServiceCode(q.service_code))._id;
      if (q.status) filter.state = statesFor(q.status);
    }
    const rows = await complaintModel.find(filter, { outbox: 0 }).sort({ _id: -1 }).limit(MAX_REQUESTS).lean<ComplaintRecord[]>();
    const codeOf = codes(categories);
    return rows.map((c) => toRequest(c, codeOf));
  }

  async function getRequest(number: string): Promise<Open311Request[]> {
    const found = await complaintModel.findOne({ number }, { outbox: 0 }).lean<ComplaintRecord>();
    if (!found) throw new AppError('COMPLAINT_NOT_FOUND', 404);
    return [toRequest(found, codes(await allCategories()))];
  }

  /** Filing through the resident's own intake: their community, the contract's body, a key per call unless the client sends one. */
  async function createRequest(
    user: UserRecord,
    input: Open311CreateBody,
    idempotencyKey: string | undefined,
  ): Promise<Array<{ service_request_id: string; service_notice: string; account_id: null }>> {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const category = await activeServiceCode(input.service_code);
    const body = parseInput(
      CreateComplaintBody,
      {
        categoryId: category._id.toString(),
        communityId: user.realName.communityId.toString(),
        description: input.description,
        location: {
          point: { lat: input.lat, lng: input.long },
          address: input.address_string ?? `坐标 ${input.lat.toFixed(6)}, ${input.long.toFixed(6)}`,
        },
      },
      'body',
    );
    const { complaint } = await complaints.intake.fileComplaint(user, body, idempotencyKey ?? `open311-${randomUUID()}`);
    const referral = complaint.state === 'rejected' ? complaint.timeline.filter((e) => e.public && e.note).pop()?.note : undefined;
    return [
      {
        service_request_id: complaint.number,
        service_notice: [COMPLAINT_STATE_LABELS[complaint.state], referral].filter(Boolean).join('：'),
        account_id: null,
      },
    ];
  }

  return { listServices, listRequests, getRequest, createRequest };
}

export type Open311Api = ReturnType<typeof createOpen311Service>;

function codes(categories: CategoryRecord[]): (id: Types.ObjectId) => string | null {
  const byId = new Map(categories.map((c) => [c._id.toString(), c.code]));
  return (id) => byId.get(id.toString()) ?? null;
}

/** The smallest ('0') or largest ('f') ObjectId created within the given second. */
function objectIdAt(at: Date, fill: '0' | 'f'): Types.ObjectId {
  const seconds = Math.min(Math.max(Math.floor(at.getTime() / 1000), 0), 0xffffffff);
  return new Types.ObjectId(seconds.toString(16).padStart(8, '0') + fill.repeat(16));
}
