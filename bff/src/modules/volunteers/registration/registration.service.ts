import { ADULT_AGE, ageOn, MIN_REGISTRATION_AGE, starProgress, type RegisterVolunteerBody } from '@gongzhi/shared';
import type { Connection } from 'mongoose';
import { now } from '../../../platform/clock';
import { isDuplicateKeyError } from '../../../platform/database';
import type { AppDeps } from '../../../platform/deps';
import { readById } from '../../../platform/reads-by-id';
import { AppError } from '../../../platform/errors';
import type { UserRecord } from '../../identity/user.model';
import { confirmedHoursOf } from '../hours/ledger.service';
import { volunteerRatingOf } from '../ratings/ratings.service';
import { newVolunteerNumber } from './volunteer-number';
import { Volunteers, type VolunteerRecord } from './volunteer.model';

/** Becoming a volunteer (PRODUCT.md §3): real name first; under 14 refused, 14–17 with a guardian's consent. */
export function createRegistrationService({ conn }: Pick<AppDeps, 'conn'>) {
  const volunteers = Volunteers(conn);

  async function registerVolunteer(user: UserRecord, body: RegisterVolunteerBody) {
    if (!user.realName) throw new AppError('REAL_NAME_REQUIRED', 403);
    const at = now();
    const age = ageOn(user.realName.birthDate, at);
    if (age < MIN_REGISTRATION_AGE) throw new AppError('AGE_UNDER_14', 422);
    const minor = age < ADULT_AGE;
    if (minor && !body.guardianConsent) throw new AppError('GUARDIAN_CONSENT_REQUIRED', 422);
    const record = {
      userId: user._id,
      skills: body.skills,
      availability: body.availability,
      minor,
      ...(minor && body.guardianConsent
        ? { guardianConsent: { guardianName: body.guardianConsent.guardianName, relation: body.guardianConsent.relation, agreedAt: at } }
        : {}),
      communityId: user.realName.communityId,
      registeredAt: at,
      nominated: false,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        // Keyed by the user's id: FerretDB 1.24 finds a document fast only by _id (requireVolunteer).
        const created = await volunteers.create({ _id: user._id, ...record, volunteerNumber: newVolunteerNumber(at) });
        return profileView(conn, created.toObject());
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Which index refused it: the user's own (already registered) or a number drawn twice.
        if ((await volunteers.exists({ _id: user._id })) || (await volunteers.exists({ userId: user._id }))) throw new AppError('VOLUNTEER_ALREADY_REGISTERED', 409);
        if (attempt >= 5) throw err;
      }
    }
  }

  async function myProfile(user: UserRecord) {
    return profileView(conn, await requireVolunteer(conn, user));
  }

  return { registerVolunteer, myProfile };
}

export async function requireVolunteer(conn: Connection, user: UserRecord): Promise<VolunteerRecord> {
  // Records made before volunteers were keyed by their user's id are found by userId.
  // by _id, shared with the requests asking at the same moment, as findShift: read on every sign-up
  const volunteers = Volunteers(conn).collection;
  const v = (await readById<VolunteerRecord>(conn, volunteers.collectionName)(user._id)) ?? (await volunteers.findOne<VolunteerRecord>({ userId: user._id }));
  if (!v) throw new AppError('VOLUNTEER_NOT_REGISTERED', 403);
  return v;
}

/** Stars come from the ledger's confirmed hours and the tenure since registration (STAR_LEVELS). */
export async function starsOf(conn: Connection, v: VolunteerRecord) {
  const confirmedHours = await confirmedHoursOf(conn, v.userId);
  const progress = starProgress({ confirmedHours, registeredAt: v.registeredAt, now: now(), nominated: v.nominated });
  return { confirmedHours, progress };
}

async function profileView(conn: Connection, v: VolunteerRecord) {
  const [{ confirmedHours, progress }, rating] = await Promise.all([starsOf(conn, v), volunteerRatingOf(conn, v.userId)]);
  return {
    volunteerNumber: v.volunteerNumber,
    skills: v.skills,
    registeredAt: v.registeredAt.toISOString(),
    minor: v.minor,
    confirmedHours,
    stars: progress.current,
    progress,
    ratingAverage: rating.average,
    ratingCount: rating.count,
  };
}
