import type { ComplaintSummaryView, ComplaintView } from '@gongzhi/shared';
import type { z } from 'zod';
import type {
  AppealBody,
  AppealRulingBody,
  ContactBody,
  DispatchBody,
  NoteBody,
  PhoneCallbackBody,
  QueueFilter,
  ReasonBody,
  RejectBody,
  ResolveBody,
  TaskFilter,
} from '@gongzhi/shared';
import { api } from './index';
import type { Page } from './reference';

export type QueueFilterValue = z.infer<typeof QueueFilter>;
export type TaskFilterValue = z.infer<typeof TaskFilter>;

/** The dispatch centre's queue. */
export function listQueue(filter: QueueFilterValue, cursor?: string): Promise<Page<ComplaintSummaryView>> {
  return api.request<Page<ComplaintSummaryView>>('GET', '/staff/complaints', { query: { filter, cursor } });
}

/** The unit's (or community's) own tasks. */
export function listTasks(filter: TaskFilterValue, cursor?: string): Promise<Page<ComplaintSummaryView>> {
  return api.request<Page<ComplaintSummaryView>>('GET', '/staff/tasks', { query: { filter, cursor } });
}

export function getStaffComplaint(id: string): Promise<ComplaintView> {
  return api.request<ComplaintView>('GET', `/staff/complaints/${encodeURIComponent(id)}`);
}

function act<B>(action: string) {
  return (id: string, body: B): Promise<ComplaintView> =>
    api.request<ComplaintView>('POST', `/staff/complaints/${encodeURIComponent(id)}/${action}`, { body });
}

// One function per staff action, named as the product says it; the path is the BFF's.
export const acceptComplaint = act<z.input<typeof NoteBody>>('accept');
export const rejectComplaint = act<z.input<typeof RejectBody>>('reject');
export const dispatchComplaint = act<z.input<typeof DispatchBody>>('dispatch');
export const superviseComplaint = act<z.input<typeof NoteBody>>('supervise');
export const recordPhoneCallback = act<z.input<typeof PhoneCallbackBody>>('phone-callback');
export const ruleOnAppeal = act<z.input<typeof AppealRulingBody>>('appeal-ruling');
export const signForTask = act<z.input<typeof NoteBody>>('sign');
export const returnTask = act<z.input<typeof ReasonBody>>('return');
export const recordContact = act<z.input<typeof ContactBody>>('contact');
export const resolveTask = act<z.input<typeof ResolveBody>>('resolve');
export const appealTask = act<z.input<typeof AppealBody>>('appeal');
