import type { ComplaintSummaryView, ShiftView } from '@gongzhi/shared';
import { pageUrl } from '@gongzhi/shared';
import { formatTime } from '../../components/format';

/** One thing on the home page that needs the resident now, and where to do it. */
export interface AttentionItem {
  key: string;
  text: string;
  url: string;
}

const SOON_MS = 48 * 3600_000;

/**
 * What needs the resident's attention: their own resolved complaints waiting for a rating (a followed
 * one is not theirs to rate), and the shifts they hold a seat on that start within two days.
 */
export function attentionItems(complaints: ComplaintSummaryView[], shifts: ShiftView[], now: number): AttentionItem[] {
  const toRate = complaints
    .filter((c) => c.state === 'resolved' && !c.viewerFollows)
    .map((c) => ({ key: `c${c.id}`, text: `请评价：${c.categoryName}（${c.number}）`, url: pageUrl('complaintDetail', { id: c.id }) }));
  const soon = shifts
    .filter((s) => s.mySignup?.status === 'confirmed')
    .filter((s) => Date.parse(s.startAt) > now && Date.parse(s.startAt) - now <= SOON_MS)
    .map((s) => ({ key: `s${s.id}`, text: `志愿服务：${s.projectTitle}，${formatTime(s.startAt)} 开始`, url: pageUrl('volunteerShift', { id: s.id }) }));
  return [...toRate, ...soon];
}
