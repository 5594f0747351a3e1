import { complaintsApi, type ComplaintSummaryView, type ComplaintView, type CreateComplaintBody, type FollowComplaintBody, type RateComplaintBody, type RouteOutput } from '@gongzhi/shared';
import { api } from './index';

/** The resident's calls. The same key with the same body returns the complaint already filed. */
export function fileComplaint(body: CreateComplaintBody, idempotencyKey: string): Promise<ComplaintView> {
  return api.call(complaintsApi.file, { body }, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export async function findSimilarComplaints(query: { categoryId: string; lat: number; lng: number }): Promise<ComplaintSummaryView[]> {
  return (await api.call(complaintsApi.similar, { query })).items;
}

/** Following instead of filing: the server checks the same rule as the offer against what the resident was about to file. */
export function followComplaint(id: string, body: FollowComplaintBody): Promise<ComplaintView> {
  return api.call(complaintsApi.follow, { params: { id }, body });
}

export function listMyComplaints(query: { cursor?: string; limit?: number } = {}): Promise<RouteOutput<typeof complaintsApi.mine>> {
  return api.call(complaintsApi.mine, { query });
}

export function getComplaint(id: string): Promise<ComplaintView> {
  return api.call(complaintsApi.detail, { params: { id } });
}

export function rateComplaint(id: string, body: RateComplaintBody): Promise<ComplaintView> {
  return api.call(complaintsApi.rate, { params: { id }, body });
}

export function sendBackComplaint(id: string, body: { reason: string }): Promise<ComplaintView> {
  return api.call(complaintsApi.sendBack, { params: { id }, body });
}
