import { canTransition, COMPLAINT_STATES, COMPLAINT_TRANSITIONS, isSameProblemNearby, type ComplaintState } from './complaints';

describe('complaint transitions', () => {
  it('when a complaint is closed or rejected, then no action moves it any more', () => {
    for (const action of Object.keys(COMPLAINT_TRANSITIONS) as Array<keyof typeof COMPLAINT_TRANSITIONS>) {
      expect(canTransition(action, 'closed')).toBe(false);
      expect(canTransition(action, 'rejected')).toBe(false);
    }
  });

  it('when the flow is followed from intake, then every state but the terminal ones has a way out', () => {
    const exits = new Set<ComplaintState>(Object.values(COMPLAINT_TRANSITIONS).flatMap((t) => [...t.from]));
    expect(COMPLAINT_STATES.filter((s) => !exits.has(s))).toEqual(['rejected', 'closed']);
  });

  it('when a resident is unsatisfied, then only a resolved complaint can be sent back, to the same unit (reopened → sign)', () => {
    expect(canTransition('sendBack', 'resolved')).toBe(true);
    expect(canTransition('sendBack', 'rated')).toBe(false);
    expect(canTransition('sign', 'reopened')).toBe(true);
  });
});

describe('isSameProblemNearby (the duplicate offer and the follow check)', () => {
  const at = new Date('2026-12-04T08:00:00Z');
  const metersNorth = (m: number) => (m / 6_371_008.8) * (180 / Math.PI);
  const here = { categoryId: 'c1', lat: 22.5431, lng: 114.0579 };
  const candidate = { categoryId: 'c1', point: { lat: 22.5431, lng: 114.0579 }, createdAt: at, state: 'dispatched' as const };
  it('when everything matches, then it is the same problem', () => {
    expect(isSameProblemNearby(candidate, here, at)).toBe(true);
  });
  it('when the category differs, then it is not', () => {
    expect(isSameProblemNearby({ ...candidate, categoryId: 'c2' }, here, at)).toBe(false);
  });
  it('when 49 m away, then it is; when 51 m away, then it is not', () => {
    expect(isSameProblemNearby({ ...candidate, point: { ...candidate.point, lat: here.lat + metersNorth(49) } }, here, at)).toBe(true);
    expect(isSameProblemNearby({ ...candidate, point: { ...candidate.point, lat: here.lat + metersNorth(51) } }, here, at)).toBe(false);
  });
  it('when filed 7 days ago exactly, then it is; 7 days and a minute, then it is not', () => {
    const daysAgo = (d: number, extraMs = 0) => new Date(at.getTime() - d * 86_400_000 - extraMs);
    expect(isSameProblemNearby({ ...candidate, createdAt: daysAgo(7) }, here, at)).toBe(true);
    expect(isSameProblemNearby({ ...candidate, createdAt: daysAgo(7, 60_000) }, here, at)).toBe(false);
  });
  it('when no longer open, then it is not', () => {
    for (const state of ['resolved', 'rated', 'closed', 'rejected'] as const) expect(isSameProblemNearby({ ...candidate, state }, here, at)).toBe(false);
  });
});
