import { maskName, type ShiftView, fromCst } from '@gongzhi/shared';
import { Types, type Connection, type QueryFilter } from 'mongoose';
import type { z } from 'zod';
import type { CursorQuery, ShiftListQuery } from '@gongzhi/shared';
import { now } from '../../../platform/clock';
import type { AppDeps } from '../../../platform/deps';
import { AppError } from '../../../platform/errors';
import { readById } from '../../../platform/reads-by-id';
import { invalidCursor } from '../../../platform/pagination';
import { Users, type UserRecord } from '../../identity/user.model';
import { requireOrganiser } from '../organisation/organiser-access';
import { Shifts, type ShiftRecord } from './shift.model';
import { shiftSeating } from './shift-seating';
import { seatCounts } from '../../../platform/seating';
import { shiftView } from './shift-view';
import { signupIdOf } from './signup-keys';
import { Signups, type SignupRecord } from './signup.model';
import { Volunteers } from '../registration/volunteer.model';

/** Reading shifts: the browse list, one shift, the caller's own shifts, the organiser's roster. */
export function createShiftQueries({ conn, cipher }: Pick<AppDeps, 'conn' | 'cipher'>) {
  const seating = shiftSeating(conn);

  async function listShifts(user: UserRecord, query: z.infer<typeof ShiftListQuery>) {
    // `from` is a Beijing calendar day; without it, shifts that have not ended yet.
    const filter: QueryFilter<ShiftRecord> = query.from ? { startAt: { $gte: fromCst(query.from) } } : { endAt: { $gt: now() } };
    if (query.communityId) filter.communityId = new Types.ObjectId(query.communityId);
    if (query.skill) filter.requiredSkills = query.skill;
    const after = parseCursor(query.cursor);
    const page = after
      ? { $and: [filter, { $or: [{ startAt: { $gt: after.startAt } }, { startAt: after.startAt, _id: { $gt: after.id } }] }] }
      : filter;
    const rows = await Shifts(conn).find(page).sort({ startAt: 1, _id: 1 }).limit(query.limit + 1).lean();
    const shifts = rows.slice(0, query.limit);
    const last = shifts[shifts.length - 1];
    return {
      items: await viewsFor(user, shifts),
      nextCursor: rows.length > query.limit && last ? `${last.startAt.getTime()}_${last._id.toString()}` : null,
    };
  }

  /** `known`: the caller's sign-up as just written. */
  async function shiftDetail(user: UserRecord, rawId: string, known?: { signup: SignupRecord }): Promise<ShiftView> {
    const [view] = await viewsFor(user, [await findShift(conn, rawId)], known?.signup);
    return view!;
  }

  /** The caller's sign-ups, newest first, each with its shift. */
  async function myShifts(user: UserRecord, query: z.infer<typeof CursorQuery>) {
    const after = parseCursor(query.cursor);
    const filter: QueryFilter<SignupRecord> = after
      ? { userId: user._id, $or: [{ createdAt: { $lt: after.startAt } }, { createdAt: after.startAt, _id: { $lt: after.id } }] }
      : { userId: user._id };
    const rows = await Signups(conn).find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit + 1).lean();
    const signups = rows.slice(0, query.limit);
    const shifts = await Shifts(conn).find({ _id: { $in: signups.map((s) => s.shiftId) } }).lean();
    const byId = new Map<string, ShiftRecord>(shifts.map((s) => [s._id.toString(), s]));
    const ordered = signups.flatMap((s) => byId.get(s.shiftId.toString()) ?? []);
    const last = signups[signups.length - 1];
    return { items: await viewsFor(user, ordered), nextCursor: rows.length > query.limit && last ? `${last.createdAt.getTime()}_${last._id.toString()}` : null };
  }

  async function roster(user: UserRecord, rawId: string) {
    const shift = await findShift(conn, rawId);
    await requireOrganiser(conn, user, shift);
    const signups = await Signups(conn).find({ shiftId: shift._id }).lean();
    const volunteers = await Volunteers(conn).find({ userId: { $in: signups.map((s) => s.userId) } }, { userId: 1, volunteerNumber: 1 }).lean();
    const users = await Users(conn).find({ _id: { $in: signups.map((s) => s.userId) } }, { realName: 1 }).lean();
    const numberOf = new Map(volunteers.map((v) => [v.userId.toString(), v.volunteerNumber]));
    const nameOf = new Map(users.map((u) => [u._id.toString(), u.realName ? maskName(cipher.decrypt(u.realName.nameCipher)) : '']));
    // Seats are numbered in the order they were taken (signed up, or promoted), the waitlist in ticket order.
    const rank = (s: SignupRecord) => (s.status === 'confirmed' || s.status === 'attended' ? 0 : s.status === 'waitlisted' ? 1 : 2);
    const seatedAt = (s: SignupRecord) => (s.promotedAt ?? s.createdAt).getTime();
    signups.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? seatedAt(a) - seatedAt(b) : (a.ticket ?? 0) - (b.ticket ?? 0)) || a._id.toString().localeCompare(b._id.toString()));
    const seated = signups.filter((s) => rank(s) === 0);
    const waitlist = signups.filter((s) => s.status === 'waitlisted');
    const [view] = await viewsFor(user, [shift]);
    return {
      shift: view!,
      items: signups.map((s) => ({
        signupId: s._id.toString(),
        userId: s.userId.toString(),
        volunteerNumber: numberOf.get(s.userId.toString()) ?? '',
        name: nameOf.get(s.userId.toString()) ?? '',
        status: s.status,
        seat: rank(s) === 0 ? seated.indexOf(s) + 1 : null,
        waitlistPosition: s.status === 'waitlisted' ? waitlist.indexOf(s) + 1 : null,
      })),
    };
  }

  async function viewsFor(user: UserRecord, shifts: ShiftRecord[], written?: SignupRecord): Promise<ShiftView[]> {
    if (shifts.length === 0) return [];
    // The counts are the shift's own counters; the caller's sign-up is found by _id, its place in line by the waitlist's index.
    const mine = await Signups(conn).find({ _id: { $in: shifts.map((s) => signupIdOf(s._id, user._id)) } }).lean();
    return Promise.all(
      shifts.map(async (s) => {
        const signup = written?.shiftId.equals(s._id) ? written : mine.find((m) => m.shiftId.equals(s._id));
        return shiftView(s, seatCounts(s), signup ? { signup, waitlistPosition: await seating.waitlistPosition(s._id, signup) } : null);
      }),
    );
  }

  return { listShifts, shiftDetail, myShifts, roster };
}

export type ShiftQueries = ReturnType<typeof createShiftQueries>;

export async function findShift(conn: Connection, rawId: string): Promise<ShiftRecord> {
  // by _id through the driver, shared with the requests asking at the same moment (platform/reads-by-id.ts):
  // a sign-up storm asks for one shift a thousand times (bench/signup-storm.ts)
  const shift = await readById<ShiftRecord>(conn, Shifts(conn).collection.collectionName)(rawId);
  if (!shift) throw new AppError('SHIFT_NOT_FOUND', 404);
  return shift;
}

function parseCursor(cursor: string | undefined): { startAt: Date; id: Types.ObjectId } | null {
  if (cursor === undefined) return null;
  const m = /^(\d{1,15})_([0-9a-f]{24})$/.exec(cursor);
  if (!m) throw invalidCursor();
  return { startAt: new Date(Number(m[1])), id: new Types.ObjectId(m[2]) };
}
