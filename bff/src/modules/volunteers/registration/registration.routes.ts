import { RegisterVolunteerBody, VolunteerProfileView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import type { Guards } from '../../identity/guards';
import type { createRegistrationService } from './registration.service';

/** Registering as a volunteer and one's own profile (issue 4). */
export function registrationRoutes(guards: Guards, registration: ReturnType<typeof createRegistrationService>): ApiRouter {
  const guard = guards.requireUser;
  return new ApiRouter('/api/v1')
    .route(
      { method: 'post', path: '/volunteers', summary: '注册志愿者（需实名；14–17岁需监护人同意）', body: RegisterVolunteerBody, response: VolunteerProfileView, status: 201, guard },
      (ctx, { body }) => registration.registerVolunteer(ctx.state.user!, body),
    )
    .route({ method: 'get', path: '/volunteers/me', summary: '我的志愿者档案（时长、星级）', response: VolunteerProfileView, guard }, (ctx) =>
      registration.myProfile(ctx.state.user!),
    );
}
