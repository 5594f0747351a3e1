import { redactPersonalData, roundCoordinate } from '@gongzhi/shared';
import type { ComplaintEvent, ComplaintRecord } from './complaint.model';

/**
 * What of a complaint anyone may see: Open311, the people who follow it, the offer of similar
 * complaints. Category, state and a place rounded to ~100 m always; the description and address
 * only when the resident agreed at filing, and then masked; the exact point only when they chose it
 * too, and never when they hid their identity from the unit.
 */
export interface PublicFacts {
  description: string | null;
  address: string | null;
  point: { lat: number; lng: number };
}

type Publishable = Pick<ComplaintRecord, 'description' | 'location' | 'showIdentityToUnit' | 'publicConsent' | 'publicExactPoint'>;

export function publicFactsOf(c: Publishable): PublicFacts {
  const consent = Boolean(c.publicConsent);
  const identified = c.showIdentityToUnit !== false;
  const exact = consent && identified && Boolean(c.publicExactPoint);
  const { lat, lng } = c.location.point;
  return {
    description: consent ? redactPersonalData(c.description) : null,
    address: consent && identified ? redactPersonalData(c.location.address) : null,
    point: exact ? { lat, lng } : { lat: roundCoordinate(lat), lng: roundCoordinate(lng) },
  };
}

/** The event's public text, masked; null when nothing of it is public. */
export function publicNoteOf(e: Pick<ComplaintEvent, 'public' | 'publicNote'>): string | null {
  return e.public && e.publicNote ? redactPersonalData(e.publicNote) : null;
}

/** A staff note as it may reach the public: only when the staff member marked it public. */
export function publicly(body: { public: boolean }, note: string | undefined): string | undefined {
  return body.public && note ? note : undefined;
}
