import { staffComplaintsApi, type ComplaintView, type QueueFilter, type RouteContract, type RouteInput, type RouteOutput, type TaskFilter } from '@gongzhi/shared';
import type { z } from 'zod';
import { api } from './index';

export type QueueFilterValue = z.infer<typeof QueueFilter>;
export type TaskFilterValue = z.infer<typeof TaskFilter>;

/** The dispatch centre's queue. */
export function listQueue(filter: QueueFilterValue, cursor?: string): Promise<RouteOutput<typeof staffComplaintsApi.queue>> {
  return api.call(staffComplaintsApi.queue, { query: { filter, cursor } });
}

/** The unit's (or community's) own tasks. */
export function listTasks(filter: TaskFilterValue, cursor?: string): Promise<RouteOutput<typeof staffComplaintsApi.tasks>> {
  return api.call(staffComplaintsApi.tasks, { query: { filter, cursor } });
}

export function getStaffComplaint(id: string): Promise<ComplaintView> {
  return api.call(staffComplaintsApi.detail, { params: { id } });
}

type Action = RouteContract & { params: z.ZodType<{ id: string }>; body: z.ZodType };

function act<C extends Action>(route: C) {
  return (id: string, body: NonNullable<RouteInput<C>['body']>): Promise<RouteOutput<C>> =>
    (api.call as (r: RouteContract, input: unknown) => Promise<RouteOutput<C>>)(route, { params: { id }, body });
}

// One function per staff action, named as the product says it.
export const acceptComplaint = act(staffComplaintsApi.accept);
export const rejectComplaint = act(staffComplaintsApi.reject);
export const dispatchComplaint = act(staffComplaintsApi.dispatch);
export const superviseComplaint = act(staffComplaintsApi.supervise);
export const recordPhoneCallback = act(staffComplaintsApi.phoneCallback);
export const ruleOnAppeal = act(staffComplaintsApi.appealRuling);
export const signForTask = act(staffComplaintsApi.sign);
export const returnTask = act(staffComplaintsApi.return);
export const recordContact = act(staffComplaintsApi.contact);
export const resolveTask = act(staffComplaintsApi.resolve);
export const appealTask = act(staffComplaintsApi.appeal);
