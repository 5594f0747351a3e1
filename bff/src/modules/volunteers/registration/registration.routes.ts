import { volunteerApi } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { createRegistrationService } from './registration.service';

/** Registering as a volunteer and one's own profile. */
export function registrationRoutes(guards: Guards, registration: ReturnType<typeof createRegistrationService>): ApiRouter {
  return new ApiRouter(guards)
    .mount(volunteerApi.register, (ctx, { body }) => registration.registerVolunteer(ctx.state.user!, body))
    .mount(volunteerApi.profile, (ctx) => registration.myProfile(ctx.state.user!));
}
