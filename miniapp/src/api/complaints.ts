import type { ComplaintSummaryView, ComplaintView, CreateComplaintBody, FollowComplaintBody, RateComplaintBody } from '@gongzhi/shared';
import { api } from './index';
import type { Page } from './reference';

/** The resident's calls. The same key with the same body returns the complaint already filed. */
export function fileComplaint(body: CreateComplaintBody, idempotencyKey: string): Promise<ComplaintView> {
  return api.request<ComplaintView>('POST', '/complaints', { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export async function findSimilarComplaints(query: { categoryId: string; lat: number; lng: number }): Promise<ComplaintSummaryView[]> {
  const result = await api.request<{ items: ComplaintSummaryView[] }>('GET', '/complaints/similar', { query });
  return result.items;
}

/** Following instead of filing: the server checks the same rule as the offer against what the resident was about to file. */
export function followComplaint(id: string, body: FollowComplaintBody): Promise<ComplaintView> {
  return api.request<ComplaintView>('POST', `/complaints/${encodeURIComponent(id)}/follow`, { body });
}

export function listMyComplaints(query: { cursor?: string; limit?: number } = {}): Promise<Page<ComplaintSummaryView>> {
  return api.request<Page<ComplaintSummaryView>>('GET', '/complaints/mine', { query });
}

export function getComplaint(id: string): Promise<ComplaintView> {
  return api.request<ComplaintView>('GET', `/complaints/${encodeURIComponent(id)}`);
}

export function rateComplaint(id: string, body: RateComplaintBody): Promise<ComplaintView> {
  return api.request<ComplaintView>('POST', `/complaints/${encodeURIComponent(id)}/rating`, { body });
}

export function sendBackComplaint(id: string, body: { reason: string }): Promise<ComplaintView> {
  return api.request<ComplaintView>('POST', `/complaints/${encodeURIComponent(id)}/send-back`, { body });
}
