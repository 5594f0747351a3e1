import { COMPLAINT_STATE_LABELS, type ComplaintState, type Open311Request, type Open311Service } from '@gongzhi/shared';
import type { Types } from 'mongoose';
import type { CategoryRecord } from '../catalogue/category.model';
import type { ComplaintRecord } from '../complaints/complaint.model';
import { publicFactsOf, publicNoteOf } from '../complaints/complaint-public';

/** Rejected complaints are finished for the public too: the referral note says where to go instead. */
const CLOSED_STATES: readonly ComplaintState[] = ['closed', 'rejected'];
export const open311StatusOf = (state: ComplaintState): 'open' | 'closed' => (CLOSED_STATES.includes(state) ? 'closed' : 'open');
export const statesFor = (status: 'open' | 'closed') => (status === 'closed' ? { $in: CLOSED_STATES } : { $nin: CLOSED_STATES });

/** Leaf categories are the services; a category with active children is only a group heading. */
export function toServices(categories: CategoryRecord[]): Open311Service[] {
  const active = categories.filter((c) => c.active);
  const byId = new Map(active.map((c) => [c._id.toString(), c]));
  const isGroup = (c: CategoryRecord) => active.some((o) => o.parentId?.equals(c._id));
  return active
    .filter((c) => !isGroup(c) && (!c.parentId || byId.has(c.parentId.toString())))
    .map((c) => {
      const group = c.parentId ? byId.get(c.parentId.toString())!.name : '';
      return {
        service_code: c.code,
        service_name: c.name,
        description: c.admission.accepted ? [group, c.name].filter(Boolean).join(' · ') : `${c.name}：${c.admission.referral ?? ''}`,
        metadata: false,
        type: 'realtime' as const,
        keywords: [group, c.name, c.urgency === 'urgent' ? '紧急' : ''].filter(Boolean).join(','),
        group,
      };
    });
}

/**
 * The last note made public: a staff note marked public or generated text ("派至…"), masked. A
 * resident's own words (rating comment, send-back reason) never have a public note.
 */
function statusNotes(c: ComplaintRecord): string | null {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const note = publicNoteOf(c.events[i]!);
    if (note) return note;
  }
  return null;
}

function lastUpdate(c: ComplaintRecord): Date {
  const times = [c.stateChangedAt, ...c.events.filter((e) => e.public).map((e) => e.at)].map((d) => new Date(d).getTime());
  return new Date(Math.max(...times));
}

/**
 * Only what the resident agreed to publish (complaint-public.ts): without consent the description
 * and address are empty strings (the spec's fields stay, so clients do not break) and the point is
 * the ~100 m area.
 */
export function toRequest(c: ComplaintRecord, codeOf: (categoryId: Types.ObjectId) => string | null): Open311Request {
  const resolveBy = c.deadlines?.resolve;
  const facts = publicFactsOf(c);
  return {
    service_request_id: c.number,
    status: open311StatusOf(c.state),
    status_notes: statusNotes(c),
    service_name: c.categoryName,
    service_code: codeOf(c.categoryId),
    description: facts.description ?? '',
    agency_responsible: c.unitName ?? null,
    service_notice: COMPLAINT_STATE_LABELS[c.state],
    requested_datetime: new Date(c.createdAt).toISOString(),
    updated_datetime: lastUpdate(c).toISOString(),
    expected_datetime: resolveBy ? new Date(resolveBy).toISOString() : null,
    address: facts.address ?? '',
    lat: facts.point.lat,
    long: facts.point.lng,
  };
}
