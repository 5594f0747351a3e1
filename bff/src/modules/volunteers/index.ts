import type { AppDeps } from '../../platform/deps';
import type { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import { attendanceRoutes } from './attendance/attendance.routes';
import { createAttendanceService } from './attendance/attendance.service';
import { certificateRoutes } from './certificates/certificate.routes';
import { createCertificateService } from './certificates/certificate.service';
import { hoursRoutes } from './hours/hours.routes';
import { createHoursService } from './hours/hours.service';
import { organisationRoutes } from './organisation/organisation.routes';
import { ratingRoutes } from './ratings/ratings.routes';
import { createRatingService } from './ratings/ratings.service';
import { registrationRoutes } from './registration/registration.routes';
import { shiftRoutes } from './shifts/shifts.routes';
import { createVolunteerServices } from './volunteer-services';

/**
 * The volunteers module, room by room: registration, organisation (teams, projects, publishing
 * shifts), shifts (finding, signing up, cancelling, the roster), attendance, hours, ratings and
 * certificates. Each room has its routes, service and model; the services are built once here.
 */
export function volunteerRoutes(deps: AppDeps, guards: Guards): ApiRouter[] {
  const { registration, organisation, queries, signups } = createVolunteerServices(deps);
  const hours = createHoursService(deps);
  return [
    registrationRoutes(guards, registration),
    organisationRoutes(guards, organisation),
    shiftRoutes(guards, queries, signups),
    attendanceRoutes(guards, createAttendanceService(deps), hours),
    hoursRoutes(guards, hours),
    ratingRoutes(guards, createRatingService(deps)),
    certificateRoutes(guards, createCertificateService(deps)),
  ];
}
