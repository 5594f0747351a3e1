import type { ComplaintSummaryView, ComplaintView } from '@gongzhi/shared';
import { now } from '../../platform/clock';
import { handlesComplaint, type Actor } from './complaint-access';
import { offeredActions } from '../../platform/action-table';
import { COMPLAINT_ACTIONS, refusalOf, type ComplaintActionName } from './complaint-actions';
import type { ComplaintRecord } from './complaint.model';
import { publicFactsOf, publicNoteOf } from './complaint-public';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

const shortened = (text: string) => {
  const chars = Array.from(text);
  return chars.length > 60 ? chars.slice(0, 59).join('') + '…' : text;
};

export function toSummaryView(c: ComplaintRecord): ComplaintSummaryView {
  return {
    id: c._id.toString(),
    number: c.number,
    state: c.state,
    categoryName: c.categoryName,
    communityName: c.communityName,
    summary: shortened(c.description),
    address: c.location.address,
    createdAt: c.createdAt.toISOString(),
    unitName: c.unitName ?? null,
    overdue: Boolean(c.overdue?.any),
    supervised: Boolean(c.supervised),
  };
}

/**
 * The summary anyone else sees (followers' lists, the offer of similar complaints): the description
 * and address only as far as the resident made them public (complaint-public.ts), else empty.
 */
export function toPublicSummaryView(c: ComplaintRecord): ComplaintSummaryView {
  const facts = publicFactsOf(c);
  return { ...toSummaryView(c), summary: shortened(facts.description ?? ''), address: facts.address ?? '' };
}

/** A resident reading a complaint someone else filed: they follow it and get the public view only. */
const isFollower = (c: ComplaintRecord, actor: Actor) => actor.role === 'resident' && !c.residentId.equals(actor.id);

/**
 * The detail. Residents get the public events only; staff get every event and, where allowed,
 * the resident's masked name and phone (decided by the caller, which also audits the read).
 */
export function toComplaintView(
  c: ComplaintRecord,
  viewer: { actor: Actor; staff: boolean; resident?: { name: string; phone: string } | null },
): ComplaintView {
  const deadlines: Record<string, string> = {};
  for (const [name, at] of Object.entries(c.deadlines ?? {})) if (at) deadlines[name] = new Date(at).toISOString();
  if (isFollower(c, viewer.actor)) return toFollowerView(c, deadlines);
  return {
    ...toSummaryView(c),
    description: c.description,
    photoIds: c.photoIds.map(String),
    location: { point: { lat: c.location.point.lat, lng: c.location.point.lng }, address: c.location.address },
    deadlines,
    redoRounds: c.redoRounds,
    rating: c.rating
      ? {
          satisfaction: c.rating.satisfaction,
          resolved: c.rating.resolved,
          ...(c.rating.comment ? { comment: c.rating.comment } : {}),
          source: c.rating.source,
          at: new Date(c.rating.at).toISOString(),
        }
      : null,
    ratingDueAt: iso(c.ratingDueAt),
    resident: viewer.staff ? (viewer.resident ?? null) : null,
    timeline: c.events
      .filter((e) => viewer.staff || e.public)
      .map((e) => ({
        ...timelineEntry(e, e.note),
        ...(e.photoIds?.length ? { photoIds: e.photoIds.map(String) } : {}),
        public: e.public,
      })),
    allowedActions: allowedActions(c, viewer.actor),
    ...(viewer.staff && isUnitStaff(viewer.actor) && !handlesComplaint(viewer.actor, c) ? { viewerAssists: true } : {}),
  };
}

/** One event of a timeline, with the note this viewer may read (none: no note). */
function timelineEntry(e: ComplaintRecord['events'][number], note: string | null | undefined) {
  return {
    action: e.action,
    from: e.from,
    to: e.to,
    at: new Date(e.at).toISOString(),
    actorRole: e.actorRole,
    actorLabel: e.actorLabel,
    ...(note ? { note } : {}),
  };
}

/**
 * The public view for a follower: state, category, deadlines and the public timeline, whose notes
 * are only what staff marked public (masked); never the resident's words, photos, place or identity.
 */
function toFollowerView(c: ComplaintRecord, deadlines: Record<string, string>): ComplaintView {
  const facts = publicFactsOf(c);
  return {
    ...toPublicSummaryView(c),
    description: facts.description ?? '',
    photoIds: [],
    location: { point: facts.point, address: facts.address ?? '' },
    deadlines,
    redoRounds: c.redoRounds,
    rating: null,
    ratingDueAt: null,
    resident: null,
    timeline: c.events.filter((e) => e.public).map((e) => ({ ...timelineEntry(e, publicNoteOf(e)), public: true })),
    allowedActions: [],
    viewerFollows: true,
  };
}

/**
 * What the viewer may do next, for the buttons the mini-program shows: every offered action of the
 * table (complaint-actions.ts) whose role, from-states and preconditions this viewer and complaint
 * meet now. The server still judges each action by the same table when it is taken.
 */
export function allowedActions(c: ComplaintRecord, actor: Actor): string[] {
  // the view's actor reads with the widest scope; an assisting unit (协办) reads only, the main unit acts
  if (isUnitStaff(actor) && !handlesComplaint(actor, c)) return [];
  const at = now();
  return offeredActions<ComplaintActionName>(COMPLAINT_ACTIONS, (action) => refusalOf(action, { c, actor, at }));
}

const isUnitStaff = (actor: Actor) => actor.role === 'unit_staff' || actor.role === 'community_staff';
