import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { UserView } from '@gongzhi/shared';
import { hasSession } from '../../api/auth';
import { ApiError, toApiError } from '../../api/errors';
import { getMe } from '../../api/me';
import { getVolunteerProfile, type VolunteerProfile } from '../../api/volunteers';

export type VolunteerState =
  | { kind: 'anonymous' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'unverified'; user: UserView }
  | { kind: 'unregistered'; user: UserView }
  | { kind: 'volunteer'; user: UserView; profile: VolunteerProfile };

/** Who is looking: not logged in, without a real name, not yet a volunteer, or a volunteer with a profile. */
export function useVolunteer() {
  const [state, setState] = useState<VolunteerState>(() => (hasSession() ? { kind: 'loading' } : { kind: 'anonymous' }));

  const load = useCallback(async () => {
    if (!hasSession()) {
      setState({ kind: 'anonymous' });
      return;
    }
    try {
      const user = await getMe();
      if (!user.verified) {
        setState({ kind: 'unverified', user });
        return;
      }
      try {
        setState({ kind: 'volunteer', user, profile: await getVolunteerProfile() });
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'VOLUNTEER_NOT_REGISTERED') setState({ kind: 'unregistered', user });
        else throw failure;
      }
    } catch (failure) {
      setState(hasSession() ? { kind: 'failed', message: toApiError(failure).message } : { kind: 'anonymous' });
    }
  }, []);

  // on every show: coming back from registration or a shift changes the profile
  useDidShow(() => {
    void load();
  });

  return { state, reload: load };
}
